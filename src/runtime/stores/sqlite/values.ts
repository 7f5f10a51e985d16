import type Database from "better-sqlite3";
import { elementRowChanges, elementRows, type SqlValueTable } from "../../filter/sql/values.js";
import type { ResourceData } from "../contract.js";
import type { Statements } from "./statements.js";

// The scim_value side rows (filter/sql/values.ts), keyed by the owner's seq (its rowid):
// written in the same IMMEDIATE transaction as the resource row, so a filter never sees a
// document and its element rows disagree. Replace touches only elements that changed (one
// new member, one row). A value filter is `r.seq IN (…)`: integer rowid probes.

export function valueTable(tenant: string, type: string): SqlValueTable {
  return { table: "scim_value", owner: "r.seq", key: "seq", scope: [["tenant", tenant], ["type", type]], columns: { value: "elem_value", type: "elem_type" } };
}

/** Side rows of the resource `id` (the row must exist: call after insert, before delete). */
export function syncValues(st: Statements, tenant: string, type: string, id: string, before: ResourceData | undefined, after: ResourceData | undefined): void {
  const { gone, added } = elementRowChanges(before, after);
  if (!gone.length && !added.length) return;
  const seq = st.seqOf.get(tenant, type, id)!.seq;
  if (!after) {
    st.valueDeleteAll.run(seq);
    return;
  }
  for (const row of gone) st.valueDelete.run(seq, row.attr, row.elem);
  for (const row of added) st.valueInsert.run(tenant, type, seq, row.attr, row.elem);
}

/** Migration 4: rows for every stored document, read in creation order in batches. */
export function backfillValues(db: Database.Database): void {
  const read = db.prepare<[number], { seq: number; tenant: string; type: string; data: string }>(
    "SELECT seq, tenant, type, data FROM scim_resource WHERE seq > ? ORDER BY seq LIMIT 1000",
  );
  const insert = db.prepare("INSERT INTO scim_value (tenant, type, seq, attr, elem) VALUES (?, ?, ?, ?, ?)");
  for (let last = 0; ; ) {
    const rows = read.all(last);
    if (!rows.length) return;
    for (const r of rows) {
      for (const e of elementRows(JSON.parse(r.data) as ResourceData).values()) insert.run(r.tenant, r.type, r.seq, e.attr, e.elem);
    }
    last = rows[rows.length - 1]!.seq;
  }
}
