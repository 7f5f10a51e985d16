import type { StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { listRows } from "../common/list.js";
import { pinned } from "../common/pinned.js";
import type { TypeRules } from "../common/rules.js";
import type { PgClient } from "./pool.js";
import { SQL, toStored, type ResourceRow } from "./sql.js";

// list() for PostgreSQL. `userName eq` (any unique attribute or id eq) is answered from
// the scim_unique primary key and the one candidate checked by the kernel evaluator.

async function candidates(client: PgClient, tenant: string, rules: TypeRules, query: StoreQuery): Promise<StoredResource[]> {
  const pin = query.filter && pinned(rules, query.filter);
  if (!pin) return (await client.query<ResourceRow>(SQL.scan, [tenant, rules.name])).rows.map(toStored);
  let id: string | undefined;
  if (pin.kind === "id") id = pin.id;
  else if (pin.kind === "unique") {
    id = (await client.query<{ id: string }>(SQL.uniqueOwner, [tenant, rules.name, pin.rule.path, pin.key])).rows[0]?.id;
  }
  if (id === undefined) return [];
  return (await client.query<ResourceRow>(SQL.get, [tenant, rules.name, id])).rows.map(toStored);
}

export async function listPostgres(client: PgClient, tenant: string, rules: TypeRules, query: StoreQuery): Promise<StoreListResult> {
  return listRows(rules, await candidates(client, tenant, rules, query), query);
}
