import type { StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { listRows } from "../common/list.js";
import { pinned } from "../common/pinned.js";
import type { TypeRules } from "../common/rules.js";
import { toStored } from "./statements.js";
import type { SqliteContext } from "./tenant.js";

// list() for SQLite. `userName eq` (and any unique attribute or id eq) is answered from
// the scim_unique primary key; the one candidate is then checked by the kernel evaluator.

function* scan(c: SqliteContext, tenant: string, rules: TypeRules): Iterable<StoredResource> {
  for (const row of c.st.scan.iterate(tenant, rules.name)) yield toStored(row);
}

function candidates(c: SqliteContext, tenant: string, rules: TypeRules, query: StoreQuery): Iterable<StoredResource> {
  const pin = query.filter && pinned(rules, query.filter);
  if (!pin) return scan(c, tenant, rules);
  let id: string | undefined;
  if (pin.kind === "id") id = pin.id;
  else if (pin.kind === "unique") id = c.st.uniqueOwner.get(tenant, rules.name, pin.rule.path, pin.key)?.id;
  const row = id === undefined ? undefined : c.st.get.get(tenant, rules.name, id);
  return row ? [toStored(row)] : [];
}

export function listSqlite(c: SqliteContext, tenant: string, rules: TypeRules, query: StoreQuery): StoreListResult {
  return listRows(rules, candidates(c, tenant, rules, query), query);
}
