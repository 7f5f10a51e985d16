import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { nodeHandler } from "../../src/runtime/adapters/node.js";
import { createKernel, type Kernel } from "../../src/runtime/http/kernel.js";
import type { Store } from "../../src/runtime/stores/contract.js";
import { bearerTokens, singleTenant } from "../../src/runtime/tenancy/index.js";
import { coreManifest } from "../../test/support/core-manifest.js";
import { validators } from "../../test/support/generated/core-validators.js";

// The kernel behind node:http on an ephemeral port, and a keep-alive client for it.

export const TOKEN = "bulk-bench-token-0123456789";

export interface Running {
  readonly base: string;
  readonly kernel: Kernel;
  close(): Promise<void>;
}

export async function serve(store: Store, options: { maxResults?: number } = {}): Promise<Running> {
  const kernel = createKernel({
    manifest: coreManifest(),
    validators,
    store,
    auth: bearerTokens({ default: TOKEN }),
    tenancy: singleTenant({ basePath: "/scim/v2" }),
    bulk: { maxOperations: 1000, maxPayloadSize: 4_000_000 },
    maxResults: options.maxResults ?? 1000,
  });
  const server: Server = createServer(nodeHandler(kernel));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/scim/v2`,
    kernel,
    close: () => new Promise<void>((resolve) => server.close(() => void kernel.close().then(() => resolve()))),
  };
}

export async function send(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/scim+json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}
