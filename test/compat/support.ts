import { createServer } from "node:http";
import { expect } from "vitest";
import type { Framework } from "../../src/emit/types.js";
import { listenNode, nodeHandler } from "../../src/runtime/adapters/node.js";
import { createKernel } from "../../src/runtime/http/kernel.js";
import type { Manifest } from "../../src/runtime/manifest/model.js";
import { bearerTokens } from "../../src/runtime/tenancy/index.js";
import { validators } from "../support/generated/core-validators.js";
import type { ResourceData, Store } from "../../src/runtime/stores/contract.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { startServer, TOKENS } from "../http/support/servers.js";

// A generated server (test/http's emitter harness, core User/Group/EnterpriseUser) with a
// store the test holds, so each replay step can assert what was actually stored, not only
// what the response said.

export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: any;
}

export interface Replay {
  readonly base: string;
  readonly store: Store;
  /** `path` below /scim/v2, sent exactly as given (query strings are not re-encoded). */
  send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** What the store holds for the default tenant (undefined after a delete). */
  stored(type: "User" | "Group", id: string): Promise<ResourceData | undefined>;
  close(): Promise<void>;
}

/** A generated server, or with `manifest` the kernel on node:http serving that manifest
 * (same core validators) — for schemas that declare more than the core (uniqueness). */
export async function startReplay(compat: readonly string[], framework: Framework = "node", manifest?: Manifest): Promise<Replay> {
  const store = memoryStore();
  const running = manifest
    ? await listenNode(
        createServer(nodeHandler(createKernel({ manifest, validators, store, compat, auth: bearerTokens({ default: TOKENS.default }), logger: { error: () => {}, warn: () => {} } }))),
        0,
        "127.0.0.1",
      )
    : await startServer(framework, { store, compat });
  const base = `${running.url}/scim/v2`;
  return {
    base,
    store,
    async send(method, path, body, headers = {}) {
      const res = await fetch(base + path, {
        method,
        headers: {
          authorization: `Bearer ${TOKENS.default}`,
          accept: "application/scim+json",
          ...(body !== undefined ? { "content-type": "application/scim+json; charset=utf-8" } : {}),
          ...headers,
        },
        body: body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    async stored(type, id) {
      return (await store.tenant("default").get(type, id))?.data;
    },
    close: () => running.close(),
  };
}

/** An RFC 7644 §3.12 error with this status and scimType. */
export function expectError(reply: Reply, status: number, scimType?: string): void {
  expect({ status: reply.status, schemas: reply.body?.schemas, scimType: reply.body?.scimType }).toEqual({ status, schemas: [ERROR], scimType });
  expect(typeof reply.body.detail).toBe("string");
}

export const patchOp = (...ops: unknown[]) => ({ schemas: [PATCH_OP], Operations: ops });

/** The ids of a group's stored members. */
export function memberIds(data: ResourceData | undefined): string[] {
  const members = (data?.members ?? []) as { value: string }[];
  return members.map((m) => m.value).sort();
}
