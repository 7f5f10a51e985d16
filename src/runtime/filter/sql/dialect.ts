import type { AttributeType } from "../../manifest/model.js";
import { invalid } from "../evaluate/predicates.js";

// The two JSON dialects. A JsonRef names where one JSON value sits; each dialect turns it
// into typed scalar expressions (NULL when the stored JSON type does not fit, so no cast
// can fail at run time) and iterates arrays for EXISTS sub-queries.

/** PostgreSQL: a jsonb expression `parent->'key'`. SQLite: document + JSON path expression. */
export type JsonRef = { readonly doc: string; readonly key?: string; readonly path: string };

export interface Dialect {
  readonly name: "postgres" | "sqlite";
  placeholder(n: number): string;
  root(doc: string): JsonRef;
  child(ref: JsonRef, key: string): JsonRef;
  /** Scalar of `type` read from JSON, NULL when the JSON value has another type. */
  scalar(ref: JsonRef, type: AttributeType): string;
  /** A column or scalar expression made comparable as `type` (dateTime normalised). */
  typed(sql: string, type: AttributeType): string;
  /** The bound value for a literal of `type` (already checked by the evaluator's rules). */
  bind(value: string | number | boolean, type: AttributeType, original: unknown): unknown;
  /** How the bound parameter is used in a comparison (casts PostgreSQL needs). */
  param(p: string, type: AttributeType): string;
  isObject(ref: JsonRef): string;
  /** FROM item over the array at `ref` (empty when not an array) and each element's ref. */
  elements(ref: JsonRef, alias: string): { from: string; guard: string; element: JsonRef; ordinal: string };
  contains(x: string, y: string): string;
  startsWith(x: string, y: string): string;
  /** `y2` is a second placeholder for the same value (SQLite `?` cannot be reused). */
  endsWith(x: string, y: string, y2: string): string;
  /** Binary (code point) ordering for gt/ge/lt/le on strings. */
  ordered(x: string): string;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function safeKey(key: string): string {
  // Keys come from the manifest (ATTRNAME or a schema URN); refuse anything that could
  // break out of a JSON path rather than trusting it.
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x22 || c === 0x27 || c === 0x5c || c < 0x20) throw invalid(`attribute name ${JSON.stringify(key)} cannot be used in SQL`);
  }
  return key;
}

const DATE_SHAPE = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?$'";

export const postgres: Dialect = {
  name: "postgres",
  placeholder: (n) => `$${n}`,
  root: (doc) => ({ doc, path: doc }),
  child: (ref, key) => ({ doc: ref.path, key: safeKey(key), path: `${ref.path}->${quote(key)}` }),
  scalar(ref, type) {
    const text = ref.key !== undefined ? `(${ref.doc}->>${quote(ref.key)})` : `(${ref.path} #>> '{}')`;
    const is = (t: string) => `jsonb_typeof(${ref.path}) = '${t}'`;
    switch (type) {
      case "integer":
      case "decimal":
        return `(CASE WHEN ${is("number")} THEN (${ref.path})::numeric END)`;
      case "boolean":
        return `(CASE WHEN ${is("boolean")} THEN (${ref.path})::boolean END)`;
      case "dateTime":
        return `(CASE WHEN ${is("string")} AND ${text} ~ ${DATE_SHAPE} THEN ${text}::timestamptz END)`;
      default:
        // Plain ->> so an expression index on lower(data->>'userName') can serve the query.
        return text;
    }
  },
  typed: (sql, type) => (type === "dateTime" ? `(${sql})::timestamptz` : sql),
  bind: (value, type, original) => (type === "dateTime" ? original : value),
  param: (p, type) =>
    type === "dateTime" ? `${p}::timestamptz` : type === "boolean" ? `${p}::boolean` : type === "integer" || type === "decimal" ? `${p}::numeric` : `${p}::text`,
  isObject: (ref) => `jsonb_typeof(${ref.path}) = 'object'`,
  elements(ref, alias) {
    const arr = `(CASE WHEN jsonb_typeof(${ref.path}) = 'array' THEN ${ref.path} ELSE '[]'::jsonb END)`;
    return { from: `jsonb_array_elements(${arr}) WITH ORDINALITY AS ${alias}(v, n)`, guard: "TRUE", element: { doc: `${alias}.v`, path: `${alias}.v` }, ordinal: `${alias}.n` };
  },
  contains: (x, y) => `strpos(${x}, ${y}) > 0`,
  startsWith: (x, y) => `starts_with(${x}, ${y})`,
  endsWith: (x, y) => `right(${x}, length(${y})) = ${y}`,
  ordered: (x) => `(${x}) COLLATE "C"`,
};

/** SQLite's normalised instant: UTC text with milliseconds, compared as text. */
const LITE_INSTANT = "'%Y-%m-%dT%H:%M:%f'";

export function sqliteInstant(ms: number): string {
  const rounded = Math.round(ms);
  return new Date(rounded).toISOString().slice(0, 23);
}

export const sqlite: Dialect = {
  name: "sqlite",
  placeholder: () => "?",
  root: (doc) => ({ doc, path: "'$'" }),
  child(ref, key) {
    const step = `."${safeKey(key)}"`;
    const path = ref.path.startsWith("'") ? `${ref.path.slice(0, -1)}${step}'` : `(${ref.path} || '${step}')`;
    return { doc: ref.doc, key, path };
  },
  scalar(ref, type) {
    const type_ = `json_type(${ref.doc}, ${ref.path})`;
    const value = `json_extract(${ref.doc}, ${ref.path})`;
    switch (type) {
      case "integer":
      case "decimal":
        return `(CASE WHEN ${type_} IN ('integer', 'real') THEN ${value} END)`;
      case "boolean":
        return `(CASE ${type_} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END)`;
      case "dateTime":
        return `(CASE WHEN ${type_} = 'text' THEN strftime(${LITE_INSTANT}, ${value}) END)`;
      default:
        return value;
    }
  },
  typed: (sql, type) => (type === "dateTime" ? `strftime(${LITE_INSTANT}, ${sql})` : sql),
  bind: (value, type) => (type === "dateTime" ? sqliteInstant(value as number) : type === "boolean" ? (value ? 1 : 0) : value),
  param: (p) => p,
  isObject: (ref) => `json_type(${ref.doc}, ${ref.path}) = 'object'`,
  elements(ref, alias) {
    return {
      from: `json_each(${ref.doc}, ${ref.path}) AS ${alias}`,
      guard: `json_type(${ref.doc}, ${ref.path}) = 'array'`,
      element: { doc: ref.doc, path: `${alias}.fullkey` },
      ordinal: `${alias}.key`,
    };
  },
  contains: (x, y) => `instr(${x}, ${y}) > 0`,
  startsWith: (x, y) => `instr(${x}, ${y}) = 1`,
  endsWith: (x, y, y2) => `substr(${x}, -length(${y})) = ${y2}`,
  ordered: (x) => x,
};
