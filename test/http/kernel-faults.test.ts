import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import { createKernel, type KernelOptions } from "../../src/runtime/http/kernel.js";
import type { ScimResponse } from "../../src/runtime/http/types.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import type { Authenticator } from "../../src/runtime/tenancy/types.js";
import { coreManifest } from "../support/core-manifest.js";
import { validators } from "../support/generated/core-validators.js";

// Kernel.handle never throws and never rejects, whichever layer fails and however: a
// synchronous throw, a rejected promise, a ScimError or any other value. The pipeline is
// mostly synchronous functions returning a response or a promise, so a throw can reach
// handle() directly; it must become the same response a rejection gives.

const principal = { id: "client", tenants: "*" as const };
const authenticator = (authenticate: Authenticator["authenticate"]): Authenticator => ({ challenge: 'Bearer realm="SCIM"', schemes: [], authenticate });
const quiet = { error: () => {}, warn: () => {} };

function kernel(options: Partial<KernelOptions>) {
  return createKernel({ manifest: coreManifest(), validators, store: memoryStore(), auth: authenticator(() => principal), logger: quiet, ...options });
}

async function answer(options: Partial<KernelOptions>, url = "/scim/v2/Users/x", method = "GET"): Promise<ScimResponse> {
  let result: Promise<ScimResponse> | undefined;
  expect(() => (result = kernel(options).handle({ method, url, headers: { host: "localhost" } }))).not.toThrow();
  return result!;
}

const bug = new TypeError("secret internals");
const refusal = new ScimError(403, undefined, "not for you");

describe("Kernel.handle turns every fault into a response", () => {
  it.each([
    ["authenticator throws", { auth: authenticator(() => { throw bug; }) }, 500],
    ["authenticator rejects", { auth: authenticator(() => Promise.reject(bug)) }, 500],
    ["authenticator throws a ScimError", { auth: authenticator(() => { throw refusal; }) }, 403],
    ["authenticator rejects with a ScimError", { auth: authenticator(() => Promise.reject(refusal)) }, 403],
    ["authenticator throws a non-Error", { auth: authenticator(() => { throw "oops"; }) }, 500],
    ["tenancy resolver throws", { tenancy: () => { throw bug; } }, 500],
    ["async authenticator finds no principal", { auth: authenticator(async () => undefined) }, 401],
    ["authenticator returns a thenable rejecting", { auth: authenticator(() => ({ then: (_: unknown, reject: (e: unknown) => void) => reject(refusal) }) as never) }, 403],
    ["handler throws synchronously", { handlers: { User: { get: () => { throw bug; } } as never } }, 500],
    ["handler throws a ScimError synchronously", { handlers: { User: { get: () => { throw refusal; } } as never } }, 403],
    ["handler rejects", { handlers: { User: { get: () => Promise.reject(bug) } as never } }, 500],
    ["store open fails", { store: { ...memoryStore(), open: () => Promise.reject(bug) } }, 500],
  ] as [string, Partial<KernelOptions>, number][])("%s → %s", async (_name, options, status) => {
    const r = await answer(options);
    expect(r.status).toBe(status);
    expect(r.body ?? "").not.toContain("secret internals");
  });

  it("a /Me hook that throws is a 500 too", async () => {
    const r = await answer({ me: () => { throw bug; } }, "/scim/v2/Me");
    expect(r.status).toBe(500);
  });

  it("answers a request that fails nowhere, synchronously computed or not", async () => {
    expect((await answer({}, "/scim/v2/ServiceProviderConfig")).status).toBe(200);
    expect((await answer({}, "/scim/v2/Users/missing")).status).toBe(404);
    expect((await answer({ auth: authenticator(async () => principal) }, "/scim/v2/Users")).status).toBe(200);
    const thenable = { then: (resolve: (p: typeof principal) => void) => resolve(principal) };
    expect((await answer({ auth: authenticator(() => thenable as never) }, "/scim/v2/Users")).status).toBe(200);
  });
});
