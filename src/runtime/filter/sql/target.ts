// Where a resource type's rows live, for filterToSql / sortToSql.
//
// A store keeps each resource as one JSON document (`dataColumn`: jsonb on PostgreSQL,
// JSON text on SQLite) WITHOUT `meta`, and keeps `meta` facts in real columns. Example
// (the built-in SQLite store):
//
//   { dialect: "sqlite", dataColumn: "r.data",
//     metaColumns: { id: "r.id", created: "r.created", lastModified: "r.last_modified" },
//     columns: { userName: { sql: "r.user_name", nocase: true }, externalId: "r.external_id" } }
//
// Every string here is SQL written by the store, never by a client: identifiers and
// expressions are inserted as given. Client values are always bound parameters.

import type { SqlValueTable } from "./values.js";

export type { SqlValueTable } from "./values.js";

export type SqlDialect = "postgres" | "sqlite";

export interface SqlColumn {
  /** An SQL expression holding the attribute's scalar value (text for strings). */
  readonly sql: string;
  /**
   * SQLite: the column is indexed `COLLATE NOCASE`, so case-insensitive equality is written
   * `col = ? COLLATE NOCASE` (same ASCII folding as lower()) and that index serves it.
   */
  readonly nocase?: boolean;
}

export interface SqlMetaColumns {
  /** The resource id (otherwise read from the document's "id"). */
  readonly id?: string;
  /** meta.created / meta.lastModified: ISO 8601 text (SQLite), timestamptz or ISO text (PostgreSQL). */
  readonly created?: string;
  readonly lastModified?: string;
  /** meta.version as the representation shows it (the ETag string, e.g. W/"3"). */
  readonly version?: string;
  /** meta.location, when the store keeps it. */
  readonly location?: string;
  /** meta.resourceType; defaults to the resource type's name as a bound parameter. */
  readonly resourceType?: string;
}

export interface SqlTarget {
  readonly dialect: SqlDialect;
  /** SQL expression of the JSON document column, e.g. "data" or "r.data". */
  readonly dataColumn: string;
  readonly metaColumns?: SqlMetaColumns;
  /**
   * Generated or expression columns by canonical attribute path ("userName",
   * "name.familyName", "urn:…:User:employeeNumber"); single-valued attributes only.
   */
  readonly columns?: Readonly<Record<string, string | SqlColumn>>;
  /** PostgreSQL: parameters already bound before this fragment; the first is $<offset+1>. */
  readonly paramOffset?: number;
  /**
   * The SQL function that lower-cases for caseExact=false comparisons (default "lower").
   * SQLite's lower() folds ASCII only; register `scim_lower` with
   * registerSqliteFunctions(db) and name it here for the evaluator's full Unicode folding
   * (NOCASE columns are then compared through it too).
   */
  readonly lower?: string;
  /**
   * A side table of multi-valued elements (see values.ts): value filters and
   * sub-attribute paths over multi-valued complex attributes become
   * `owner IN (SELECT id FROM table WHERE …)` over its short rows.
   */
  readonly values?: SqlValueTable;
}

/** A WHERE (or ORDER BY) fragment and its parameters, in order. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: unknown[];
}
