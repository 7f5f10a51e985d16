import type { CompatPolicy } from "../compat/policy.js";
import { ScimError } from "../errors.js";
import { ambiguousMember } from "../resource/message-members.js";
import type { Filter } from "../filter/ast.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import { checkedFilter, checkSortable, parseAttributeList } from "./semantics.js";
import type { ListQuery } from "./types.js";
import type { Env } from "./env.js";

// Query parameters (RFC 7644 §3.4.2, §3.9) from a URL or a /.search body (§3.4.3), checked
// against the resource type: unknown sort or projection attributes are 400s, out-of-range
// paging values are clamped as §3.4.2.4 requires, and a parameter given twice is refused
// rather than guessed at.

export interface Projection {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

export interface ParsedQuery {
  readonly list: ListQuery;
  readonly projection: Projection;
  readonly filterText?: string;
}

/** Query parameters by lower-case name (RFC 7644 parameter names are case-insensitive in
 * practice; IdPs send `startindex`). */
export type Params = ReadonlyMap<string, string>;

const MAX_PARAM_LENGTH = 10_000;

/** Shared by every request without a query string (typed read-only). */
const NO_PARAMS: Params = new Map<string, string>();
/** The projection of a request without attributes or excludedAttributes. */
const NO_PROJECTION: Projection = Object.freeze({});

export function parseParams(search: string): Params {
  if (search === "") return NO_PARAMS;
  const params = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(search)) {
    const key = name.toLowerCase();
    if (params.has(key)) throw ScimError.badRequest("invalidValue", `query parameter "${key.slice(0, 50)}" is given more than once`);
    if (value.length > MAX_PARAM_LENGTH) throw ScimError.badRequest("invalidValue", `query parameter "${key.slice(0, 50)}" is longer than ${MAX_PARAM_LENGTH} characters`);
    params.set(key, value);
  }
  return params;
}

/** /.search bodies use the same names as JSON members (RFC 7644 §3.4.3). */
/** RFC 7644 §3.4.3 SearchRequest members (and RFC 9865's cursor), lower-cased. */
const SEARCH_MEMBERS = new Set(["attributes", "excludedattributes", "filter", "sortby", "sortorder", "startindex", "count", "cursor"]);

export function paramsFromSearchBody(body: Record<string, unknown>): Params {
  const params = new Map<string, string>();
  const spelled = new Map<string, string>();
  for (const key of Object.keys(body)) {
    const name = key.toLowerCase();
    const value = body[key];
    // one member in two spellings ("filter", "Filter") would leave us to pick one
    const first = spelled.get(name);
    if (first !== undefined) throw ambiguousMember("the search request", first, key);
    spelled.set(name, key);
    if (name === "schemas") continue;
    // A misspelt member ("filters") would otherwise widen the search without a word.
    if (!SEARCH_MEMBERS.has(name)) {
      throw ScimError.badRequest("invalidValue", `search request member ${JSON.stringify(key.slice(0, 50))} is not one of schemas, attributes, excludedAttributes, filter, sortBy, sortOrder, startIndex, count, cursor`);
    }
    if (name === "attributes" || name === "excludedattributes") {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        throw ScimError.badRequest("invalidValue", `search request member "${key}" must be an array of attribute paths`);
      }
      params.set(name, value.join(","));
    } else if (name === "startindex" || name === "count") {
      if (typeof value !== "number") throw ScimError.badRequest("invalidValue", `search request member "${key}" must be an integer`);
      params.set(name, String(value));
    } else if (typeof value === "string") params.set(name, value);
    else throw ScimError.badRequest("invalidValue", `search request member "${key.slice(0, 50)}" must be a string`);
  }
  return params;
}

function integer(params: Params, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  if (!/^[+-]?\d{1,15}$/.test(raw.trim())) {
    throw ScimError.badRequest("invalidValue", `${name === "startindex" ? "startIndex" : name} must be an integer, got ${JSON.stringify(raw.slice(0, 40))}`);
  }
  return Number(raw);
}

/** `schemas` is a common attribute (RFC 7643 §3) like `id` and `meta`, always returned. */
const SCHEMAS = "schemas";

function checkPaths(paths: readonly string[], param: string, types: readonly ResourceTypeIndex[]): void {
  for (const raw of paths) {
    const open = raw.indexOf("[");
    const path = open < 0 ? raw : raw.slice(0, open);
    if (path.toLowerCase() === SCHEMAS && open < 0) continue;
    const known = types.some((t) => t.resolve(path) !== undefined || t.extension(path) !== undefined);
    if (!known) throw ScimError.badRequest("invalidValue", `${param}: unknown attribute ${JSON.stringify(path.slice(0, 120))}`);
    // `emails[type eq "work"]` projects the attribute (Microsoft's validator sends it); its
    // filter must still be a valid value filter of that attribute for some resource type.
    if (open >= 0) checkValueFilter(raw, path, param, types);
  }
}

function checkValueFilter(raw: string, path: string, param: string, types: readonly ResourceTypeIndex[]): void {
  const close = raw.lastIndexOf("]");
  const rest = close < 0 ? "" : raw.slice(close + 1);
  let error: ScimError | undefined;
  for (const t of types) {
    if (t.resolve(path) === undefined) continue;
    try {
      if (close < 0 || (rest !== "" && (rest[0] !== "." || t.resolve(`${path}.${rest.slice(1)}`) === undefined))) {
        throw ScimError.badRequest("invalidValue", `${JSON.stringify(raw.slice(0, 120))} is not attribute[filter] or attribute[filter].subAttribute`);
      }
      checkedFilter(raw.slice(0, close + 1), t);
      return;
    } catch (e) {
      if (!(e instanceof ScimError)) throw e;
      error ??= e;
    }
  }
  throw ScimError.badRequest("invalidValue", `${param}: ${error?.detail ?? `${JSON.stringify(raw.slice(0, 120))} cannot be filtered`}`);
}

/** The canonical sortBy path; every resource type that has the attribute must allow sorting on it. */
function sortPath(raw: string, types: readonly ResourceTypeIndex[]): string {
  let path: string | undefined;
  for (const type of types) {
    const hit = type.resolve(raw);
    if (!hit) continue;
    const attr = hit.subAttribute ?? hit.attribute;
    // A complex attribute sorts by its `value` (RFC 7644 §3.4.2.3); one without it cannot sort.
    if (attr.type === "complex" && !attr.subAttributes?.some((s) => s.name.toLowerCase() === "value")) {
      throw ScimError.badRequest("invalidValue", `sortBy: complex attribute ${JSON.stringify(hit.path)} has no value to sort by`);
    }
    checkSortable(hit);
    path ??= hit.path;
  }
  if (path !== undefined) return path;
  throw ScimError.badRequest("invalidValue", `sortBy: unknown attribute ${JSON.stringify(raw.slice(0, 120))}`);
}

/** A parsed filter with attribute paths resolved against `type` (400 invalidFilter otherwise). */
export function filterFor(text: string, type: ResourceTypeIndex, compat?: CompatPolicy): Filter {
  return checkedFilter(text, type, compat);
}

export function parseListQuery(params: Params, types: readonly ResourceTypeIndex[], paging: Pick<Env, "maxResults" | "defaultPageSize">, compat?: CompatPolicy): ParsedQuery {
  const startIndex = Math.max(1, integer(params, "startindex") ?? 1); // < 1 means 1
  // RFC 7644 §3.4.2.4: < 0 means 0; without count the advertised defaultPageSize (RFC 9865 §4).
  const count = Math.min(paging.maxResults, Math.max(0, integer(params, "count") ?? paging.defaultPageSize));
  const sortByRaw = params.get("sortby");
  const orderRaw = params.get("sortorder");
  let sortOrder: "ascending" | "descending" | undefined;
  if (orderRaw !== undefined) {
    const o = orderRaw.toLowerCase();
    if (o !== "ascending" && o !== "descending") {
      throw ScimError.badRequest("invalidValue", `sortOrder must be "ascending" or "descending", got ${JSON.stringify(orderRaw.slice(0, 40))}`);
    }
    sortOrder = o;
  }
  const filterText = params.get("filter");
  let filter: Filter | undefined;
  if (filterText !== undefined && types.length === 1) filter = filterFor(filterText, types[0]!, compat);
  const list: { -readonly [K in keyof ListQuery]: ListQuery[K] } = { startIndex, count };
  if (filter) list.filter = filter;
  if (sortByRaw !== undefined && sortByRaw !== "") {
    list.sortBy = sortPath(sortByRaw, types);
    list.sortOrder = sortOrder ?? "ascending";
  }
  const result: { list: ListQuery; projection: Projection; filterText?: string } = { list, projection: parseProjection(params, types) };
  if (filterText !== undefined) result.filterText = filterText;
  return result;
}

/** `attributes` / `excludedAttributes` (RFC 7644 §3.9); both at once is ambiguous. */
export function parseProjection(params: Params, types: readonly ResourceTypeIndex[]): Projection {
  const attributes = params.get("attributes");
  const excluded = params.get("excludedattributes");
  if (attributes !== undefined && excluded !== undefined) {
    throw ScimError.badRequest("invalidValue", "attributes and excludedAttributes cannot be used together");
  }
  if (attributes !== undefined) {
    const list = parseAttributeList(attributes);
    checkPaths(list, "attributes", types);
    return { attributes: list };
  }
  if (excluded !== undefined) {
    const list = parseAttributeList(excluded);
    checkPaths(list, "excludedAttributes", types);
    return { excludedAttributes: list };
  }
  return NO_PROJECTION;
}
