import { createKernel, type Kernel, type KernelOptions } from "../../src/runtime/http/kernel.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { anyTenancy, bearerTokens, pathTenant, singleTenant } from "../../src/runtime/tenancy/index.js";
import { coreManifest } from "../support/core-manifest.js";
import { validators } from "../support/generated/core-validators.js";

// A kernel over the memory store called through `handle` directly (no sockets): the bulk
// and cursor tests exercise the pipeline, not a framework adapter.

export const TOKENS = { default: "default-token-0123", acme: "acme-token-0123456", globex: "globex-token-01234" } as const;
export const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Record<string, any>;
}

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Reply>;

export function kernel(options: Partial<KernelOptions> = {}): Kernel {
  return createKernel({
    manifest: coreManifest(),
    validators,
    store: memoryStore(),
    auth: bearerTokens({ default: TOKENS.default, acme: TOKENS.acme, globex: TOKENS.globex }),
    tenancy: anyTenancy(singleTenant({ basePath: "/scim/v2" }), pathTenant({ pattern: "/tenants/{tenant}/scim/v2" })),
    logger: { error: () => {}, warn: () => {} },
    ...options,
  });
}

const encoder = new TextEncoder();

export function caller(k: Kernel, base = "/scim/v2", token: string = TOKENS.default): Call {
  return async (method, path, body, headers = {}) => {
    const raw = typeof body === "string" ? body : body === undefined ? undefined : JSON.stringify(body);
    const res = await k.handle({
      method,
      url: base + path,
      headers: { host: "example.com", authorization: `Bearer ${token}`, "content-type": "application/scim+json", ...headers },
      ...(raw !== undefined ? { body: encoder.encode(raw) } : {}),
    });
    return { status: res.status, headers: res.headers, body: res.body ? (JSON.parse(res.body) as Record<string, any>) : {} };
  };
}

export const user = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: [USER], userName, ...extra });

export const bulk = (Operations: unknown[], extra: Record<string, unknown> = {}) => ({ schemas: [BULK_REQUEST], Operations, ...extra });
