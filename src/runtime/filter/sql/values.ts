import type { AttributeModel } from "../../manifest/model.js";
import type { ResourceTypeIndex } from "../../manifest/resolve.js";

// The side table of multi-valued elements a store may keep beside its documents: one row
// per distinct object element of every multi-valued complex attribute (emails, members,
// an extension's complex lists), so `emails[type eq "work" and value co "x"]` scans short
// rows instead of iterating every document's JSON (issue 6). The table's columns:
//
//   <scope columns> (e.g. tenant, type) | id (the owner's id) | attr (canonical path,
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
  /** The owning row's id expression in the outer query, e.g. "r.id". */
  readonly owner: string;
  /** Columns that scope side rows to the outer rows' partition, bound as parameters. */
  readonly scope: readonly (readonly [column: string, value: unknown])[];
  /** Sub-attribute name -> text column holding elem's key (string-typed sub-attributes only). */
  readonly columns?: Readonly<Record<string, string>>;
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

/** Multi-valued complex attributes of a resource type (core and extensions), with their canonical path and JSON location. */
export function elementAttributes(index: ResourceTypeIndex): readonly { path: string; schema?: string; name: string }[] {
  const out: { path: string; schema?: string; name: string }[] = [];
  for (const a of index.coreSchema.attributes) if (hasElementRows(a)) out.push({ path: a.name, name: a.name });
  for (const s of index.extensions) for (const a of s.attributes) if (hasElementRows(a)) out.push({ path: `${s.id}:${a.name}`, schema: s.id, name: a.name });
  return out;
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
 * The side rows `data` owns, keyed `attr\0elem` (distinct). Keys are read exactly as the
 * SQL reads the document (case-sensitive, own properties), so rows and documents agree.
 */
export function elementRows(index: ResourceTypeIndex, data: Readonly<Record<string, unknown>> | undefined): Map<string, ElementRow> {
  const rows = new Map<string, ElementRow>();
  if (!data) return rows;
  for (const a of elementAttributes(index)) {
    const holder = a.schema === undefined ? data : data[a.schema];
    if (!isObject(holder) || !Object.hasOwn(holder, a.name)) continue;
    const list = holder[a.name];
    if (!Array.isArray(list)) continue;
    for (const el of list) {
      if (!isObject(el)) continue;
      const elem = canonical(el);
      rows.set(`${a.path}\u0000${elem}`, { attr: a.path, elem });
    }
  }
  return rows;
}

/** Rows to delete and to insert moving from `before` to `after` (only what changed). */
export function elementRowChanges(
  index: ResourceTypeIndex,
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
): { gone: ElementRow[]; added: ElementRow[] } {
  const was = elementRows(index, before);
  const is = elementRows(index, after);
  const gone: ElementRow[] = [];
  const added: ElementRow[] = [];
  for (const [k, row] of was) if (!is.has(k)) gone.push(row);
  for (const [k, row] of is) if (!was.has(k)) added.push(row);
  return { gone, added };
}
