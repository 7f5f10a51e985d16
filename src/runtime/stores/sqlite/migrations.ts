import type Database from "better-sqlite3";
import { backfillValues } from "./values.js";

// Versioned schema migrations, applied in order at open. The level lives in
// `PRAGMA user_version`; each step runs in one IMMEDIATE transaction, which takes
// SQLite's write lock first, so two processes opening the same file migrate it once.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Data work after `sql`, in the same transaction (a back-fill). */
  readonly run?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "resources, unique values, references",
    sql: `
      -- One row per resource; data is the JSON body without meta. seq is creation order.
      CREATE TABLE scim_resource (
        seq           INTEGER PRIMARY KEY,
        tenant        TEXT    NOT NULL,
        type          TEXT    NOT NULL,
        id            TEXT    NOT NULL,
        version       INTEGER NOT NULL,
        created       TEXT    NOT NULL,
        last_modified TEXT    NOT NULL,
        data          TEXT    NOT NULL,
        UNIQUE (tenant, type, id)
      ) STRICT;
      -- RFC 7643 §2.2 uniqueness: one row per (attribute, normalised value); the primary
      -- key is the guard, whatever the manifest declares unique.
      CREATE TABLE scim_unique (
        tenant TEXT NOT NULL,
        type   TEXT NOT NULL,
        attr   TEXT NOT NULL,
        value  TEXT NOT NULL,
        id     TEXT NOT NULL,
        PRIMARY KEY (tenant, type, attr, value)
      ) STRICT, WITHOUT ROWID;
      -- Reverse index of membership references (Group.members[].value -> group).
      CREATE TABLE scim_reference (
        tenant TEXT NOT NULL,
        target TEXT NOT NULL,
        type   TEXT NOT NULL,
        id     TEXT NOT NULL,
        PRIMARY KEY (tenant, target, type, id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: "generated columns and indexes for userName, externalId, displayName",
    sql: `
      ALTER TABLE scim_resource ADD COLUMN user_name TEXT
        GENERATED ALWAYS AS (json_extract(data, '$.userName')) VIRTUAL;
      ALTER TABLE scim_resource ADD COLUMN external_id TEXT
        GENERATED ALWAYS AS (json_extract(data, '$.externalId')) VIRTUAL;
      ALTER TABLE scim_resource ADD COLUMN display_name TEXT
        GENERATED ALWAYS AS (json_extract(data, '$.displayName')) VIRTUAL;
      CREATE INDEX scim_resource_user_name ON scim_resource (tenant, type, user_name COLLATE NOCASE);
      CREATE INDEX scim_resource_external_id ON scim_resource (tenant, type, external_id);
      CREATE INDEX scim_resource_display_name ON scim_resource (tenant, type, display_name COLLATE NOCASE);
    `,
  },
  {
    version: 3,
    name: "creation-order index: unsorted pages stop after count rows instead of sorting every match",
    sql: `
      CREATE INDEX scim_resource_seq ON scim_resource (tenant, type, seq);
    `,
  },
  {
    version: 4,
    name: "side table of multi-valued elements: value filters scan short rows, not every document",
    sql: `
      -- One row per distinct object element of each array (filter/sql/values.ts); value and
      -- type are read from elem exactly as the translator reads JSON, and stored.
      CREATE TABLE scim_value (
        tenant     TEXT    NOT NULL,
        type       TEXT    NOT NULL,
        seq        INTEGER NOT NULL, -- the owner's scim_resource.seq (rowid): cheap to probe
        attr       TEXT    NOT NULL,
        elem       TEXT    NOT NULL,
        elem_value ANY     GENERATED ALWAYS AS (json_extract(elem, '$.value')) STORED,
        elem_type  ANY     GENERATED ALWAYS AS (json_extract(elem, '$.type')) STORED
      ) STRICT;
      CREATE INDEX scim_value_owner ON scim_value (seq);
      -- Serves type eq (lower(), as the translator writes caseExact=false) as a range and
      -- covers the value tests (lower() precomputed) and the owner, so a value filter
      -- never reads the table itself.
      CREATE INDEX scim_value_attr ON scim_value (tenant, type, attr, lower(elem_type), lower(elem_value), elem_value, seq);
    `,
    run: backfillValues,
  },
];

export const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings `db` up to `target` (default: the latest level); refuses a newer file. */
export function migrate(db: Database.Database, target = LATEST): number {
  const step = db.transaction((m: Migration) => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const level = db.pragma("user_version", { simple: true }) as number;
    if (level >= m.version) return;
    db.exec(m.sql);
    m.run?.(db);
    db.pragma(`user_version = ${m.version}`);
  });
  const level = db.pragma("user_version", { simple: true }) as number;
  if (level > LATEST) {
    throw new Error(`sqliteStore: the database is at schema version ${level}, newer than this scim-gen (${LATEST})`);
  }
  for (const m of MIGRATIONS) if (m.version > level && m.version <= target) step.immediate(m);
  return db.pragma("user_version", { simple: true }) as number;
}
