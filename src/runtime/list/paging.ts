import { ScimError } from "../errors.js";
import type { ListQuery, ListResult, ResourceRecord } from "../http/types.js";
import type { CursorCodec, CursorScope } from "./cursor.js";

// One cursor page (RFC 9865) over a handler that supports keyset queries. A "before"
// cursor (previousCursor) runs the same query in the opposite order from its position and
// turns the rows around, so paging back is as cheap and as stable as paging forward.

export interface CursorSettings {
  readonly codec: CursorCodec;
  /** Page size when the request gives no count (RFC 9865 defaultPageSize). */
  readonly defaultPageSize: number;
  /** Largest page (RFC 9865 maxPageSize); a larger count is lowered to it. */
  readonly maxPageSize: number;
}

export interface CursorPage {
  readonly totalResults: number;
  readonly resources: readonly ResourceRecord[];
  readonly nextCursor?: string;
  readonly previousCursor?: string;
}

const flip = (o: "ascending" | "descending"): "ascending" | "descending" => (o === "ascending" ? "descending" : "ascending");

export async function cursorPage(
  settings: CursorSettings,
  token: string,
  list: ListQuery,
  scope: CursorScope,
  fetch: (query: ListQuery) => Promise<ListResult>,
): Promise<CursorPage> {
  const state = token === "" ? { direction: "after" as const } : settings.codec.open(token, scope);
  const backward = state.direction === "before";
  const order = list.sortOrder ?? "ascending";
  const query: ListQuery = {
    ...list,
    startIndex: 1,
    sortOrder: backward ? flip(order) : order,
    keyset: state.position ? { after: state.position } : {},
  };
  const result = await fetch(query);
  const page = result.keyset;
  if (!page) throw ScimError.badRequest("invalidValue", `cursor paging is not supported for ${scope.resourceType}: its handler does not answer keyset queries`);
  const rows = backward ? [...result.resources].reverse() : result.resources;
  const out: { -readonly [K in keyof CursorPage]: CursorPage[K] } = { totalResults: result.totalResults, resources: rows };
  // In forward order the page runs from `start` to `end`.
  const start = backward ? page.last : page.first;
  const end = backward ? page.first : page.last;
  const moreAhead = backward ? state.position !== undefined : page.more;
  const moreBehind = backward ? page.more : state.position !== undefined;
  if (moreAhead && end) out.nextCursor = settings.codec.issue(scope, { direction: "after", position: end });
  if (moreBehind && start) out.previousCursor = settings.codec.issue(scope, { direction: "before", position: start });
  return out;
}
