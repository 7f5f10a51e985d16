import { elementRowChanges, type ElementRow, type SqlValueTable } from "../../filter/sql/values.js";
import type { ResourceData } from "../contract.js";
import type { PgClient } from "./pool.js";
import { SQL } from "./sql.js";

// The scim_value side rows (filter/sql/values.ts), written in the resource's transaction:
// at most one statement for the rows that went and one for those that came (a PATCH adding
// one member to a large group writes one row). Keyed by the owner's seq, so a filter's
// side rows count and page without touching the documents (list.ts).

/**
 * The text of scim_value.scope for (tenant, type, attr), as migration 4's generated column
 * writes it: tenant and type with `\` and `:` escaped, each ended by `:`, so no two triples
 * share a key ("a:b" + "c" vs "a" + "b:c"). Characters, not bytes: the same text whatever
 * the database's encoding.
 */
export const scopeKey = (tenant: string, type: string, attr: string): string => `${escapeKey(tenant)}:${escapeKey(type)}:${attr}`;

const escapeKey = (s: string): string => s.replace(/[\\:]/g, "\\$&");

export function valueTable(tenant: string, type: string): SqlValueTable {
  return {
    table: "scim_value",
    owner: "r.seq",
    key: "seq",
    scope: [["tenant", tenant], ["type", type]],
    attrScope: (attr) => ["scope", scopeKey(tenant, type, attr)],
    columns: { value: "elem_value", type: "elem_type" },
    lowered: { value: "elem_value_l", type: "elem_type_l" },
  };
}

const columns = (rows: ElementRow[]): [string[], string[]] => [rows.map((r) => r.attr), rows.map((r) => r.elem)];

export async function syncValues(c: PgClient, tenant: string, type: string, id: string, before: ResourceData | undefined, after: ResourceData | undefined): Promise<void> {
  if (!after) {
    if (before) await c.query(SQL.valueDeleteAll, [tenant, type, id]);
    return;
  }
  const { gone, added } = elementRowChanges(before, after);
  if (gone.length) await c.query(SQL.valueDeleteMany, [tenant, type, id, ...columns(gone)]);
  if (added.length) await c.query(SQL.valueInsertMany, [tenant, type, id, ...columns(added)]);
}
