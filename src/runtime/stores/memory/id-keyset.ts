import type { StoreListResult, StoreQuery } from "../contract.js";
import { pageBounds } from "../common/errors.js";
import { keysetPage } from "../common/keyset-sql.js";
import type { Table } from "./table.js";

// Keyset paging by id alone (RFC 9865 cursors without a filter or sortBy: a full cursor
// walk). Pages are chosen from the id map, so only the page's rows are decoded: a walk of
// 100k users in pages of 1,000 decoded every row on every page (25 s) before.

export function idKeyset(table: Table, query: StoreQuery): StoreListResult {
  const { limit } = pageBounds(1, query.count);
  const descending = query.sortOrder === "descending";
  // `better(a, b)`: a comes before b in the requested order (ids in code-unit order, as
  // keysetRows and the SQL stores order them).
  const better = descending ? (a: string, b: string) => a > b : (a: string, b: string) => a < b;
  const after = query.keyset?.after?.id;
  const k = limit > 0 ? limit + 1 : 0; // count=0: totalResults only, no next position
  const best: string[] = []; // the first k ids after `after`, best first
  let total = 0;
  for (const id of table.ids()) {
    total++;
    if (k === 0 || (after !== undefined && !better(after, id))) continue;
    if (best.length === k && !better(id, best[k - 1]!)) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (better(best[mid]!, id)) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, id);
    if (best.length > k) best.pop();
  }
  // Nothing has yielded since the ids were read, so every chosen row is still there.
  return keysetPage(best.map((id) => ({ id })), limit, total, false, (r) => table.get(r.id)!);
}
