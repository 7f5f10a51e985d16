import type Database from "better-sqlite3";
import type { StoredResource } from "../contract.js";

// Every statement the SQLite store runs, prepared once per connection. Every one of them
// carries a tenant predicate (DESIGN.md rule 5): no query can reach another tenant's rows.

export interface ResourceRow {
  id: string;
  type: string;
  version: number;
  created: string;
  last_modified: string;
  data: string;
}

export const COLUMNS = "id, type, version, created, last_modified, data";

export function toStored(row: ResourceRow): StoredResource {
  return {
    id: row.id,
    resourceType: row.type,
    version: row.version,
    created: row.created,
    lastModified: row.last_modified,
    data: JSON.parse(row.data) as StoredResource["data"],
  };
}

type Stmt<P extends unknown[], R = unknown> = Database.Statement<P, R>;

export interface Statements {
  readonly get: Stmt<[string, string, string], ResourceRow>;
  readonly scan: Stmt<[string, string], ResourceRow>;
  readonly insert: Stmt<[string, string, string, string, string, string]>;
  readonly update: Stmt<[number, string, string, string, string, string, number]>;
  readonly delete: Stmt<[string, string, string, number]>;
  readonly uniqueOwner: Stmt<[string, string, string, string], { id: string }>;
  readonly uniqueInsert: Stmt<[string, string, string, string, string]>;
  readonly uniqueDelete: Stmt<[string, string, string, string, string]>;
  readonly exists: Stmt<[string, string, string], { one: number }>;
  readonly refInsert: Stmt<[string, string, string, string]>;
  readonly refDelete: Stmt<[string, string, string, string]>;
  readonly referrers: Stmt<[string, string], { type: string; id: string }>;
  readonly seqBounds: Stmt<[string, string], { lo: number | null; hi: number | null }>;
  readonly seqOf: Stmt<[string, string, string], { seq: number }>;
  readonly valueInsert: Stmt<[string, string, number, string, string]>;
  readonly valueDelete: Stmt<[number, string, string]>;
  readonly valueDeleteAll: Stmt<[number]>;
}

export function prepare(db: Database.Database): Statements {
  const s = <P extends unknown[], R = unknown>(sql: string): Stmt<P, R> => db.prepare<P, R>(sql);
  return {
    get: s<[string, string, string], ResourceRow>(`SELECT ${COLUMNS} FROM scim_resource WHERE tenant = ? AND type = ? AND id = ?`),
    scan: s<[string, string], ResourceRow>(`SELECT ${COLUMNS} FROM scim_resource WHERE tenant = ? AND type = ? ORDER BY seq`),
    insert: s<[string, string, string, string, string, string]>(
      `INSERT INTO scim_resource (tenant, type, id, version, created, last_modified, data) VALUES (?, ?, ?, 1, ?, ?, ?)`,
    ),
    // RFC 7644 §3.14: the version predicate makes the check and the write one statement.
    update: s<[number, string, string, string, string, string, number]>(
      `UPDATE scim_resource SET version = ?, last_modified = ?, data = ? WHERE tenant = ? AND type = ? AND id = ? AND version = ?`,
    ),
    delete: s<[string, string, string, number]>(`DELETE FROM scim_resource WHERE tenant = ? AND type = ? AND id = ? AND version = ?`),
    uniqueOwner: s<[string, string, string, string], { id: string }>(
      `SELECT id FROM scim_unique WHERE tenant = ? AND type = ? AND attr = ? AND value = ?`,
    ),
    uniqueInsert: s<[string, string, string, string, string]>(`INSERT INTO scim_unique (tenant, type, attr, value, id) VALUES (?, ?, ?, ?, ?)`),
    uniqueDelete: s<[string, string, string, string, string]>(
      `DELETE FROM scim_unique WHERE tenant = ? AND type = ? AND attr = ? AND value = ? AND id = ?`,
    ),
    exists: s<[string, string, string], { one: number }>(`SELECT 1 AS one FROM scim_resource WHERE tenant = ? AND type = ? AND id = ?`),
    refInsert: s<[string, string, string, string]>(`INSERT OR IGNORE INTO scim_reference (tenant, target, type, id) VALUES (?, ?, ?, ?)`),
    refDelete: s<[string, string, string, string]>(`DELETE FROM scim_reference WHERE tenant = ? AND target = ? AND type = ? AND id = ?`),
    referrers: s<[string, string], { type: string; id: string }>(`SELECT type, id FROM scim_reference WHERE tenant = ? AND target = ?`),
    seqBounds: s<[string, string], { lo: number | null; hi: number | null }>(
      `SELECT min(seq) AS lo, max(seq) AS hi FROM scim_resource WHERE tenant = ? AND type = ?`,
    ),
    seqOf: s<[string, string, string], { seq: number }>(`SELECT seq FROM scim_resource WHERE tenant = ? AND type = ? AND id = ?`),
    // seq is the owner's row (unique across tenants), so it alone finds its side rows.
    valueInsert: s<[string, string, number, string, string]>(`INSERT INTO scim_value (tenant, type, seq, attr, elem) VALUES (?, ?, ?, ?, ?)`),
    valueDelete: s<[number, string, string]>(`DELETE FROM scim_value WHERE seq = ? AND attr = ? AND elem = ?`),
    valueDeleteAll: s<[number]>(`DELETE FROM scim_value WHERE seq = ?`),
  };
}
