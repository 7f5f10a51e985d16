import type { AttributeModel } from "../../manifest/model.js";
import type { JsonRef } from "./dialect.js";
import type { Translator } from "./translate.js";

// The side-table form of a value filter (values.ts): element rows instead of each
// document's array, for targets that declare SqlTarget.values.

/** Side-table columns of one element row by sub-attribute name. */
export type ElementColumns = Readonly<Record<string, { readonly sql: string; readonly lowered?: string }>>;

/** Types whose scalar read is the plain text of the JSON value (what a side-table text column holds). */
export const textual = (a: AttributeModel): boolean => a.type === "string" || a.type === "reference" || a.type === "binary";

/**
 * `owner IN (rows of attribute \`path\` whose element passes \`test\`)` over the side table:
 * one uncorrelated scan of short rows (an index on its scope and attr serves it) instead
 * of iterating every document's array.
 */
export function elementRowsOf(t: Translator, path: string, test: (element: JsonRef, columns: ElementColumns | undefined) => string): string {
  const values = t.target.values!;
  const m = t.alias();
  const columns: ElementColumns | undefined =
    values.columns &&
    Object.fromEntries(
      Object.entries(values.columns).map(([k, c]) => {
        const l = values.lowered && Object.hasOwn(values.lowered, k) ? values.lowered[k] : undefined;
        return [k, l === undefined ? { sql: `${m}.${c}` } : { sql: `${m}.${c}`, lowered: `${m}.${l}` }];
      }),
    );
  // The body first: its literals may already be bound (a comparison binds before it
  // iterates), and SQLite's positional `?` must follow the text's order.
  const body = test(t.d.root(`${m}.elem`), columns);
  const text = (p: string) => (t.d.name === "postgres" ? `${p}::text` : p);
  const rows = values.attrScope?.(path);
  const scope = rows
    ? [`${m}.${rows[0]} = ${text(t.bind(rows[1]))}`]
    : [...values.scope.map(([column, value]) => `${m}.${column} = ${t.bind(value)}`), `${m}.attr = ${text(t.bind(path))}`];
  const key = values.key ?? "id";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new TypeError(`SqlValueTable.key must name a column, not ${JSON.stringify(key)}`);
  return `${values.owner} IN (SELECT ${m}.${key} FROM ${values.table} ${m} WHERE (${body}) AND ${scope.join(" AND ")})`;
}
