import type { StoredResource } from "../contract.js";

// The PostgreSQL store's SQL. Every statement carries a tenant predicate (DESIGN.md
// rule 5). Parameters only: no value, path or sort key is ever spliced into SQL text.

export interface ResourceRow {
  id: string;
  type: string;
  version: number;
  created: Date | string;
  last_modified: Date | string;
  data: Record<string, unknown> | string;
}

export const iso = (v: Date | string): string => (v instanceof Date ? v.toISOString() : new Date(v).toISOString());

export function toStored(row: ResourceRow): StoredResource {
  return {
    id: row.id,
    resourceType: row.type,
    version: Number(row.version),
    created: iso(row.created),
    lastModified: iso(row.last_modified),
    data: (typeof row.data === "string" ? JSON.parse(row.data) : row.data) as StoredResource["data"],
  };
}

const COLUMNS = "id, type, version, created, last_modified, data";
const CLOCK = (p: string): string => `COALESCE(${p}::timestamptz, date_trunc('milliseconds', clock_timestamp()))`;

export const SQL = {
  get: `SELECT ${COLUMNS} FROM scim_resource WHERE tenant = $1 AND type = $2 AND id = $3`,
  getForUpdate: `SELECT ${COLUMNS} FROM scim_resource WHERE tenant = $1 AND type = $2 AND id = $3 FOR UPDATE`,
  scan: `SELECT ${COLUMNS} FROM scim_resource WHERE tenant = $1 AND type = $2 ORDER BY seq`,
  // ON CONFLICT … RETURNING: a taken id or unique value shows as "no row", in the same round
  // trip as the write; a concurrent insert of the same key waits for the other to commit.
  // $4 NULL: the database's clock, so many instances share one (to the millisecond, as
  // meta shows it; a filter on meta.lastModified then compares what clients saw).
  // The clock is read once: two clock_timestamp() calls may straddle a millisecond, and
  // a new resource's created must equal its lastModified.
  insert: `INSERT INTO scim_resource (tenant, type, id, version, created, last_modified, data)
           SELECT $1, $2, $3, 1, c.at, c.at, $5::jsonb FROM (SELECT ${CLOCK("$4")} AS at) c ON CONFLICT DO NOTHING RETURNING created`,
  // RFC 7644 §3.14 optimistic concurrency: the version predicate is the check.
  update: `UPDATE scim_resource SET version = version + 1, last_modified = COALESCE($5::timestamptz, GREATEST(${CLOCK("NULL")}, last_modified)), data = $6::jsonb
           WHERE tenant = $1 AND type = $2 AND id = $3 AND version = $4 RETURNING last_modified`,
  delete: `DELETE FROM scim_resource WHERE tenant = $1 AND type = $2 AND id = $3 AND version = $4`,
  existing: `SELECT id, type FROM scim_resource WHERE tenant = $1 AND type = ANY($2::text[]) AND id = ANY($3::text[]) FOR KEY SHARE`,
  /** The resource holding a unique value: both primary-key probes in one round trip. */
  getByUnique: `SELECT ${COLUMNS} FROM scim_resource WHERE tenant = $1 AND type = $2 AND id = (SELECT id FROM scim_unique WHERE tenant = $1 AND type = $2 AND attr = $3 AND value = $4)`,
  uniqueInsert: `INSERT INTO scim_unique (tenant, type, attr, value, id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1 AS ok`,
  uniqueDelete: `DELETE FROM scim_unique WHERE tenant = $1 AND type = $2 AND attr = $3 AND value = $4 AND id = $5`,
  refInsert: `INSERT INTO scim_reference (tenant, target, type, id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
  refDelete: `DELETE FROM scim_reference WHERE tenant = $1 AND target = $2 AND type = $3 AND id = $4`,
  refDeleteMany: `DELETE FROM scim_reference WHERE tenant = $1 AND target = ANY($2::text[]) AND type = $3 AND id = $4`,
  refInsertMany: `INSERT INTO scim_reference (tenant, target, type, id) SELECT $1, t, $3, $4 FROM unnest($2::text[]) AS t ON CONFLICT DO NOTHING`,
  referrers: `SELECT type, id FROM scim_reference WHERE tenant = $1 AND target = $2`,
  // scim_value side rows (filter/sql/values.ts): parallel arrays of attr and element JSON.
  // The owner is found by id inside each statement ($3): no extra round trip for its seq.
  valueInsertMany: `INSERT INTO scim_value (tenant, type, seq, attr, elem)
                    SELECT $1, $2, (SELECT seq FROM scim_resource WHERE tenant = $1 AND type = $2 AND id = $3), a, e::jsonb
                    FROM unnest($4::text[], $5::text[]) AS x(a, e)`,
  valueDeleteMany: `DELETE FROM scim_value v USING unnest($4::text[], $5::text[]) AS x(a, e)
                    WHERE v.seq = (SELECT seq FROM scim_resource WHERE tenant = $1 AND type = $2 AND id = $3) AND v.attr = x.a AND v.elem = x.e::jsonb`,
  valueDeleteAll: `DELETE FROM scim_value WHERE seq = (SELECT seq FROM scim_resource WHERE tenant = $1 AND type = $2 AND id = $3)`,
  /** One round trip opening a transaction with the store's timeouts (ms: an integer we own). */
  begin: (ms: number): string => `BEGIN; SET LOCAL statement_timeout = ${ms}; SET LOCAL lock_timeout = ${ms}`,
} as const;
