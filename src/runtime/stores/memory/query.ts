import type { Filter } from "../../filter/ast.js";
import type { StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { keysetRows } from "../common/keyset.js";
import { listRowsSliced } from "../common/list.js";
import { pinned } from "../common/pinned.js";
import type { Table } from "./table.js";

// list() for the memory store: the unique index answers `userName eq "…"` (alone or
// inside an `and`) in O(1), the externalId index `externalId eq "…"`; anything else scans. Every candidate is still checked by the
// kernel's own filter evaluator, so indexed and scanned answers agree.

/** `externalId eq "…"`, alone or as one side of an `and` (RFC 7643 §3.1: caseExact). */
function externalIdEq(filter: Filter, table: Table): string | undefined {
  if (filter.type === "logical") {
    return filter.operator === "and" ? (externalIdEq(filter.left, table) ?? externalIdEq(filter.right, table)) : undefined;
  }
  if (filter.type !== "comparison" || filter.operator !== "eq" || typeof filter.value !== "string") return undefined;
  const r = table.rules.index.resolve(filter.attributePath);
  return r && !r.extension && !r.subAttribute && r.attribute.name === "externalId" ? filter.value : undefined;
}

function candidates(table: Table, query: StoreQuery): readonly StoredResource[] {
  const pin = query.filter && pinned(table.rules, query.filter);
  const ext = !pin && query.filter ? externalIdEq(query.filter, table) : undefined;
  if (ext !== undefined) {
    const ids = table.idsByExternalId(ext);
    if (ids === undefined) return [];
    // One holder: O(1). Several (rare): scan, which keeps creation order.
    if (typeof ids === "string") return [table.rows.get(ids)!];
  }
  // A snapshot: writes during a sliced scan do not shift what this list sees.
  if (!pin) return [...table.rows.values()];
  const row = pin.kind === "id" ? table.rows.get(pin.id) : pin.kind === "unique" ? table.findUniqueKey(pin.rule, pin.key) : undefined;
  return row ? [row] : [];
}

export function listTable(table: Table, query: StoreQuery, timeoutMs: number): Promise<StoreListResult> {
  // listRows compiles the filter even when the index finds no candidate, so an invalid
  // filter fails the same way with or without an index.
  if (query.keyset) return keysetRows(table.rules, candidates(table, query), query, timeoutMs);
  return listRowsSliced(table.rules, candidates(table, query), query, timeoutMs);
}
