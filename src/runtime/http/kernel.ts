import { compatSelector, type CompatSelection } from "../compat/policy.js";
import { ScimError } from "../errors.js";
import type { Manifest } from "../manifest/model.js";
import { ManifestIndex } from "../manifest/resolve.js";
import { CursorCodec, type CursorKeyOptions } from "../list/cursor.js";
import { referenceRules } from "../resource/members.js";
import type { Validators } from "../resource/validator.js";
import type { Store } from "../stores/contract.js";
import { tenancyFrom, type TenancyStrategy } from "../tenancy/resolvers.js";
import type { Authenticator, TenantResolver } from "../tenancy/types.js";
import { Discovery, type AuthenticationScheme } from "./discovery.js";
import { eraseHandler, type Env, type ResourceTypeRuntime } from "./env.js";
import type { AnyResourceHandler } from "./handler.js";
import { dispatch, type MeHook } from "./dispatch.js";
import { errorResponse, internalError, consoleLogger } from "./response.js";
import { lazyOpen, storeHandler } from "./store-handler.js";
import type { Logger, ScimRequest, ScimResponse } from "./types.js";

// createKernel: the framework-neutral SCIM service. Every adapter calls `handle`; it never
// throws: client faults become RFC 7644 §3.12 errors, our own faults a logged 500.

export interface KernelOptions {
  readonly manifest: Manifest;
  /** Generated validators keyed by resource type name. */
  readonly validators: Validators;
  /** Serves every resource type without its own handler. */
  readonly store?: Store;
  /** Per resource type name; take precedence over `store`. */
  readonly handlers?: Readonly<Record<string, AnyResourceHandler | undefined>>;
  readonly auth: Authenticator;
  /** Default: one tenant "default" at /scim/v2. */
  readonly tenancy?: TenantResolver | TenancyStrategy;
  /** SCIM base path for the default and the string strategies ("path" puts it under
   * /tenants/{tenant}). Default "/scim/v2". */
  readonly basePath?: string;
  /** Maps the authenticated principal to its own resource for /Me (RFC 7644 §3.11). */
  readonly me?: MeHook;
  readonly logger?: Logger;
  /** IdP compatibility profiles (src/runtime/compat), for every tenant (a list of names)
   * or per tenant (a function of the tenant name); carried in the RequestContext. */
  readonly compat?: CompatSelection;
  /** Paging maximum, advertised as filter.maxResults. Default 1000. */
  readonly maxResults?: number;
  /** Page size when a list request gives no count, index and cursor paging alike;
   * advertised as pagination.defaultPageSize (RFC 9865 §4). Default 100, at most maxResults. */
  readonly defaultPageSize?: number;
  /** Default 1 MB. */
  readonly maxBodyBytes?: number;
  readonly maxJsonDepth?: number;
  readonly bodyTimeoutMs?: number;
  /** Longest accepted single header value (431 above). Default 8 KB. */
  readonly maxHeaderBytes?: number;
  /** Origin for meta.location, e.g. "https://scim.example.com"; default from Host. */
  readonly publicUrl?: string;
  readonly documentationUri?: string;
  /** Bulk (RFC 7644 §3.7) limits, advertised in ServiceProviderConfig; `false` turns
   * /Bulk off (501). Default 1000 operations and 1 MB. */
  readonly bulk?: { readonly maxOperations?: number; readonly maxPayloadSize?: number } | false;
  /** Cursor paging (RFC 9865) beside index paging, which stays the default; `false` turns
   * cursors off. `key` signs cursors: give every instance the same key (a random one is
   * generated at start otherwise); `timeoutSeconds` is cursorTimeout (default 3600).
   * `defaultPageSize` here is the older spelling of the top-level option. */
  readonly cursors?: (CursorKeyOptions & { readonly defaultPageSize?: number }) | false;
}

export interface Kernel {
  handle(request: ScimRequest): Promise<ScimResponse>;
  /** True when `url` lies under one of the SCIM base paths: adapters mounted beside other
   * routes pass everything else on. */
  owns(url: string, headers: ScimRequest["headers"]): boolean;
  readonly manifest: ManifestIndex;
  close(): Promise<void>;
}

/** RFC 9110 §9.3.2: the GET response's status and headers, its length, no content. */
function withoutBody(response: ScimResponse): ScimResponse {
  if (response.body === undefined) return response;
  return { status: response.status, headers: { ...response.headers, "content-length": String(new TextEncoder().encode(response.body).length) } };
}

export function createKernel(options: KernelOptions): Kernel {
  const index = new ManifestIndex(options.manifest);
  const logger = options.logger ?? consoleLogger;
  const types = new Map<string, ResourceTypeRuntime>();
  const typeNames = new Set(options.manifest.resourceTypes.map((rt) => rt.name.toLowerCase()));
  const indexes = new Map(options.manifest.resourceTypes.map((rt) => [rt.name.toLowerCase(), index.resourceType(rt.name)!]));
  for (const rt of options.manifest.resourceTypes) {
    const type = index.resourceType(rt.name)!;
    const validate = options.validators[rt.name];
    if (!validate) throw new Error(`createKernel: no validator for resource type ${rt.name}`);
    const own = options.handlers?.[rt.name];
    const handler = own ? eraseHandler(own) : options.store ? storeHandler(options.store, rt.name) : undefined;
    if (!handler) throw new Error(`createKernel: resource type ${rt.name} has neither a handler nor a store`);
    types.set(rt.name, { type, validate, handler, members: { rules: referenceRules(type, typeNames), types: indexes } });
  }
  const store = options.store;
  const maxResults = options.maxResults ?? 1000;
  const cursorOptions = options.cursors === false ? undefined : options.cursors;
  const defaultPageSize = Math.min(maxResults, options.defaultPageSize ?? cursorOptions?.defaultPageSize ?? 100);
  const env: Env = {
    types,
    maxResults,
    defaultPageSize,
    limits: {
      maxBytes: options.maxBodyBytes ?? 1_000_000,
      maxDepth: options.maxJsonDepth ?? 32,
      timeoutMs: options.bodyTimeoutMs ?? 10_000,
    },
    validateOptions: {},
    ready: store ? lazyOpen(() => store.open(index)) : () => undefined,
    ...(options.cursors === false ? {} : { cursors: { codec: new CursorCodec(cursorOptions), defaultPageSize, maxPageSize: maxResults } }),
  };
  const bulk = options.bulk === false ? undefined : { maxOperations: options.bulk?.maxOperations ?? 1000, maxPayloadSize: options.bulk?.maxPayloadSize ?? 1_048_576 };
  const schemes: readonly AuthenticationScheme[] = options.auth.schemes;
  const discoveries = new Map<string, Discovery>();
  const discovery = (baseUrl: string): Discovery => {
    let d = discoveries.get(baseUrl);
    if (!d) {
      d = new Discovery(options.manifest, baseUrl, {
        maxResults,
        defaultPageSize,
        maxPayloadSize: env.limits.maxBytes,
        patch: true,
        ...(bulk ? { bulk } : {}),
        ...(env.cursors ? { cursors: { maxPageSize: env.cursors.maxPageSize, cursorTimeout: env.cursors.codec.timeoutSeconds } } : {}),
        authenticationSchemes: schemes,
        ...(options.documentationUri ? { documentationUri: options.documentationUri } : {}),
      });
      if (discoveries.size > 1000) discoveries.clear(); // bounded: Host headers are client input
      discoveries.set(baseUrl, d);
    }
    return d;
  };
  const settings = {
    index,
    env,
    auth: options.auth,
    tenancy: tenancyFrom(options.tenancy, options.basePath),
    me: options.me,
    compat: compatSelector(options.compat),
    maxHeaderBytes: options.maxHeaderBytes ?? 8192,
    publicUrl: options.publicUrl?.replace(/\/+$/, ""),
    discovery,
    bulk,
    logger,
  };
  const failed = (e: unknown): ScimResponse => {
    if (e instanceof ScimError) {
      return errorResponse(e, e.status === 401 ? { "www-authenticate": options.auth.challenge } : undefined);
    }
    return internalError(e, crypto.randomUUID(), logger);
  };
  return {
    manifest: index,
    handle(request: ScimRequest): Promise<ScimResponse> {
      // dispatch is async, so every fault, thrown or rejected, arrives here as a rejection.
      const answered = dispatch(request, settings).catch(failed);
      return request.method.length === 4 && request.method.toUpperCase() === "HEAD" ? answered.then(withoutBody) : answered;
    },
    owns(url, headers) {
      const q = url.indexOf("?");
      return settings.tenancy({ path: q < 0 ? url : url.slice(0, q), headers }) !== undefined;
    },
    async close() {
      await store?.close();
    },
  };
}
