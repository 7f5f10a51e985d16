import { compareSortableValues, sortableValue } from "../../filter/index.js";
import type { KeysetPosition, StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { pageBounds } from "./errors.js";
import { compileMatch, eachRowSliced, sortKeyOf, type RowSource } from "./list.js";
import type { TypeRules } from "./rules.js";
import { sortValue, withMeta, type SortKey, type View } from "./view.js";

// Keyset paging in process (RFC 9865 cursors): the memory store's answer, and the SQL
// stores' for a query pinned to one row. Order is (sort value, id) with the kernel's
// comparator, or id alone without sortBy, so a page resumes strictly after the last row
// it returned however many rows were inserted or deleted in between.

/** `value` is the raw sort value (what a cursor carries), `sortable` its sortableValue:
 * each row is typed once, not on every comparison. */
type Position = { readonly id: string; readonly value: unknown; readonly sortable: string | number | undefined };

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Sortable = string | number | undefined;
type Order = (aId: string, a: Sortable, bId: string, b: Sortable) => number;

function order(key: SortKey | undefined, descending: boolean): Order {
  const sign = descending ? -1 : 1;
  if (!key) return (aId, _a, bId) => sign * byId(aId, bId);
  return (aId, a, bId, b) => {
    const c = compareSortableValues(a, b);
    return sign * (c !== 0 ? c : byId(aId, bId));
  };
}

/** JSON-safe sort value for a cursor: primitives as they are, anything else as missing. */
function portable(value: unknown): string | number | boolean | null {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? value : null;
}

/** As listRowsSliced: past ~10 ms the scan yields between slices, and past `timeoutMs` it
 * stops with 400 tooMany rather than hold the server. */
export async function keysetRows(rules: TypeRules, rows: RowSource, query: StoreQuery, timeoutMs = Infinity): Promise<StoreListResult> {
  const key = sortKeyOf(rules, query.sortBy);
  const match = compileMatch(rules, query);
  const { limit } = pageBounds(1, query.count);
  const cmp = order(key, query.sortOrder === "descending");
  const compare = (a: Position, b: Position): number => cmp(a.id, a.sortable, b.id, b.sortable);
  const after = query.keyset?.after;
  const from: Position | undefined = after && { id: after.id, value: after.value, sortable: key && sortableValue(after.value ?? undefined, key.attribute) };
  let total = 0;
  // The best limit+1 candidates in a max-heap (worst on top): O(n log k) and one compare
  // for most rows, instead of sorting every row after the position on every page.
  const k = limit + 1;
  const heap: Candidate[] = [];
  await eachRowSliced(rows, timeoutMs, (row) => {
    if (match && !match(row)) return;
    total++;
    const value = key ? sortValue(key.meta ? withMeta(row) : (row.data as View), key) : undefined;
    const sortable = key && sortableValue(value, key.attribute);
    if (from && cmp(row.id, sortable, from.id, from.sortable) <= 0) return;
    // A candidate object only for rows that enter the heap.
    if (heap.length < k) push(heap, { row, id: row.id, value, sortable }, compare);
    else if (cmp(row.id, sortable, heap[0]!.id, heap[0]!.sortable) < 0) replaceTop(heap, { row, id: row.id, value, sortable }, compare);
  });
  const more = limit > 0 && heap.length > limit;
  const page = heap.sort(compare).slice(0, limit);
  const position = (p: Position): KeysetPosition => (key ? { id: p.id, value: portable(p.value) } : { id: p.id });
  const first = page[0];
  const last = page[page.length - 1];
  return {
    totalResults: total,
    resources: page.map((p) => p.row),
    keyset: { ...(first ? { first: position(first) } : {}), ...(last ? { last: position(last) } : {}), more },
  };
}

type Candidate = Position & { readonly row: StoredResource };
type Compare = (a: Position, b: Position) => number;

function push(heap: Candidate[], c: Candidate, compare: Compare): void {
  heap.push(c);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compare(heap[i]!, heap[parent]!) <= 0) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function replaceTop(heap: Candidate[], c: Candidate, compare: Compare): void {
  heap[0] = c;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let top = i;
    if (l < heap.length && compare(heap[l]!, heap[top]!) > 0) top = l;
    if (r < heap.length && compare(heap[r]!, heap[top]!) > 0) top = r;
    if (top === i) return;
    [heap[i], heap[top]] = [heap[top]!, heap[i]!];
    i = top;
  }
}
