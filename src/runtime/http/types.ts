import type { Filter } from "../filter/ast.js";
import type { KeysetPage, KeysetPosition } from "../stores/contract.js";

// The framework-neutral request and response the kernel's `handle` works on. Adapters
// (src/runtime/adapters) translate their framework's objects to and from these and do
// nothing else (DESIGN.md rule 3), so every door shares one pipeline (rule 4).

/** Header names are lower case; a repeated header may arrive as an array. */
export type ScimHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Raw body bytes, or a stream the kernel reads itself so it can stop at the size limit. */
export type ScimBody = Uint8Array | AsyncIterable<Uint8Array>;

export interface ScimRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path and query exactly as received ("/scim/v2/Users?filter=..."), not decoded. */
  readonly url: string;
  readonly headers: ScimHeaders;
  readonly body?: ScimBody;
  /** Aborted when the client goes away; handlers and stores may pass it on. */
  readonly signal?: AbortSignal;
}

export interface ScimResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Record<string, string>;
  /** Serialized JSON, or undefined for 204/304. */
  readonly body?: string;
}

/** Who is calling, as established by the authenticator. */
export interface Principal {
  /** Stable identifier of the caller (a client id, a user id). */
  readonly id: string;
  /** Tenants this principal may act in; "*" for all. */
  readonly tenants: readonly string[] | "*";
  /** Free-form claims for handlers (scopes, names). */
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** Carried by every call into handlers and stores (DESIGN.md rule 5). */
export interface RequestContext {
  readonly tenant: string;
  readonly principal: Principal;
  /** Absolute URL of the SCIM base for this tenant, no trailing slash: used in meta.location. */
  readonly baseUrl: string;
  /** Names of the active IdP compatibility profiles (strict RFC behaviour when empty). */
  readonly compat: readonly string[];
  readonly signal: AbortSignal;
  /** Correlates log lines and 500 responses. */
  readonly requestId: string;
}

/** pino-compatible: `logger.error({ err, requestId }, "message")`. */
export interface Logger {
  error(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

/** A list request after parsing and validation (RFC 7644 §3.4.2). `F` is the generated
 * per-resource filter type (e.g. `UserFilter`). Attribute paths are canonical. */
export interface ListQuery<F extends Filter = Filter> {
  readonly filter?: F;
  readonly sortBy?: string;
  readonly sortOrder?: "ascending" | "descending";
  /** 1-based, at least 1. */
  readonly startIndex: number;
  /** 0 asks for totalResults only; never above the configured maximum. */
  readonly count: number;
  /** Cursor paging (RFC 9865): a keyset query, see StoreQuery.keyset. A handler that
   * supports cursors answers it and sets ListResult.keyset; startIndex is then 1. */
  readonly keyset?: { readonly after?: KeysetPosition };
}

/** What the kernel needs back from a handler to build a representation and its ETag. */
export interface ResourceRecord<R = { [key: string]: unknown }> {
  readonly id: string;
  /** Grows on every write; the weak ETag is derived from it (RFC 7644 §3.14). */
  readonly version: number;
  /** ISO 8601 instants for meta.created / meta.lastModified. */
  readonly created: string;
  readonly lastModified: string;
  readonly data: R;
}

export interface ListResult<R = { [key: string]: unknown }> {
  readonly totalResults: number;
  readonly resources: readonly ResourceRecord<R>[];
  /** Answer to a keyset query: positions of the first and last resource, more to come. */
  readonly keyset?: KeysetPage;
}

/** The version the kernel decided the preconditions on (If-Match, If-None-Match; RFC 7644
 * §3.14): the store checks it and writes in one atomic step, or answers 412. */
export interface WriteConditions {
  readonly ifVersion?: number;
}
