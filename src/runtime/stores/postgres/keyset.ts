import { filterToSql, sortToSql, type SqlTarget } from "../../filter/index.js";
import type { StoreListResult, StoreQuery } from "../contract.js";
import { pageBounds } from "../common/errors.js";
import { keysetPage, keysetSql, sortExpression, type KeyedRow } from "../common/keyset-sql.js";
import type { TypeRules } from "../common/rules.js";
import type { PgClient } from "./pool.js";
import { toStored, type ResourceRow } from "./sql.js";
import { valueTable } from "./values.js";

// Keyset pages for cursors (RFC 9865) in SQL. The sort expression is selected as text with
// each row (exact for numeric and timestamptz, where a JS number or Date would round) and
// bound back as the next page's lower bound, so PostgreSQL compares exactly what it sorted.
// Ids compare in the "C" collation, as list() orders them.

const target = (paramOffset: number): SqlTarget => ({
  dialect: "postgres",
  dataColumn: "r.data",
  metaColumns: { id: "r.id", created: "r.created", lastModified: "r.last_modified" },
  columns: { userName: "(r.data->>'userName')", externalId: "(r.data->>'externalId')", displayName: "(r.data->>'displayName')" },
  paramOffset,
});

const ID = `r.id COLLATE "C"`;

export async function listPostgresKeyset(client: PgClient, tenant: string, rules: TypeRules, query: StoreQuery): Promise<StoreListResult> {
  const index = rules.index;
  const where = query.filter ? filterToSql(query.filter, index, { ...target(2), values: valueTable(tenant, rules.name) }) : undefined;
  const params: unknown[] = [tenant, rules.name, ...(where?.params ?? [])];
  const sort = query.sortBy !== undefined ? sortExpression(sortToSql(query.sortBy, index, target(params.length), query.sortOrder ?? "ascending").sql) : undefined;
  const from = `FROM scim_resource r WHERE r.tenant = $1 AND r.type = $2${where ? ` AND (${where.sql})` : ""}`;
  const count = await client.query<{ n: string | number }>(`SELECT count(*) AS n ${from}`, params);
  const total = Number(count.rows[0]?.n ?? 0);
  const { limit } = pageBounds(1, query.count);
  if (limit === 0) return { totalResults: total, resources: [], keyset: { more: false } };
  let n = params.length;
  const keyset = keysetSql(query, sort, ID, () => `$${++n}`);
  const select = `SELECT r.id, r.type, r.version, r.created, r.last_modified, r.data${sort ? `, (${sort})::text AS scim_k` : ""} ${from}${keyset.where} ORDER BY ${keyset.orderBy} LIMIT $${++n}`;
  const rows = (await client.query<KeyedRow<ResourceRow>>(select, [...params, ...keyset.params, limit + 1])).rows;
  return keysetPage(rows, limit, total, sort !== undefined, toStored);
}
