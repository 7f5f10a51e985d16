import type { AttributeModel } from "../../manifest/model.js";

// The side table of multi-valued elements a store may keep beside its documents: one row
// per distinct object element of every array in a document (emails, members, an
// extension's complex lists; see elementRows), so `emails[type eq "work" and value co "x"]` scans short
// rows instead of iterating every document's JSON (issue 6). The table's columns:
//
//   <scope columns> (e.g. tenant, type) | id or another key of the owner row | attr (canonical path,
//   "emails" or "urn:…:User:manager") | elem (the element's JSON: jsonb / JSON text)
//   | optional text columns equal to the dialect's text read of one key of elem
//     (SQLite json_extract(elem, '$.value'), PostgreSQL elem->>'value')
//
// Rows only for arrays, only for object elements: a value filter or a sub-attribute path
// never matches anything else (RFC 7644 §3.4.2.2), so EXISTS over these rows is exactly
// EXISTS over the document's array. Duplicate elements are one row: EXISTS cannot tell.

export interface SqlValueTable {
  /** The side table's name (store-written SQL). */
  readonly table: string;
  /** The owning row's key expression in the outer query, e.g. "r.id" or "r.seq". */
  readonly owner: string;
  /** The side table's column holding that key; default "id". */
  readonly key?: string;
  /** Columns that scope side rows to the outer rows' partition, bound as parameters. */
  readonly scope: readonly (readonly [column: string, value: unknown])[];
  /**
   * When one column holds the partition and the attribute path together: the column and
   * its value for `path`, tested instead of `scope` and the `attr` column (PostgreSQL: one
   * index key where there were several, compared once per entry a value filter scans).
   */
  readonly attrScope?: (path: string) => readonly [column: string, value: string];
  /** Sub-attribute name -> text column holding elem's key (string-typed sub-attributes only). */
  readonly columns?: Readonly<Record<string, string>>;
  /** Sub-attribute name -> column holding exactly lower(<its `columns` column>) (PostgreSQL:
   * a stored generated column), read instead of lower-casing every row at query time. */
  readonly lowered?: Readonly<Record<string, string>>;
}

/** One side row of a resource: canonical attribute path and element JSON. */
export interface ElementRow {
  readonly attr: string;
  readonly elem: string;
}

/** Does the side table hold `attribute`'s elements? */
export function hasElementRows(attribute: AttributeModel): boolean {
  return attribute.multiValued && attribute.type === "complex";
}

/** JSON with object keys sorted: equal elements (as jsonb compares them) give equal text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (!isObject(v)) return JSON.stringify(v) ?? "null";
  const keys = Object.keys(v).sort();
  return `{${keys.filter((k) => v[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The side rows `data` owns, keyed `attr\0elem` (distinct): every array's object elements
 * at the top level and one level inside a schema-URN key (an extension). This needs no
 * manifest, so a migration can back-fill it and a schema change never leaves it stale;
 * the translator only consults attributes hasElementRows() accepts. Keys are read exactly
 * as the SQL reads the document (case-sensitive own properties).
 */
export function elementRows(data: Readonly<Record<string, unknown>> | undefined): Map<string, ElementRow> {
  const rows = new Map<string, ElementRow>();
  if (!data) return rows;
  const add = (attr: string, list: unknown[]) => {
    for (const el of list) {
      if (!isObject(el)) continue;
      const elem = canonical(el);
      rows.set(`${attr}\u0000${elem}`, { attr, elem });
    }
  };
  for (const key of Object.keys(data)) {
    const v = data[key];
    if (Array.isArray(v)) add(key, v);
    else if (URN.test(key) && isObject(v)) for (const sub of Object.keys(v)) if (Array.isArray(v[sub])) add(`${key}:${sub}`, v[sub] as unknown[]);
  }
  return rows;
}

const URN = /^urn:/i;

/** Rows to delete and to insert moving from `before` to `after` (only what changed). */
export function elementRowChanges(before: Readonly<Record<string, unknown>> | undefined, after: Readonly<Record<string, unknown>> | undefined): { gone: ElementRow[]; added: ElementRow[] } {
  const was = elementRows(before);
  const is = elementRows(after);
  const gone: ElementRow[] = [];
  const added: ElementRow[] = [];
  for (const [k, row] of was) if (!is.has(k)) gone.push(row);
  for (const [k, row] of is) if (!was.has(k)) added.push(row);
  return { gone, added };
}
