import { filterToSql, sortToSql, type SqlTarget } from "../../filter/index.js";
import type { StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { pageBounds } from "../common/errors.js";
import { listRows } from "../common/list.js";
import { pinned } from "../common/pinned.js";
import type { TypeRules } from "../common/rules.js";
import type { PgClient, PgQueryable } from "./pool.js";
import { SQL, toStored, type ResourceRow } from "./sql.js";
import { valueTable } from "./values.js";
import { filterToSqlKeys } from "../../filter/sql/translate.js";
import type { SqlValueTable } from "../../filter/sql/values.js";

// list() for PostgreSQL, pushed into SQL (RFC 7644 §3.4.2): filterToSql and sortToSql from
// the filter module write WHERE and ORDER BY with bound parameters only. The mapped
// expressions are exactly those of migration 2's indexes, so `lower(data->>'userName')`
// and `data->>'externalId'` comparisons are index scans. `userName eq` (any unique
// attribute or id eq) goes to the scim_unique primary key first.

const COLUMNS = {
  userName: "(r.data->>'userName')",
  externalId: "(r.data->>'externalId')",
  displayName: "(r.data->>'displayName')",
};

const target = (paramOffset: number, values?: SqlValueTable): SqlTarget => ({
  ...(values ? { values } : {}),
  dialect: "postgres",
  dataColumn: "r.data",
  metaColumns: { id: "r.id", created: "r.created", lastModified: "r.last_modified" },
  columns: COLUMNS,
  paramOffset,
});

const SELECT = "r.id, r.type, r.version, r.created, r.last_modified, r.data";

async function pinnedRows(client: PgQueryable, tenant: string, rules: TypeRules, query: StoreQuery): Promise<StoredResource[] | undefined> {
  const pin = query.filter && pinned(rules, query.filter);
  if (!pin) return undefined;
  if (pin.kind === "id") return (await client.query<ResourceRow>(SQL.get, [tenant, rules.name, pin.id])).rows.map(toStored);
  if (pin.kind === "unique") {
    return (await client.query<ResourceRow>(SQL.getByUnique, [tenant, rules.name, pin.rule.path, pin.key])).rows.map(toStored);
  }
  return [];
}

export interface ListSql {
  readonly count: { readonly sql: string; readonly params: unknown[] };
  /** The page query; LIMIT and OFFSET are its last two parameters. */
  readonly page: { readonly sql: string; readonly params: unknown[] };
  /** Unsorted and filtered: the matching seqs found once, counted and paged in one
   * statement (each row carries scim_total); its last parameters are OFFSET and LIMIT. */
  readonly counted?: { readonly sql: string; readonly params: unknown[] };
}

/** The SQL list() runs when no unique index pins the filter (also for EXPLAIN in the bench). */
export function listSql(tenant: string, rules: TypeRules, query: StoreQuery): ListSql {
  const index = rules.index;
  // Multi-valued value filters go to the scim_value side rows (migration 3).
  const values = valueTable(tenant, rules.name);
  const where = query.filter ? filterToSql(query.filter, index, target(2, values)) : undefined;
  // One value filter (`emails[…]`): its side rows alone say which resources match.
  const keys = query.filter ? filterToSqlKeys(query.filter, index, target(2, values)) : undefined;
  const whereParams = where?.params ?? [];
  const sort = query.sortBy !== undefined ? sortToSql(query.sortBy, index, target(2 + whereParams.length), query.sortOrder ?? "ascending") : undefined;
  const from = `FROM scim_resource r WHERE r.tenant = $1 AND r.type = $2${where ? ` AND (${where.sql})` : ""}`;
  const params = [tenant, rules.name, ...whereParams];
  // Ties break on id in the sort direction: (sort value, id) is total, as keyset cursors need.
  const descending = query.sortOrder === "descending";
  const orderBy = sort ? `${sort.sql}, r.id COLLATE "C" ${descending ? "DESC" : "ASC"}` : "r.seq";
  const all = [...params, ...(sort?.params ?? [])];
  const { offset, limit } = pageBounds(query.startIndex, query.count);
  // The matching seqs as one sorted array (one pass: a sort, no hash table or temporary
  // result), whose length is totalResults and whose slice is the page.
  // The side rows in seq order (ORDER BY 1): migration 4's index yields that order for free
  // under `type eq`, which keeps the planner on that index-only range rather than a scan
  // of the whole table (twice the CPU at 100k users); DISTINCT … ORDER BY stays the rule.
  const hits = keys ? `SELECT array_agg(DISTINCT k.seq ORDER BY k.seq) AS seqs FROM (${keys.sql} ORDER BY 1) k` : `SELECT array_agg(r.seq ORDER BY r.seq) AS seqs ${from}`;
  const hitParams = keys ? [tenant, rules.name, ...keys.params] : params;
  const [o, l] = [`$${hitParams.length + 1}::int`, `$${hitParams.length + 2}::int`];
  const counted = where && !sort
    ? {
        sql: `WITH hit AS (${hits}) SELECT cardinality(hit.seqs) AS scim_total, ${SELECT} FROM hit JOIN scim_resource r ON r.tenant = $1 AND r.type = $2 AND r.seq = ANY (hit.seqs[${o} + 1 : ${o} + ${l}]) ORDER BY r.seq`,
        params: [...hitParams, offset, limit],
      }
    : undefined;
  return {
    counted,
    count: { sql: `SELECT count(*) AS n ${from}`, params },
    page: { sql: `SELECT ${SELECT} ${from} ORDER BY ${orderBy} LIMIT $${all.length + 1} OFFSET $${all.length + 2}`, params: [...all, limit, offset] },
  };
}

/**
 * A filter pinned to one row by `id` or a unique key (`userName eq`) is answered by two
 * primary-key probes, bounded in time like get(): the caller may run it on the pool
 * without the timeout transaction (three round trips fewer). Undefined when not pinned.
 */
export async function listPinned(db: PgQueryable, tenant: string, rules: TypeRules, query: StoreQuery): Promise<StoreListResult | undefined> {
  if (query.keyset || !query.filter || !pinned(rules, query.filter)) return undefined;
  listSql(tenant, rules, query); // an invalid filter or sortBy fails as on the SQL path
  const hit = await pinnedRows(db, tenant, rules, query);
  return hit && listRows(rules, hit, query);
}

export async function listPostgres(client: PgClient, tenant: string, rules: TypeRules, query: StoreQuery): Promise<StoreListResult> {
  // Translated first: an invalid filter or sortBy fails identically whichever path answers.
  const sql = listSql(tenant, rules, query);
  const hit = await pinnedRows(client, tenant, rules, query);
  if (hit) return listRows(rules, hit, query);
  const { offset, limit } = pageBounds(query.startIndex, query.count);
  if (sql.counted && limit > 0) {
    // Find the matches once, not once to count and again to page.
    const r = await client.query<ResourceRow & { scim_total: string | number }>(sql.counted.sql, sql.counted.params);
    if (r.rows.length) return { totalResults: Number(r.rows[0]!.scim_total), resources: r.rows.map(toStored) };
  }
  const count = await client.query<{ n: string | number }>(sql.count.sql, sql.count.params);
  const total = Number(count.rows[0]?.n ?? 0);
  if (limit === 0 || offset >= total) return { totalResults: total, resources: [] };
  const rows = await client.query<ResourceRow>(sql.page.sql, sql.page.params);
  return { totalResults: total, resources: rows.rows.map(toStored) };
}
