import { compareSortableValues, compileFilter, sortableValue } from "../../filter/index.js";
import { ScimError } from "../../errors.js";
import type { Filter } from "../../filter/ast.js";
import type { StoredResource, StoreListResult, StoreQuery } from "../contract.js";
import { pageBounds, unknownSortBy } from "./errors.js";
import type { TypeRules } from "./rules.js";
import { mentionsMeta, sortKey, sortValue, withMeta, type SortKey, type View } from "./view.js";

// Filtering, sorting and index paging (RFC 7644 §3.4.2) of candidate rows in process,
// with the kernel's own evaluator and comparator: the memory store's list(), and the SQL
// stores' answer for whatever part of a query their SQL does not express.

/** Validates sortBy against the resource type (400 before any work). */
export function sortKeyOf(rules: TypeRules, sortBy: string | undefined): SortKey | undefined {
  if (sortBy === undefined) return undefined;
  const r = rules.index.resolve(sortBy);
  if (!r) throw unknownSortBy(sortBy);
  return sortKey(r);
}

type RowMatch = (row: StoredResource) => boolean;
/** The kernel hands the same Filter object for a repeated filter text (its parse cache),
 * so matchers are kept per Filter object and type: compiled once, not on every list. */
const matchers = new WeakMap<Filter, WeakMap<TypeRules["index"], RowMatch>>();

export function compileMatch(rules: TypeRules, query: StoreQuery): RowMatch | undefined {
  const { filter } = query;
  if (!filter) return undefined;
  let perType = matchers.get(filter);
  if (!perType) matchers.set(filter, (perType = new WeakMap()));
  let match = perType.get(rules.index);
  if (!match) {
    const test = compileFilter(filter, rules.index);
    match = mentionsMeta(filter, rules.index) ? (row) => test(withMeta(row)) : (row) => test(row.data);
    perType.set(rules.index, match);
  }
  return match;
}

export function listRows(rules: TypeRules, rows: Iterable<StoredResource>, query: StoreQuery): StoreListResult {
  const key = sortKeyOf(rules, query.sortBy);
  const match = compileMatch(rules, query);
  const hits: StoredResource[] = [];
  for (const row of rows) if (!match || match(row)) hits.push(row);
  return sortAndPage(hits, key, query);
}

/** Rows read one at a time (an array is one): the memory store decodes each row on read,
 * so only the rows a list keeps stay alive. A row deleted since the list began is undefined. */
export interface RowSource {
  readonly length: number;
  at(index: number): StoredResource | undefined;
}

const SLICE = 2048;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Calls `visit` with every row of `rows`; past ~10 ms it yields to the event loop between
 * slices, and past `timeoutMs` it stops with 400 tooMany, so a 200-term filter over 100k
 * resources does not stall the server. */
export async function eachRowSliced(rows: RowSource, timeoutMs: number, visit: (row: StoredResource) => void): Promise<void> {
  const started = performance.now();
  let lastYield = started;
  for (let i = 0; i < rows.length; i++) {
    const row = rows.at(i);
    if (row) visit(row);
    if (i % SLICE === SLICE - 1) {
      const now = performance.now();
      if (now - started > timeoutMs) {
        throw ScimError.badRequest("tooMany", `the query needs more than ${timeoutMs} ms to evaluate over this tenant's resources; narrow the filter`);
      }
      if (now - lastYield > 10) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
  }
}

/** listRows for large candidate sets, evaluated in slices (eachRowSliced). Unsorted, only
 * the requested page is kept; the other matches are just counted. */
export async function listRowsSliced(rules: TypeRules, rows: RowSource, query: StoreQuery, timeoutMs: number): Promise<StoreListResult> {
  const key = sortKeyOf(rules, query.sortBy);
  const match = compileMatch(rules, query);
  const hits: StoredResource[] = [];
  const { offset, limit } = pageBounds(query.startIndex, query.count);
  if (!match && !key) {
    // Nothing to evaluate: only the page's rows are read.
    for (let i = offset; i < Math.min(rows.length, offset + limit); i++) {
      const row = rows.at(i);
      if (row) hits.push(row);
    }
    return { totalResults: rows.length, resources: hits };
  }
  if (key) {
    await eachRowSliced(rows, timeoutMs, (row) => (!match || match(row)) && hits.push(row));
    return sortAndPage(hits, key, query);
  }
  let total = 0;
  await eachRowSliced(rows, timeoutMs, (row) => {
    if (match && !match(row)) return;
    if (total >= offset && total < offset + limit) hits.push(row);
    total++;
  });
  return { totalResults: total, resources: hits };
}

function sortAndPage(hits: StoredResource[], key: SortKey | undefined, query: StoreQuery): StoreListResult {
  const { offset, limit } = pageBounds(query.startIndex, query.count);
  if (!key) return { totalResults: hits.length, resources: hits.slice(offset, offset + limit) };
  const sign = query.sortOrder === "descending" ? -1 : 1;
  // Each row's sort value is typed once (a dateTime parsed n times, not n log n times).
  const decorated = hits.map((row) => ({ row, value: sortableValue(sortValue(key.meta ? withMeta(row) : (row.data as View), key), key.attribute) }));
  decorated.sort((a, b) => {
    // The kernel's comparator (RFC 7644 §3.4.2.3): a missing value is greater than any value,
    // so it comes last ascending and first descending. Ties break on id in the same
    // direction, so (sort value, id) is a total order a keyset cursor can resume from.
    const c = compareSortableValues(a.value, b.value);
    if (c !== 0) return sign * c;
    return sign * (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);
  });
  return { totalResults: hits.length, resources: decorated.slice(offset, offset + limit).map((d) => d.row) };
}
