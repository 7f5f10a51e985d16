import { filterToSql, sortToSql, type SqlTarget } from "../../filter/index.js";
import type { Filter } from "../../filter/ast.js";
import type { StoreListResult, StoreQuery } from "../contract.js";
import { pageBounds } from "../common/errors.js";
import { keysetPage, keysetSql, sortExpression, type KeyedRow } from "../common/keyset-sql.js";
import type { TypeRules } from "../common/rules.js";
import { ScimError } from "../../errors.js";
import { listSqlite, SQLITE_TARGET } from "./list.js";
import { COLUMNS, toStored, type ResourceRow } from "./statements.js";
import type { SqliteContext } from "./tenant.js";
import { valueTable } from "./values.js";

// Keyset pages for cursors (RFC 9865) in SQL: the sort expression is selected with each
// row, so the next page binds back exactly the value SQLite compared, and the condition
// (sort value, id) > (last value, last id) lets the (tenant, type, id) primary key or the
// sort column's index start where the last page ended. One extra row tells whether more follow.

const UNICODE: SqlTarget = { ...SQLITE_TARGET, columns: { userName: "r.user_name", externalId: "r.external_id", displayName: "r.display_name" } };
const fold = (sql: string): string => sql.replace(/\blower\(/g, "scim_lower(");
const SELECT = COLUMNS.split(", ").map((c) => `r.${c}`).join(", ");

function nonAscii(f: Filter): boolean {
  switch (f.type) {
    case "comparison":
      return typeof f.value === "string" && /[^\x00-\x7f]/.test(f.value);
    case "presence":
      return false;
    case "logical":
      return nonAscii(f.left) || nonAscii(f.right);
    default:
      return nonAscii(f.filter);
  }
}

export async function listSqliteKeyset(c: SqliteContext, tenant: string, rules: TypeRules, query: StoreQuery): Promise<StoreListResult> {
  const index = rules.index;
  // As list(): ASCII literals may use the NOCASE columns; others fold like the evaluator.
  const values = valueTable(tenant, rules.name);
  let where = query.filter ? filterToSql(query.filter, index, { ...SQLITE_TARGET, values }) : undefined;
  if (query.filter && nonAscii(query.filter)) {
    const exact = filterToSql(query.filter, index, { ...UNICODE, values });
    where = { sql: fold(exact.sql), params: exact.params };
  }
  const sort = query.sortBy !== undefined ? fold(sortExpression(sortToSql(query.sortBy, index, SQLITE_TARGET, query.sortOrder ?? "ascending").sql)) : undefined;
  const keyset = keysetSql(query, sort, "r.id", () => "?");
  const from = `FROM scim_resource r WHERE r.tenant = ? AND r.type = ?${where ? ` AND (${where.sql})` : ""}`;
  const params = [tenant, rules.name, ...(where?.params ?? [])];
  // totalResults as list() counts it: a filter no index serves is counted in slices that
  // yield to the event loop and stop at queryTimeoutMs. If that used half the budget, the
  // page statement (the same filter again) could not finish in time either.
  const started = performance.now();
  const { keyset: _, ...plain } = query;
  const total = (await listSqlite(c, tenant, rules, { ...plain, startIndex: 1, count: 0 })).totalResults;
  if (query.filter && (performance.now() - started) * 2 > c.queryTimeoutMs) {
    throw ScimError.badRequest("tooMany", `the filter needs more than ${c.queryTimeoutMs} ms to evaluate over this tenant's resources; narrow it`);
  }
  const { limit } = pageBounds(1, query.count);
  if (limit === 0) return { totalResults: total, resources: [], keyset: { more: false } };
  const select = `SELECT ${SELECT}${sort ? `, ${sort} AS scim_k` : ""} ${from}${keyset.where} ORDER BY ${keyset.orderBy} LIMIT ?`;
  const rows = c.prepared(select).all(...params, ...keyset.params, limit + 1) as KeyedRow<ResourceRow>[];
  return keysetPage(rows, limit, total, sort !== undefined, toStored);
}
