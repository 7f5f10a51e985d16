import type { KeysetPosition, StoredResource, StoreListResult, StoreQuery } from "../contract.js";

// The keyset condition and order for the SQL stores (RFC 9865 cursors), in the order
// sortToSql writes: ascending puts a missing value (NULL) last, descending first (RFC 7644
// §3.4.2.3), and ties break on id in the same direction. `sort` is the sort expression
// without its direction, `id` the id column (with its collation on PostgreSQL).

export interface KeysetSql {
  /** " AND (...)" or "". */
  readonly where: string;
  readonly params: unknown[];
  readonly orderBy: string;
}

export function keysetSql(query: StoreQuery, sort: string | undefined, id: string, placeholder: () => string): KeysetSql {
  const descending = query.sortOrder === "descending";
  const dir = descending ? "DESC" : "ASC";
  const orderBy = sort ? `${sort} ${descending ? "DESC NULLS FIRST" : "ASC NULLS LAST"}, ${id} ${dir}` : `${id} ${dir}`;
  const after = query.keyset?.after;
  if (!after) return { where: "", params: [], orderBy };
  const beyond = descending ? "<" : ">";
  if (!sort) return { where: ` AND ${id} ${beyond} ${placeholder()}`, params: [after.id], orderBy };
  return { ...condition(after, sort, id, descending, placeholder), orderBy };
}

function condition(after: KeysetPosition, sort: string, id: string, descending: boolean, p: () => string): { where: string; params: unknown[] } {
  const value = after.value ?? null;
  if (!descending) {
    // NULLs come last: after a NULL only NULLs with a greater id; after a value, greater
    // values, every NULL, and equal values with a greater id.
    if (value === null) return { where: ` AND (${sort} IS NULL AND ${id} > ${p()})`, params: [after.id] };
    const a = p();
    const b = p();
    return { where: ` AND (${sort} > ${a} OR ${sort} IS NULL OR (${sort} = ${b} AND ${id} > ${p()}))`, params: [value, value, after.id] };
  }
  // NULLs come first: after a NULL, NULLs with a smaller id and then every value.
  if (value === null) return { where: ` AND ((${sort} IS NULL AND ${id} < ${p()}) OR ${sort} IS NOT NULL)`, params: [after.id] };
  const a = p();
  const b = p();
  return { where: ` AND (${sort} < ${a} OR (${sort} = ${b} AND ${id} < ${p()}))`, params: [value, value, after.id] };
}

/** sortToSql's fragment without its direction: the bare sort expression. */
export function sortExpression(sql: string): string {
  return sql.replace(/ (ASC NULLS LAST|DESC NULLS FIRST)$/, "");
}

/** A row of a keyset page: the resource columns plus the sort value as `scim_k`. */
export type KeyedRow<R extends { id: string }> = R & { scim_k?: string | number | null };

/** The page from a statement that fetched `limit + 1` rows: whether more follow, and the
 * positions of its first and last rows (what the cursors resume from). */
export function keysetPage<R extends { id: string }>(
  rows: KeyedRow<R>[],
  limit: number,
  totalResults: number,
  sorted: boolean,
  toStored: (row: R) => StoredResource,
): StoreListResult {
  const more = rows.length > limit;
  if (more) rows.pop();
  const position = (r: KeyedRow<R>): KeysetPosition => (sorted ? { id: r.id, value: r.scim_k ?? null } : { id: r.id });
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    totalResults,
    resources: rows.map((r) => toStored(r)),
    keyset: { ...(first ? { first: position(first) } : {}), ...(last ? { last: position(last) } : {}), more },
  };
}
