import { ScimError } from "../errors.js";
import { represent, type Env, type ResourceTypeRuntime } from "../http/env.js";
import type { Params, Projection } from "../http/query.js";
import { json, LIST_RESPONSE_SCHEMA } from "../http/response.js";
import type { ListQuery, RequestContext, ResourceRecord, ScimResponse } from "../http/types.js";
import type { CursorSettings } from "./paging.js";

// Cursor paging at the server root (GET /?cursor, POST /.search with "cursor"; RFC 7644
// §3.4.2.1 with RFC 9865): resource types in manifest order, each in id order, so the
// position is (resource type, id) and every page is keyset queries only. A sortBy across
// types would need a merge no keyset can resume, so it is refused; previousCursor is not
// given at the root.

export interface RootPart {
  readonly rt: ResourceTypeRuntime;
  readonly query: ListQuery;
}

export async function rootCursorList(
  cursors: CursorSettings | undefined,
  params: Params,
  parts: readonly RootPart[],
  projection: Projection,
  filterText: string | undefined,
  ctx: RequestContext,
  env: Env,
  requested: number,
): Promise<ScimResponse> {
  if (!cursors) throw ScimError.badRequest("invalidValue", "cursor paging is not enabled on this service provider; use startIndex and count");
  if (params.has("startindex")) throw ScimError.badRequest("invalidValue", "startIndex and cursor cannot be used together (RFC 9865)");
  if (params.has("sortby")) throw ScimError.badRequest("invalidValue", "cursor paging at the server root does not support sortBy; query /{Resource} with a cursor instead");
  const count = params.has("count") ? Math.min(requested, cursors.maxPageSize) : Math.min(cursors.defaultPageSize, cursors.maxPageSize, env.maxResults);
  const names = parts.map((p) => p.rt.type.resourceType.name);
  const scope = { tenant: ctx.tenant, resourceType: "*", query: [filterText ?? null, names, projection.attributes ?? null, projection.excludedAttributes ?? null] };
  const token = params.get("cursor") ?? "";
  const state = token === "" ? undefined : cursors.codec.open(token, scope);
  const at = state?.position;
  const startType = typeof at?.value === "number" ? at.value : 0;
  if (state && (state.direction !== "after" || !Number.isInteger(startType) || startType < 0 || startType >= parts.length)) {
    throw ScimError.badRequest("invalidCursor", "cursor does not belong to a query at the server root");
  }
  const page: { rt: ResourceTypeRuntime; record: ResourceRecord }[] = [];
  let total = 0;
  let next: { type: number; id: string } | undefined;
  for (let t = 0; t < parts.length; t++) {
    const { rt, query } = parts[t]!;
    const room = count - page.length;
    if (t < startType || room <= 0 || next) {
      const n = (await rt.handler.list(ctx, { ...query, startIndex: 1, count: 0, keyset: {} })).totalResults;
      total += n;
      if (t > startType && !next && room <= 0 && n > 0 && page.length > 0) {
        const last = page[page.length - 1]!;
        // More types may still hold matches: resume after the last row returned.
        next = { type: names.indexOf(last.rt.type.resourceType.name), id: last.record.id };
      }
      continue;
    }
    const after = t === startType && at ? { after: { id: at.id } } : {};
    const result = await rt.handler.list(ctx, { ...query, sortOrder: "ascending", startIndex: 1, count: room, keyset: after });
    if (!result.keyset) throw ScimError.badRequest("invalidValue", `cursor paging is not supported for ${names[t]}: its handler does not answer keyset queries`);
    total += result.totalResults;
    for (const record of result.resources) page.push({ rt, record });
    if (result.keyset.more && result.keyset.last) next = { type: t, id: result.keyset.last.id };
  }
  const body: Record<string, unknown> = { schemas: [LIST_RESPONSE_SCHEMA], totalResults: total, itemsPerPage: page.length };
  // A next page is promised only when matches remain after this one.
  if (next) body.nextCursor = cursors.codec.issue(scope, { direction: "after", position: { id: next.id, value: next.type } });
  body.Resources = page.map(({ rt, record }) => represent(ctx, rt, record, projection));
  return json(200, body);
}
