import { policyFor } from "../compat/policy.js";
import { ScimError } from "../errors.js";
import type { ResolvedAttribute } from "../manifest/resolve.js";
import { checkContentType, parseJsonBody, readBody } from "./body.js";
import { represent, type Env, type ResourceTypeRuntime } from "./env.js";
import { filterFor, paramsFromSearchBody, parseListQuery, parseParams, type Params } from "./query.js";
import { queryOf } from "./resources.js";
import { listResponse } from "./response.js";
import { cursorList } from "../list/respond.js";
import { rootCursorList } from "../list/root.js";
import { compareAttributeValues, isQueryRefusal } from "./semantics.js";
import type { ListQuery, RequestContext, ResourceRecord, ScimRequest, ScimResponse } from "./types.js";

// Queries: GET /{Resource}, POST /{Resource}/.search, and at the server root (RFC 7644
// §3.4.2, §3.4.3). A resource type's list is pushed down to its handler; a root query
// asks every resource type for the first startIndex+count matches and merges them.

const SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

/** GET uses the URL query; POST .search uses the body and ignores the URL query. */
export async function queryParams(req: ScimRequest, env: Env, viaPost: boolean): Promise<Params> {
  if (!viaPost) return parseParams(queryOf(req));
  checkContentType(req.headers);
  const body = parseJsonBody(await readBody(req.body, req.headers, env.limits), env.limits.maxDepth);
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === SEARCH_REQUEST.toLowerCase())) {
    throw ScimError.badRequest("invalidSyntax", `search request body must list schema ${SEARCH_REQUEST}`);
  }
  return paramsFromSearchBody(body);
}

export async function listResources(req: ScimRequest, ctx: RequestContext, env: Env, rt: ResourceTypeRuntime, viaPost: boolean): Promise<ScimResponse> {
  const params = await queryParams(req, env, viaPost);
  const { list, projection } = parseListQuery(params, [rt.type], env, policyFor(ctx.compat));
  if (params.has("cursor")) return cursorList(env.cursors, params, list, projection, ctx, env, rt);
  const result = await rt.handler.list(ctx, list);
  const resources = result.resources.map((r) => represent(ctx, rt, r, projection));
  return listResponse(result.totalResults, list.startIndex, resources);
}

function valueAt(record: ResourceRecord, hit: ResolvedAttribute): unknown {
  const data = record.data;
  let v = hit.extension ? (data[hit.schema] as Record<string, unknown> | undefined)?.[hit.attribute.name] : data[hit.attribute.name];
  if (Array.isArray(v)) v = v.find((x: { primary?: unknown }) => x?.primary === true) ?? v[0];
  if (hit.subAttribute) return (v as Record<string, unknown> | undefined)?.[hit.subAttribute.name];
  if (hit.attribute.type === "complex") return (v as Record<string, unknown> | undefined)?.value;
  return v;
}

/** Root query: every resource type whose attributes the filter names takes part. */
export async function searchRoot(req: ScimRequest, ctx: RequestContext, env: Env, viaPost: boolean): Promise<ScimResponse> {
  const params = await queryParams(req, env, viaPost);
  const runtimes = [...env.types.values()];
  const compat = policyFor(ctx.compat);
  const { list, projection, filterText } = parseListQuery(params, runtimes.map((r) => r.type), env, compat);
  const window = list.startIndex - 1 + list.count;
  if (window > env.maxResults * 10) {
    throw ScimError.badRequest("tooMany" as const, `a query across resource types can page only to ${env.maxResults * 10} results`);
  }
  const parts: { rt: ResourceTypeRuntime; record: ResourceRecord }[] = [];
  const cursorParts: { rt: ResourceTypeRuntime; query: ListQuery }[] = [];
  const cursor = params.has("cursor");
  let total = 0;
  let firstError: unknown;
  let asked = 0;
  for (const rt of runtimes) {
    const query: { -readonly [K in keyof ListQuery]: ListQuery[K] } = { ...list, startIndex: 1, count: window };
    if (filterText !== undefined) {
      try {
        query.filter = filterFor(filterText, rt.type, compat);
      } catch (e) {
        if (isQueryRefusal(e)) throw e; // a never-returned value or meta.version: refused, not "no match"
        firstError ??= e; // this type lacks an attribute the filter names: nothing matches
        continue;
      }
    }
    if (query.sortBy && !rt.type.resolve(query.sortBy)) delete query.sortBy;
    asked++;
    if (cursor) {
      cursorParts.push({ rt, query });
      continue;
    }
    const result = await rt.handler.list(ctx, query);
    total += result.totalResults;
    for (const record of result.resources) parts.push({ rt, record });
  }
  if (asked === 0 && firstError) throw firstError;
  if (cursor) return rootCursorList(env.cursors, params, cursorParts, projection, filterText, ctx, env, list.count);
  if (list.sortBy) {
    const sortBy = list.sortBy;
    const keyed = parts.map((p) => {
      const hit = p.rt.type.resolve(sortBy);
      return { p, hit, value: hit ? valueAt(p.record, hit) : undefined };
    });
    const sign = list.sortOrder === "descending" ? -1 : 1;
    // RFC 7644 §3.4.2.3: a missing value sorts last ascending and first descending, as in
    // the stores; ties keep the per-type order (Array.prototype.sort is stable).
    keyed.sort((a, b) => {
      const hit = a.hit ?? b.hit;
      return hit ? sign * compareAttributeValues(a.value, b.value, hit.subAttribute ?? hit.attribute) : 0;
    });
    parts.splice(0, parts.length, ...keyed.map((k) => k.p));
  }
  const page = parts.slice(list.startIndex - 1, window);
  return listResponse(total, list.startIndex, page.map(({ rt, record }) => represent(ctx, rt, record, projection)));
}
