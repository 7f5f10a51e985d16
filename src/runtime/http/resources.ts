import { normalizeBody } from "../compat/body.js";
import { normalizePatchBody } from "../compat/patch.js";
import { validateResource } from "../compat/references.js";
import { policyFor } from "../compat/policy.js";
import { ScimError } from "../errors.js";
import { cleanMembers } from "../resource/members.js";
import { checkContentType, header, parseJsonBody, readBody } from "./body.js";
import { etagHeader, locationOf, represent, type Env, type ResourceTypeRuntime } from "./env.js";
import type { PatchRequest } from "./handler.js";
import { parseParams, parseProjection, type Projection } from "./query.js";
import { json, empty } from "./response.js";
import { conditionalWrite, hasPreconditions, notFound } from "./preconditions.js";
import { applyPatch, etagFor, ifNoneMatchHits, sameValue } from "./semantics.js";
import type { RequestContext, ResourceRecord, ScimRequest, ScimResponse, WriteConditions } from "./types.js";

// Single-resource endpoints: POST /{Resource}, GET/PUT/PATCH/DELETE /{Resource}/{id}
// (RFC 7644 §3.3, §3.4.1, §3.5, §3.6) with ETags (§3.14): preconditions and the atomic
// version pinning are in preconditions.ts. A PUT or PATCH whose validated result equals the
// stored data writes nothing, so meta.version and lastModified stay put (§3.5.2.1).
// Every validated body passes cleanMembers (resource/members.ts): no client `$ref` is
// stored, member types are canonical and members are unique by value (RFC 7643 §4.2).

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
async function body(req: ScimRequest, env: Env): Promise<Record<string, unknown>> {
  checkContentType(req.headers);
  return parseJsonBody(await readBody(req.body, req.headers, env.limits), env.limits.maxDepth);
}

function resourceResponse(status: number, ctx: RequestContext, rt: ResourceTypeRuntime, record: ResourceRecord, projection: Projection, extra?: Record<string, string>): ScimResponse {
  return json(status, represent(ctx, rt, record, projection), { ...etagHeader(record), ...extra });
}

export function queryOf(req: ScimRequest): string {
  const q = req.url.indexOf("?");
  return q < 0 ? "" : req.url.slice(q + 1);
}

export async function getResource(req: ScimRequest, ctx: RequestContext, env: Env, rt: ResourceTypeRuntime, id: string): Promise<ScimResponse> {
  const projection = parseProjection(parseParams(queryOf(req)), [rt.type]);
  const record = await rt.handler.get(ctx, id); // not a helper: one async frame less per GET
  if (!record) throw notFound(rt, id);
  const etag = etagFor(record.version);
  const ifNoneMatch = header(req.headers, "if-none-match");
  // RFC 7644 §3.14 / RFC 7232 §3.2: weak comparison; "*" matches any current resource.
  if (ifNoneMatchHits(ifNoneMatch, record.version)) {
    return empty(304, { etag });
  }
  return json(200, represent(ctx, rt, record, projection), { etag });
}

export async function createResource(req: ScimRequest, ctx: RequestContext, env: Env, rt: ResourceTypeRuntime): Promise<ScimResponse> {
  const projection = parseProjection(parseParams(queryOf(req)), [rt.type]); // bad parameters fail before the write
  const compat = policyFor(ctx.compat);
  const valid = validateResource(rt.validate, rt.type, compat, normalizeBody(await body(req, env), rt.type, compat), { ...env.validateOptions, ...compat.validate, mode: "create" });
  const input = cleanMembers(valid, rt.members.rules);
  const record = await rt.handler.create(ctx, input);
  return resourceResponse(201, ctx, rt, record, projection, { location: locationOf(ctx, rt, record.id) });
}

/** The stored record itself when `data` equals it (nothing to write: the version, ETag
 * and lastModified stay), else the conditional replace. Only data the kernel built is
 * compared; a custom `handler.patch` decides for itself. */
function unlessUnchanged(ctx: RequestContext, rt: ResourceTypeRuntime, id: string, existing: ResourceRecord, data: Record<string, unknown>, conditions: WriteConditions): ResourceRecord | Promise<ResourceRecord> {
  if (sameValue(data, existing.data)) return existing;
  return rt.handler.replace(ctx, id, data, conditions);
}

export async function replaceResource(req: ScimRequest, ctx: RequestContext, env: Env, rt: ResourceTypeRuntime, id: string): Promise<ScimResponse> {
  const projection = parseProjection(parseParams(queryOf(req)), [rt.type]);
  const compat = policyFor(ctx.compat);
  const input = normalizeBody(await body(req, env), rt.type, compat);
  const record = await conditionalWrite(req, ctx, rt, id, (existing, conditions) => {
    const data = cleanMembers(validateResource(rt.validate, rt.type, compat, input, { ...env.validateOptions, ...compat.validate, mode: "replace", existing: existing.data }), rt.members.rules, existing.data);
    return unlessUnchanged(ctx, rt, id, existing, data, conditions);
  });
  return resourceResponse(200, ctx, rt, record, projection);
}

function patchRequest(input: Record<string, unknown>): PatchRequest {
  const schemas = input.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === PATCH_OP.toLowerCase())) {
    throw ScimError.badRequest("invalidSyntax", `PATCH body must list schema ${PATCH_OP}`);
  }
  if (!Array.isArray(input.Operations) && !Array.isArray(input.operations)) {
    throw ScimError.badRequest("invalidSyntax", "PATCH body must have an Operations array");
  }
  return input as unknown as PatchRequest;
}

export async function patchResource(req: ScimRequest, ctx: RequestContext, env: Env, rt: ResourceTypeRuntime, id: string): Promise<ScimResponse> {
  const projection = parseProjection(parseParams(queryOf(req)), [rt.type]);
  const input = await body(req, env);
  const compat = policyFor(ctx.compat);
  const custom = rt.handler.patch;
  const request = custom ? patchRequest(input) : undefined;
  // Not async: a throw from applyPatch or the validator reaches conditionalWrite's catch all the same.
  const record = await conditionalWrite(req, ctx, rt, id, (existing, conditions) => {
    if (custom) return custom.call(rt.handler, ctx, id, request!, conditions);
    // applyPatch checks the PatchOp message itself and works on a copy (atomic).
    const patched = applyPatch(existing.data, normalizePatchBody(input, rt.type, compat), rt.type, compat.patch);
    const data = cleanMembers(validateResource(rt.validate, rt.type, compat, patched, { ...env.validateOptions, ...compat.validate, mode: "patch", existing: existing.data }), rt.members.rules, existing.data);
    return unlessUnchanged(ctx, rt, id, existing, data, conditions);
  });
  // RFC 7644 §3.5.2: 200 with the resource, or 204 when the profile asks (Microsoft suite).
  if (compat.switches.patchNoContent) return empty(204, etagHeader(record));
  return resourceResponse(200, ctx, rt, record, projection);
}

export async function deleteResource(req: ScimRequest, ctx: RequestContext, _env: Env, rt: ResourceTypeRuntime, id: string): Promise<ScimResponse> {
  if (!hasPreconditions(req)) {
    await rt.handler.delete(ctx, id, {});
    return empty(204);
  }
  // If-Match / If-None-Match: decided on the version read, which the store re-checks.
  await conditionalWrite(req, ctx, rt, id, (_existing, conditions) => rt.handler.delete(ctx, id, conditions));
  return empty(204);
}
