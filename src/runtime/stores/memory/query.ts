import type { Filter } from "../../filter/ast.js";
import type { StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { keysetRows } from "../common/keyset.js";
import { listRowsSliced, type RowSource } from "../common/list.js";
import { pinned } from "../common/pinned.js";
import { idKeyset } from "./id-keyset.js";
import { textPrefilter, type TextTest } from "./prefilter.js";
import type { Table } from "./table.js";

// list() for the memory store: the unique index answers `userName eq "…"` (alone or inside
// an `and`) in O(1), the externalId index `externalId eq "…"`; anything else scans, and
// prefilter.ts skips rows whose text cannot match before decoding them. Every candidate is
// still checked by the kernel's own filter evaluator, so indexed and scanned answers agree.

/** `externalId eq "…"`, alone or as one side of an `and` (RFC 7643 §3.1: caseExact). */
function externalIdEq(filter: Filter, table: Table): string | undefined {
  if (filter.type === "logical") {
    return filter.operator === "and" ? (externalIdEq(filter.left, table) ?? externalIdEq(filter.right, table)) : undefined;
  }
  if (filter.type !== "comparison" || filter.operator !== "eq" || typeof filter.value !== "string") return undefined;
  const r = table.rules.index.resolve(filter.attributePath);
  return r && !r.extension && !r.subAttribute && r.attribute.name === "externalId" ? filter.value : undefined;
}

/** The rows a query must look at when an index narrows it to one: a pinned unique value or
 * a single externalId holder, decoded by the look-up itself (the list reads them before it
 * first yields, so they are current); undefined when every row must be scanned. */
function narrowed(table: Table, query: StoreQuery): readonly StoredResource[] | undefined {
  const pin = query.filter && pinned(table.rules, query.filter);
  const ext = !pin && query.filter ? externalIdEq(query.filter, table) : undefined;
  if (ext !== undefined) {
    const rows = table.findExternalId(ext);
    // None or one holder: O(1). Several (rare): scan, which keeps creation order.
    if (rows.length < 2) return rows;
  }
  if (!pin) return undefined;
  const row = pin.kind === "id" ? table.get(pin.id) : pin.kind === "unique" ? table.findUniqueKey(pin.rule, pin.key) : undefined;
  return row === undefined ? [] : [row];
}

/** Kept per Filter object (the kernel reuses one per filter text) and resource type. */
const prefilters = new WeakMap<Filter, WeakMap<Table["rules"]["index"], TextTest | null>>();
function prefilterOf(filter: Filter, table: Table): TextTest | undefined {
  let perType = prefilters.get(filter);
  if (!perType) prefilters.set(filter, (perType = new WeakMap()));
  let test = perType.get(table.rules.index);
  if (test === undefined) perType.set(table.rules.index, (test = textPrefilter(filter, table.rules.index) ?? null));
  return test ?? undefined;
}

export function listTable(table: Table, query: StoreQuery, timeoutMs: number): Promise<StoreListResult> {
  // listRows compiles the filter even when the index finds no candidate, so an invalid
  // filter fails the same way with or without an index.
  const found = narrowed(table, query);
  // A scan decodes rows as it reaches them; one deleted meanwhile reads as undefined, and
  // so does one whose stored text shows it cannot match the filter.
  const rows: RowSource = found ? { length: found.length, at: (i) => found[i] } : table.scan(query.filter && prefilterOf(query.filter, table));
  if (query.keyset && !found && !query.filter && query.sortBy === undefined) return Promise.resolve(idKeyset(table, query));
  if (query.keyset) return keysetRows(table.rules, rows, query, timeoutMs);
  return listRowsSliced(table.rules, rows, query, timeoutMs);
}
