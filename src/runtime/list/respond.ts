import { ScimError } from "../errors.js";
import { represent, type Env, type ResourceTypeRuntime } from "../http/env.js";
import type { Params, Projection } from "../http/query.js";
import { json, LIST_RESPONSE_SCHEMA } from "../http/response.js";
import type { ListQuery, RequestContext, ScimResponse } from "../http/types.js";
import { cursorPage, type CursorSettings } from "./paging.js";

// GET /{Resource}?cursor and POST /{Resource}/.search with "cursor" (RFC 9865 §3): the
// list query as parsed for index paging, answered one keyset page at a time. The cursor
// is bound to the tenant, the resource type and everything that shapes the answer
// (filter, sortBy, sortOrder, attributes, excludedAttributes), so it cannot widen it.

export async function cursorList(
  cursors: CursorSettings | undefined,
  params: Params,
  list: ListQuery,
  projection: Projection,
  ctx: RequestContext,
  env: Env,
  rt: ResourceTypeRuntime,
): Promise<ScimResponse> {
  const name = rt.type.resourceType.name;
  if (!cursors) throw ScimError.badRequest("invalidValue", "cursor paging is not enabled on this service provider; use startIndex and count");
  if (params.has("startindex")) throw ScimError.badRequest("invalidValue", "startIndex and cursor cannot be used together (RFC 9865)");
  const count = params.has("count") ? Math.min(list.count, cursors.maxPageSize) : Math.min(cursors.defaultPageSize, cursors.maxPageSize, env.maxResults);
  const query: ListQuery = { ...list, count };
  const scope = {
    tenant: ctx.tenant,
    resourceType: name,
    query: [list.filter ?? null, list.sortBy ?? null, list.sortBy ? (list.sortOrder ?? "ascending") : null, projection.attributes ?? null, projection.excludedAttributes ?? null],
  };
  const page = await cursorPage(cursors, params.get("cursor") ?? "", query, scope, (q) => rt.handler.list(ctx, q));
  const body: Record<string, unknown> = { schemas: [LIST_RESPONSE_SCHEMA], totalResults: page.totalResults, itemsPerPage: page.resources.length };
  if (page.previousCursor) body.previousCursor = page.previousCursor;
  if (page.nextCursor) body.nextCursor = page.nextCursor;
  body.Resources = page.resources.map((r) => represent(ctx, rt, r, projection));
  return json(200, body);
}
