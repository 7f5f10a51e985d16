import { filterToSqlKeys } from "../../filter/sql/translate.js";
import { filterToSql, sortToSql, SQLITE_UNICODE_LOWER, type SqlTarget } from "../../filter/index.js";
import type { Filter } from "../../filter/ast.js";
import { ScimError } from "../../errors.js";
import type { StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { listRows } from "../common/list.js";
import { pageBounds } from "../common/errors.js";
import { pinned } from "../common/pinned.js";
import type { TypeRules } from "../common/rules.js";
import { COLUMNS, toStored, type ResourceRow } from "./statements.js";
import type { SqliteContext } from "./tenant.js";
import { valueTable } from "./values.js";

// list() for SQLite, pushed into SQL (RFC 7644 §3.4.2): the filter module's filterToSql
// and sortToSql write the WHERE and ORDER BY, bound parameters only; paging is
// LIMIT/OFFSET; the generated columns of migration 2 serve userName/externalId/displayName.
// `userName eq` (any unique attribute or id eq) goes to the scim_unique primary key first
// and its one candidate is checked by the kernel evaluator (Unicode case folding included).

export const SQLITE_TARGET: SqlTarget = {
  dialect: "sqlite",
  dataColumn: "r.data",
  metaColumns: { id: "r.id", created: "r.created", lastModified: "r.last_modified" },
  columns: {
    userName: { sql: "r.user_name", nocase: true },
    externalId: "r.external_id",
    displayName: { sql: "r.display_name", nocase: true },
  },
};

/** SQLite's NOCASE and lower() fold ASCII only; scim_lower (registered at open) folds as
 * the evaluator's toLowerCase does, at the price of the NOCASE indexes. */
const SQLITE_TARGET_UNICODE: SqlTarget = { ...SQLITE_TARGET, lower: SQLITE_UNICODE_LOWER };

/** Any non-ASCII string literal? Then case-insensitive tests need Unicode folding. */
function nonAscii(filter: Filter): boolean {
  switch (filter.type) {
    case "comparison":
      return typeof filter.value === "string" && /[^\x00-\x7f]/.test(filter.value);
    case "presence":
      return false;
    case "logical":
      return nonAscii(filter.left) || nonAscii(filter.right);
    case "not":
    case "valuePath":
      return nonAscii(filter.filter);
  }
}


const SELECT = COLUMNS.split(", ").map((c) => `r.${c}`).join(", ");

function pinnedRows(c: SqliteContext, tenant: string, rules: TypeRules, query: StoreQuery): StoredResource[] | undefined {
  const pin = query.filter && pinned(rules, query.filter);
  if (!pin) return undefined;
  let id: string | undefined;
  if (pin.kind === "id") id = pin.id;
  else if (pin.kind === "unique") id = c.st.uniqueOwner.get(tenant, rules.name, pin.rule.path, pin.key)?.id;
  const row = id === undefined ? undefined : c.st.get.get(tenant, rules.name, id);
  return row ? [toStored(row)] : [];
}

export interface ListSql {
  readonly count: { readonly sql: string; readonly params: unknown[] };
  /** The page query; LIMIT and OFFSET are its last two parameters. */
  readonly page: { readonly sql: string; readonly params: unknown[] };
  /** The same filter over one seq range [?, ?) (range bounds first, then the filter's). */
  readonly chunkCount: string;
  /** Matching rows of one seq range in creation order; then LIMIT ? OFFSET ?. */
  readonly chunkPage: string;
  readonly filterParams: unknown[];
  readonly sorted: boolean;
  /** Unsorted: the matching seqs found once, counted and paged in one statement (each row
   * carries scim_total); LIMIT and OFFSET are its last two parameters. */
  readonly counted: { readonly sql: string; readonly params: unknown[] };
}

/** The SQL list() runs when no unique index pins the filter (also for EXPLAIN in the bench). */
export function listSql(tenant: string, rules: TypeRules, query: StoreQuery): ListSql {
  const index = rules.index;
  // With ASCII literals, NOCASE columns and the built-in lower() agree with the evaluator's
  // toLowerCase and the NOCASE indexes serve equality; otherwise fold in JS.
  // Multi-valued value filters go to the scim_value side rows (migration 4).
  const values = valueTable(tenant, rules.name);
  let where = query.filter ? filterToSql(query.filter, index, { ...SQLITE_TARGET, values }) : undefined;
  if (query.filter && nonAscii(query.filter)) {
    where = filterToSql(query.filter, index, { ...SQLITE_TARGET_UNICODE, values });
  }
  // One value filter (`emails[…]`): its side rows alone say which resources match.
  const keys = query.filter && !nonAscii(query.filter) ? filterToSqlKeys(query.filter, index, { ...SQLITE_TARGET, values }) : undefined;
  const descending = query.sortOrder === "descending";
  // Stored values may be non-ASCII whatever the query: sort keys always fold in JS.
  const sort = query.sortBy !== undefined ? sortToSql(query.sortBy, index, SQLITE_TARGET_UNICODE, query.sortOrder ?? "ascending") : undefined;
  const cond = where ? ` AND (${where.sql})` : "";
  const from = `FROM scim_resource r WHERE r.tenant = ? AND r.type = ?${cond}`;
  const hits = keys ? `SELECT k.seq FROM (${keys.sql}) k GROUP BY k.seq` : `SELECT r.seq ${from}`;
  const range = `FROM scim_resource r WHERE r.tenant = ? AND r.type = ? AND r.seq >= ? AND r.seq < ?${cond}`;
  const filterParams = where?.params ?? [];
  const params = [tenant, rules.name, ...filterParams];
  // Ties break on id in the sort direction: (sort value, id) is total, as keyset cursors need.
  const orderBy = sort ? `${sort.sql}, r.id ${descending ? "DESC" : "ASC"}` : "r.seq";
  const { offset, limit } = pageBounds(query.startIndex, query.count);
  return {
    count: { sql: `SELECT count(*) AS n ${from}`, params },
    page: { sql: `SELECT ${SELECT} ${from} ORDER BY ${orderBy} LIMIT ? OFFSET ?`, params: [...params, ...(sort?.params ?? []), limit, offset] },
    chunkCount: `SELECT count(*) AS n ${range}`,
    chunkPage: `SELECT ${SELECT} ${range} ORDER BY r.seq LIMIT ? OFFSET ?`,
    filterParams,
    sorted: sort !== undefined,
    counted: {
      sql: `WITH hit(seq) AS MATERIALIZED (${hits}) SELECT (SELECT count(*) FROM hit) AS scim_total, ${SELECT} FROM scim_resource r WHERE r.seq IN (SELECT seq FROM hit ORDER BY seq LIMIT ? OFFSET ?) ORDER BY r.seq`,
      params: [...(keys ? keys.params : params), limit, offset],
    },
  };
}

const tooSlow = (ms: number): ScimError =>
  ScimError.badRequest("tooMany", `the filter needs more than ${ms} ms to evaluate over this tenant's resources; narrow it`);

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// An index that constrains more than (tenant, type) — externalId eq, displayName eq, an OR
// of such — answers in one short statement; only a scan of the whole tenant is sliced.
const INDEXED = /^(SEARCH r USING (COVERING )?INDEX \w+ \(tenant=\? AND type=\? AND |MULTI-INDEX OR)/;
const plans = new Map<string, boolean>();

function indexServed(c: SqliteContext, sql: string, params: unknown[]): boolean {
  let served = plans.get(sql);
  if (served === undefined) {
    const rows = c.prepared(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    served = rows.some((r) => INDEXED.test(r.detail)) && !rows.some((r) => r.detail.startsWith("SCAN r"));
    if (plans.size >= 256) plans.delete(plans.keys().next().value!);
    plans.set(sql, served);
  }
  return served;
}

/**
 * A filtered list scans in creation-order slices (seq ranges) so that no single statement
 * holds the event loop for long: between slices other requests run, and past the store's
 * query timeout the list stops with 400 tooMany instead of hanging (better-sqlite3 has no
 * statement timeout of its own). Slices size themselves to about 10 ms each.
 */
export async function listSqlite(c: SqliteContext, tenant: string, rules: TypeRules, query: StoreQuery): Promise<StoreListResult> {
  // Translated first: an invalid filter or sortBy fails identically whichever path answers.
  const sql = listSql(tenant, rules, query);
  const pinnedHit = pinnedRows(c, tenant, rules, query);
  if (pinnedHit) return listRows(rules, pinnedHit, query);
  const { offset, limit } = pageBounds(query.startIndex, query.count);
  if (!query.filter || indexServed(c, sql.count.sql, sql.count.params)) {
    // No filter, or one an index serves: a short count and page, each one statement.
    if (query.filter && !sql.sorted && limit > 0) {
      // A value filter's side-table scan is the cost: find the matches once, not twice.
      const rows = c.prepared(sql.counted.sql).all(...sql.counted.params) as (ResourceRow & { scim_total: number })[];
      if (rows.length) return { totalResults: rows[0]!.scim_total, resources: rows.map(toStored) };
    }
    const total = (c.prepared(sql.count.sql).get(...sql.count.params) as { n: number }).n;
    if (limit === 0 || offset >= total) return { totalResults: total, resources: [] };
    return { totalResults: total, resources: (c.prepared(sql.page.sql).all(...sql.page.params) as ResourceRow[]).map(toStored) };
  }
  const bounds = c.st.seqBounds.get(tenant, rules.name);
  if (!bounds || bounds.lo === null || bounds.hi === null) return { totalResults: 0, resources: [] };
  const started = performance.now();
  let lastYield = started;
  let size = 256;
  let total = 0;
  const page: ResourceRow[] = [];
  const countChunk = c.prepared(sql.chunkCount);
  for (let lo = bounds.lo, hi = lo; lo <= bounds.hi; lo = hi) {
    const t0 = performance.now();
    hi = lo + size;
    const n = (countChunk.get(tenant, rules.name, lo, hi, ...sql.filterParams) as { n: number }).n;
    if (!sql.sorted && n > 0 && page.length < limit && total + n > offset) {
      const skip = Math.max(0, offset - total);
      const rows = c.prepared(sql.chunkPage).all(tenant, rules.name, lo, hi, ...sql.filterParams, limit - page.length, skip) as ResourceRow[];
      page.push(...rows);
    }
    total += n;
    const now = performance.now();
    if (now - started > c.queryTimeoutMs) throw tooSlow(c.queryTimeoutMs);
    const ms = Math.max(0.05, now - t0);
    size = Math.min(65_536, Math.max(64, Math.round((size * 10) / ms)));
    if (now - lastYield > 10) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  if (!sql.sorted) return { totalResults: total, resources: page.map(toStored) };
  if (limit === 0 || offset >= total) return { totalResults: total, resources: [] };
  // The sorted page is one statement evaluating the same filter again (plus the sort): when
  // the sliced count alone used half the budget, the whole list cannot finish in time, so
  // stop now rather than hold the event loop for another such pass.
  if ((performance.now() - started) * 2 > c.queryTimeoutMs) throw tooSlow(c.queryTimeoutMs);
  return { totalResults: total, resources: (c.prepared(sql.page.sql).all(...sql.page.params) as ResourceRow[]).map(toStored) };
}
