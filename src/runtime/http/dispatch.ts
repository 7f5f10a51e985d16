import { policyFor } from "../compat/policy.js";
import { readBulk, runBulk, type BulkLimits, type BulkOpRequest } from "../bulk/index.js";
import { ScimError } from "../errors.js";
import type { ManifestIndex } from "../manifest/resolve.js";
import type { Authenticator, TenantResolver } from "../tenancy/types.js";
import { header } from "./body.js";
import type { Discovery } from "./discovery.js";
import { runtimeFor, type Env, type ResourceTypeRuntime } from "./env.js";
import { listResources, searchRoot } from "./list.js";
import { parseParams } from "./query.js";
import { createResource, deleteResource, getResource, patchResource, queryOf, replaceResource } from "./resources.js";
import { errorResponse, internalError, json, listResponse } from "./response.js";
import { ALLOWED, route, type Route } from "./router.js";
import type { Logger, Principal, RequestContext, ScimRequest, ScimResponse } from "./types.js";

// The request pipeline, in order: header limits, tenant (from the path, host or header),
// credentials (401), tenant admission (404: a valid token for another tenant learns
// nothing), route (404), method (405), then the endpoint.

/** Returns the resource the principal stands for, or undefined (404). */
export type MeHook = (ctx: RequestContext) => Promise<{ resourceType: string; id: string } | undefined> | { resourceType: string; id: string } | undefined;

export interface Settings {
  readonly index: ManifestIndex;
  readonly env: Env;
  readonly auth: Authenticator;
  readonly tenancy: TenantResolver;
  readonly me: MeHook | undefined;
  /** The compat profile names for a tenant (strict when empty). */
  readonly compat: (tenant: string) => readonly string[];
  readonly maxHeaderBytes: number;
  readonly publicUrl: string | undefined;
  readonly discovery: (baseUrl: string) => Discovery;
  /** Undefined when Bulk is switched off (501). */
  readonly bulk: BulkLimits | undefined;
  readonly logger: Logger;
}

const neverAborted = new AbortController().signal;
const HOST = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/;

function checkHeaders(req: ScimRequest, max: number): void {
  for (const name in req.headers) {
    const v = req.headers[name];
    const size = typeof v === "string" ? v.length : v ? v.reduce((n, s) => n + s.length, 0) : 0;
    if (size > max) throw new ScimError(431, undefined, `header ${JSON.stringify(name.slice(0, 60))} is longer than ${max} bytes`);
  }
}

function origin(req: ScimRequest, settings: Settings): string {
  if (settings.publicUrl) return settings.publicUrl;
  const host = header(req.headers, "host");
  return `http://${host && HOST.test(host) ? host : "localhost"}`;
}

/** Any promise-like an authenticator may return, not only a native Promise. */
function isThenable<T>(v: T | PromiseLike<T>): v is PromiseLike<T> {
  return typeof (v as { then?: unknown } | undefined)?.then === "function";
}

// Unique within the process and tells restarts apart: the start time once, then a counter.
const processTag = Date.now().toString(36);
let counter = 0;
const requestId = (): string => `${processTag}-${counter++}`;

export async function dispatch(req: ScimRequest, settings: Settings): Promise<ScimResponse> {
  checkHeaders(req, settings.maxHeaderBytes);
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const match = settings.tenancy({ path, headers: req.headers });
  if (!match) throw ScimError.notFound(`no SCIM endpoint at ${JSON.stringify(path.slice(0, 120))}`);
  const authenticated = settings.auth.authenticate(req.headers);
  // Bearer tokens answer at once: awaiting a plain value would still cost a microtask turn.
  const principal = isThenable(authenticated) ? await authenticated : authenticated;
  if (!principal) {
    const detail = header(req.headers, "authorization") === undefined ? "authentication required: send Authorization: Bearer <token>" : "the credentials are not valid";
    throw new ScimError(401, undefined, detail);
  }
  const tenant = match.tenant ?? (principal.tenants !== "*" && principal.tenants.length === 1 ? principal.tenants[0] : undefined);
  if (tenant === undefined || (principal.tenants !== "*" && !principal.tenants.includes(tenant))) {
    throw ScimError.notFound(`no SCIM endpoint at ${JSON.stringify(path.slice(0, 120))}`);
  }
  const compat = settings.compat(tenant);
  // The Microsoft suite asks for /serviceConfiguration; only its profile serves the alias.
  const rest = policyFor(compat).switches.serviceConfigurationAlias && /^\/serviceConfiguration\/?$/i.test(match.rest) ? "/ServiceProviderConfig" : match.rest;
  const r = route(rest, settings.index);
  const asked = req.method.toUpperCase();
  const allowed = ALLOWED[r.kind];
  // RFC 9110 §9.3.2: HEAD is GET without the body (the kernel drops it, see kernel.ts).
  const method = asked === "HEAD" && allowed.includes("GET") ? "GET" : asked;
  if (!allowed.includes(method)) {
    const allow = allowed.includes("GET") ? [...allowed, "HEAD"].join(", ") : allowed.join(", ");
    const e = new ScimError(405, undefined, `${asked.slice(0, 20)} is not allowed on ${JSON.stringify(match.rest || "/")}; allowed: ${allow}`);
    return { ...json(405, e.toJSON()), headers: { "content-type": "application/scim+json", allow } };
  }
  const ctx = new Context(req, tenant, principal, origin(req, settings) + match.basePath, compat);
  return endpoint(req, ctx, r, settings, method);
}

class Context implements RequestContext {
  readonly requestId = requestId();
  constructor(
    private readonly req: ScimRequest,
    readonly tenant: string,
    readonly principal: Principal,
    readonly baseUrl: string,
    readonly compat: readonly string[],
  ) {}

  /** Read through: adapters create their AbortController only when someone asks. */
  get signal(): AbortSignal {
    return this.req.signal ?? neverAborted;
  }
}

/** Not async itself (nor onResource): an async frame per layer is ~0.8 KB of garbage per request. */
function endpoint(req: ScimRequest, ctx: RequestContext, r: Route, settings: Settings, method: string): ScimResponse | Promise<ScimResponse> {
  const { env } = settings;
  switch (r.kind) {
    case "serviceProviderConfig":
      return json(200, settings.discovery(ctx.baseUrl).serviceProviderConfig);
    case "resourceTypes":
    case "schemas": {
      const d = settings.discovery(ctx.baseUrl);
      if (r.id !== undefined) return json(200, r.kind === "schemas" ? d.schema(r.id) : d.resourceType(r.id));
      // RFC 7644 §4: filtering discovery endpoints is not supported; say so with 403.
      if (parseParams(queryOf(req)).has("filter")) throw new ScimError(403, undefined, "filter is not supported on discovery endpoints");
      const all = r.kind === "schemas" ? d.schemas : d.resourceTypes;
      // Order is not specified (RFC 7644 §4); the Microsoft suite reads Resources[0] as User.
      if (r.kind === "resourceTypes" && policyFor(ctx.compat).switches.resourceTypesUserFirst) {
        const users = all.filter((t) => (t as { name?: unknown }).name === "User");
        return listResponse(all.length, 1, [...users, ...all.filter((t) => !users.includes(t))]);
      }
      return listResponse(all.length, 1, all);
    }
    case "root":
    case "rootSearch":
      return opened(env).then(() => searchRoot(req, ctx, env, r.kind === "rootSearch"));
    case "me":
      return me(req, ctx, settings, method);
    case "collection":
    case "search": {
      const rt = runtimeFor(env, r.type);
      if (r.kind === "search") return opened(env).then(() => listResources(req, ctx, env, rt, true));
      if (method === "POST") return opened(env).then(() => createResource(req, ctx, env, rt));
      return opened(env).then(() => listResources(req, ctx, env, rt, false));
    }
    case "resource":
      return onResource(req, ctx, runtimeFor(env, r.type), r.id, settings, method);
    case "bulk":
      return bulk(req, ctx, settings);
  }
}

const OPEN = Promise.resolve();
const opened = (env: Env): Promise<void> => env.ready() ?? OPEN;

async function me(req: ScimRequest, ctx: RequestContext, settings: Settings, method: string): Promise<ScimResponse> {
  if (!settings.me) throw new ScimError(501, undefined, "/Me is not implemented by this service provider");
  const target = await settings.me(ctx);
  const type = target && settings.index.resourceType(target.resourceType);
  if (!target || !type) throw ScimError.notFound("no resource is associated with the authenticated principal");
  return onResource(req, ctx, runtimeFor(settings.env, type), target.id, settings, method);
}

async function bulk(req: ScimRequest, ctx: RequestContext, settings: Settings): Promise<ScimResponse> {
  if (!settings.bulk) throw new ScimError(501, undefined, "Bulk is not enabled on this service provider");
  const request = await readBulk(req, settings.bulk, settings.env.limits);
  await settings.env.ready();
  return runBulk(request, { baseUrl: ctx.baseUrl, door: bulkDoor(ctx, settings), signal: ctx.signal });
}

const encoder = new TextEncoder();

/** Bulk's door into this pipeline (DESIGN.md rule 4): each operation is routed and run as
 * its own request under the bulk request's context (tenant, principal, compat), so it is
 * validated, versioned and stored exactly as a single request would be. */
function bulkDoor(ctx: RequestContext, settings: Settings) {
  return async (op: BulkOpRequest): Promise<ScimResponse> => {
    try {
      const r = route(op.path, settings.index);
      // RFC 7644 §3.7: POST to a resource type endpoint, the rest to a resource.
      const fits = op.method === "POST" ? r.kind === "collection" : r.kind === "resource";
      if (!fits) {
        const want = op.method === "POST" ? "a resource type endpoint such as /Users" : "a resource such as /Users/{id}";
        throw ScimError.badRequest("invalidValue", `${op.method} in a bulk request must target ${want}, not ${JSON.stringify(op.path.slice(0, 120))}`);
      }
      const headers: Record<string, string> = { "content-type": "application/scim+json" };
      if (op.ifMatch !== undefined) headers["if-match"] = op.ifMatch;
      const req: ScimRequest = { method: op.method, url: op.path, headers, signal: ctx.signal, ...(op.body ? { body: encoder.encode(JSON.stringify(op.body)) } : {}) };
      return await endpoint(req, ctx, r, settings, op.method);
    } catch (e) {
      if (e instanceof ScimError) return errorResponse(e);
      return internalError(e, ctx.requestId, settings.logger);
    }
  };
}

function onResource(req: ScimRequest, ctx: RequestContext, rt: ResourceTypeRuntime, id: string, settings: Settings, method: string): Promise<ScimResponse> {
  const opening = settings.env.ready();
  if (opening) return opening.then(() => onOpenResource(req, ctx, rt, id, settings.env, method));
  return onOpenResource(req, ctx, rt, id, settings.env, method);
}

function onOpenResource(req: ScimRequest, ctx: RequestContext, rt: ResourceTypeRuntime, id: string, env: Env, method: string): Promise<ScimResponse> {
  switch (method) {
    case "GET":
      return getResource(req, ctx, env, rt, id);
    case "PUT":
      return replaceResource(req, ctx, env, rt, id);
    case "PATCH":
      return patchResource(req, ctx, env, rt, id);
    default:
      return deleteResource(req, ctx, env, rt, id);
  }
}
