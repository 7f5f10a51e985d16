import type { StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { keysetRows } from "../common/keyset.js";
import { listRowsSliced } from "../common/list.js";
import { pinned } from "../common/pinned.js";
import type { Table } from "./table.js";

// list() for the memory store: the unique index answers `userName eq "…"` (alone or
// inside an `and`) in O(1); anything else scans. Every candidate is still checked by the
// kernel's own filter evaluator, so indexed and scanned answers agree.

function candidates(table: Table, query: StoreQuery): readonly StoredResource[] {
  const pin = query.filter && pinned(table.rules, query.filter);
  // A snapshot: writes during a sliced scan do not shift what this list sees.
  if (!pin) return [...table.rows.values()];
  const row = pin.kind === "id" ? table.rows.get(pin.id) : pin.kind === "unique" ? table.findUniqueKey(pin.rule, pin.key) : undefined;
  return row ? [row] : [];
}

export function listTable(table: Table, query: StoreQuery, timeoutMs: number): Promise<StoreListResult> {
  // listRows compiles the filter even when the index finds no candidate, so an invalid
  // filter fails the same way with or without an index.
  if (query.keyset) return Promise.resolve(keysetRows(table.rules, candidates(table, query), query));
  return listRowsSliced(table.rules, candidates(table, query), query, timeoutMs);
}
