import type { PgClient } from "./pool.js";

// Versioned migrations, applied at open in one transaction under a transaction-scoped
// advisory lock: when several instances start together, one migrates and the others
// wait, then find nothing left to do. PostgreSQL DDL is transactional, so a failed step
// leaves the previous level intact.

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: readonly string[];
  /** Tables to VACUUM (ANALYZE) once committed (VACUUM cannot run in a transaction). */
  readonly vacuum?: readonly string[];
}

/** `column` with `\` and `:` escaped by a `\` (chr(92): no quoting rule applies), as scopeKey() does. */
const escaped = (column: string): string => `replace(replace(${column}, chr(92), chr(92) || chr(92)), ':', chr(92) || ':')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "resources, unique values, references",
    sql: [
      // data is the JSON body without meta; seq is creation order (the default list order).
      `CREATE TABLE scim_resource (
        seq           bigserial   NOT NULL,
        tenant        text        NOT NULL,
        type          text        NOT NULL,
        id            text        NOT NULL,
        version       integer     NOT NULL,
        created       timestamptz NOT NULL,
        last_modified timestamptz NOT NULL,
        data          jsonb       NOT NULL,
        PRIMARY KEY (tenant, type, id)
      )`,
      `CREATE INDEX scim_resource_seq ON scim_resource (tenant, type, seq)`,
      // RFC 7643 §2.2 uniqueness for whatever the manifest declares: the primary key is the
      // last guard against two instances racing to create the same userName.
      `CREATE TABLE scim_unique (
        tenant text NOT NULL,
        type   text NOT NULL,
        attr   text NOT NULL,
        value  text NOT NULL,
        id     text NOT NULL,
        PRIMARY KEY (tenant, type, attr, value)
      )`,
      `CREATE TABLE scim_reference (
        tenant text NOT NULL,
        target text NOT NULL,
        type   text NOT NULL,
        id     text NOT NULL,
        PRIMARY KEY (tenant, target, type, id)
      )`,
    ],
  },
  {
    version: 2,
    name: "indexes for userName, externalId, displayName and multi-valued containment",
    sql: [
      `CREATE INDEX scim_resource_user_name ON scim_resource (tenant, type, lower(data->>'userName'))`,
      `CREATE INDEX scim_resource_external_id ON scim_resource (tenant, type, (data->>'externalId'))`,
      `CREATE INDEX scim_resource_display_name ON scim_resource (tenant, type, lower(data->>'displayName'))`,
      `CREATE INDEX scim_resource_data ON scim_resource USING gin (data jsonb_path_ops)`,
    ],
  },
  {
    version: 3,
    name: "side table of multi-valued elements: value filters scan short rows, not every document",
    sql: [
      // One row per distinct object element of each array (filter/sql/values.ts); value and
      // type are stored as the translator reads them (elem->>'key').
      `CREATE TABLE scim_value (
        tenant     text  NOT NULL,
        type       text  NOT NULL,
        seq        bigint NOT NULL, -- the owner's scim_resource.seq
        attr       text  NOT NULL,
        elem       jsonb NOT NULL,
        elem_value text  GENERATED ALWAYS AS (elem->>'value') STORED,
        elem_type  text  GENERATED ALWAYS AS (elem->>'type') STORED,
        -- lower() once at write time, not per row and query (~40% of a value filter's scan).
        elem_value_l text GENERATED ALWAYS AS (lower(elem->>'value')) STORED,
        elem_type_l  text GENERATED ALWAYS AS (lower(elem->>'type')) STORED
      )`,
      `CREATE INDEX scim_value_owner ON scim_value (seq)`,
      // type eq (caseExact=false: the lowered column) is an index range; the INCLUDE columns
      // let the value test and the owner come from the index alone (index-only scan).
      `CREATE INDEX scim_value_attr ON scim_value (tenant, type, attr, elem_type_l) INCLUDE (elem_type, elem_value, elem_value_l, seq)`,
      // Back-fill, as elementRows() derives rows: arrays at the top level, and arrays one
      // level inside a schema-URN key (an extension).
      `INSERT INTO scim_value (tenant, type, seq, attr, elem)
       SELECT DISTINCT r.tenant, r.type, r.seq, k.key, e.value
       FROM scim_resource r, jsonb_each(r.data) k,
            jsonb_array_elements(CASE WHEN jsonb_typeof(k.value) = 'array' THEN k.value ELSE '[]'::jsonb END) e
       WHERE jsonb_typeof(e.value) = 'object'`,
      `INSERT INTO scim_value (tenant, type, seq, attr, elem)
       SELECT DISTINCT r.tenant, r.type, r.seq, k.key || ':' || x.key, e.value
       FROM scim_resource r, jsonb_each(r.data) k,
            jsonb_each(CASE WHEN k.key ~* '^urn:' AND jsonb_typeof(k.value) = 'object' THEN k.value ELSE '{}'::jsonb END) x,
            jsonb_array_elements(CASE WHEN jsonb_typeof(x.value) = 'array' THEN x.value ELSE '[]'::jsonb END) e
       WHERE jsonb_typeof(e.value) = 'object'`,
    ],
  },
  {
    version: 4,
    name: "scim_value: one scope key column, seq in the value-filter index",
    sql: [
      // (tenant, type, attr) as one key (scopeKey() in values.ts writes the same text):
      // PostgreSQL 15 tests every key column of every index entry a range scan reads, so a
      // value filter's 100k-entry scan compares one column where it compared three.
      `ALTER TABLE scim_value ADD COLUMN scope text GENERATED ALWAYS AS (${escaped("tenant")} || ':' || ${escaped("type")} || ':' || attr) STORED`,
      // seq after the lowered type: with `type eq` the matching owners come out in seq order,
      // so the planner sees an ordered index-only range against a whole-table scan plus a
      // sort (list.ts asks for seq order) and the DISTINCT sort gets presorted input. Only
      // the lowered value is included: every value and type of the core schemas is
      // caseExact=false (the translator reads the _l columns); a caseExact sub-attribute
      // of an extension still works, reading its column from the table. Narrower entries
      // deform faster (~1.5 ms of 22 at 100k users) and keep the index small, which is
      // what makes the planner prefer it to a table scan.
      `CREATE INDEX scim_value_scope ON scim_value (scope, elem_type_l, seq) INCLUDE (elem_value_l)`,
      `DROP INDEX scim_value_attr`,
    ],
    // The column rewrote the table: its visibility map is empty (no index-only scan can
    // skip the heap, so the planner scans the table) and the new column has no statistics,
    // until a vacuum that an insert-light table may not see for a long time.
    vacuum: ["scim_value"],
  },
];

export const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;
const LOCK_KEY = 0x5c1_6e4; // any constant shared by every instance of this schema

/** Brings the database up to `target` (default latest); refuses a newer database. */
export async function migrate(client: PgClient, target = LATEST): Promise<number> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS scim_migration (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const r = await client.query<{ level: number | null }>("SELECT max(version) AS level FROM scim_migration");
    const level = r.rows[0]?.level ?? 0;
    if (level > LATEST) throw new Error(`postgresStore: the database is at schema version ${level}, newer than this scim-gen (${LATEST})`);
    const vacuum = new Set<string>();
    for (const m of MIGRATIONS) {
      if (m.version <= level || m.version > target) continue;
      for (const sql of m.sql) await client.query(sql);
      for (const table of m.vacuum ?? []) vacuum.add(table);
      await client.query("INSERT INTO scim_migration (version, name) VALUES ($1, $2)", [m.version, m.name]);
    }
    await client.query("COMMIT");
    // Only speed depends on it: a failure (say, a role that does not own the table) leaves
    // the tables correct, and autovacuum catches up later.
    for (const table of vacuum) await client.query(`VACUUM (ANALYZE) ${table}`).catch(() => undefined);
    return Math.max(level, Math.min(target, LATEST));
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
}
