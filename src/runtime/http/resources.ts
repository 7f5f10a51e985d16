import { normalizeBody } from "../compat/body.js";
import { normalizePatchBody } from "../compat/patch.js";
import { validateResource } from "../compat/references.js";
import { policyFor } from "../compat/policy.js";
import { ScimError } from "../errors.js";
import { checkContentType, header, parseJsonBody, readBody } from "./body.js";
import { etagHeader, locationOf, represent, type Env, type ResourceTypeRuntime } from "./env.js";
import type { PatchRequest } from "./handler.js";
import { parseParams, parseProjection, type Projection } from "./query.js";
import { json, empty } from "./response.js";
import { applyPatch, etagFor, ifMatchSatisfied, ifNoneMatchHits } from "./semantics.js";
import type { RequestContext, ResourceRecord, ScimRequest, ScimResponse, WriteConditions } from "./types.js";

// Single-resource endpoints: POST /{Resource}, GET/PUT/PATCH/DELETE /{Resource}/{id}
// (RFC 7644 §3.3, §3.4.1, §3.5, §3.6) with ETags (§3.14). If-Match is checked against the
// version read, and that version is handed to the store so check and write are atomic.

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/** A write without If-Match that loses a race is retried (the client asked for no
 * precondition, so a 412 would be wrong), up to this many attempts with jittered backoff
 * so several instances contending for one resource all get through. */
const RETRIES = 24;
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));

async function body(req: ScimRequest, env: Env): Promise<Record<string, unknown>> {
  checkContentType(req.headers);
  return parseJsonBody(await readBody(req.body, req.headers, env.limits), env.limits.maxDepth);
}

function notFound(rt: ResourceTypeRuntime, id: string): ScimError {
  return ScimError.notFound(`${rt.type.resourceType.name} ${JSON.stringify(id.slice(0, 120))} not found`);
}

async function mustGet(ctx: RequestContext, rt: ResourceTypeRuntime, id: string): Promise<ResourceRecord> {
  const record = await rt.handler.get(ctx, id);
  if (!record) throw notFound(rt, id);
  return record;
}

function checkIfMatch(req: ScimRequest, record: ResourceRecord): WriteConditions | undefined {
  const ifMatch = header(req.headers, "if-match");
  if (ifMatch === undefined) return undefined;
  if (!ifMatchSatisfied(ifMatch, record.version)) {
    throw ScimError.preconditionFailed(`If-Match ${JSON.stringify(ifMatch.slice(0, 100))} does not match the current version ${etagFor(record.version)}`);
  }
  return { ifVersion: record.version };
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
  const record = await rt.handler.get(ctx, id); // not mustGet: one async frame less per GET
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
  const input = validateResource(rt.validate, rt.type, compat, normalizeBody(await body(req, env), rt.type, compat), { ...env.validateOptions, ...compat.validate, mode: "create" });
  const record = await rt.handler.create(ctx, input);
  return resourceResponse(201, ctx, rt, record, projection, { location: locationOf(ctx, rt, record.id) });
}

/** Runs read-modify-write; without If-Match a lost race (412 from the store) is retried. */
async function conditionalWrite(
  req: ScimRequest,
  ctx: RequestContext,
  rt: ResourceTypeRuntime,
  id: string,
  write: (existing: ResourceRecord, conditions: WriteConditions) => Promise<ResourceRecord>,
): Promise<ResourceRecord> {
  for (let attempt = 1; ; attempt++) {
    const existing = await rt.handler.get(ctx, id); // not mustGet: one async frame less per write
    if (!existing) throw notFound(rt, id);
    const asked = checkIfMatch(req, existing);
    try {
      return await write(existing, { ifVersion: existing.version });
    } catch (e) {
      if (asked || attempt >= RETRIES || !(e instanceof ScimError) || e.status !== 412) throw e;
    }
    await backoff(attempt);
  }
}

export async function replaceResource(req: ScimRequest, ctx: RequestContext, env: Env, rt: ResourceTypeRuntime, id: string): Promise<ScimResponse> {
  const projection = parseProjection(parseParams(queryOf(req)), [rt.type]);
  const compat = policyFor(ctx.compat);
  const input = normalizeBody(await body(req, env), rt.type, compat);
  const record = await conditionalWrite(req, ctx, rt, id, (existing, conditions) => {
    const data = validateResource(rt.validate, rt.type, compat, input, { ...env.validateOptions, ...compat.validate, mode: "replace", existing: existing.data });
    return rt.handler.replace(ctx, id, data, conditions);
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
    const data = validateResource(rt.validate, rt.type, compat, patched, { ...env.validateOptions, ...compat.validate, mode: "patch", existing: existing.data });
    return rt.handler.replace(ctx, id, data, conditions);
  });
  // RFC 7644 §3.5.2: 200 with the resource, or 204 when the profile asks (Microsoft suite).
  if (compat.switches.patchNoContent) return empty(204, etagHeader(record));
  return resourceResponse(200, ctx, rt, record, projection);
}

export async function deleteResource(req: ScimRequest, ctx: RequestContext, _env: Env, rt: ResourceTypeRuntime, id: string): Promise<ScimResponse> {
  if (header(req.headers, "if-match") === undefined) {
    await rt.handler.delete(ctx, id, {});
    return empty(204);
  }
  const existing = await mustGet(ctx, rt, id);
  await rt.handler.delete(ctx, id, checkIfMatch(req, existing) ?? {});
  return empty(204);
}
