import { expect } from "vitest";
import type { ResourceData, Store, TenantStore } from "../../src/runtime/stores/contract.js";
import { ScimError } from "../../src/runtime/errors.js";

// What the Store contract suite's sections share: the target a store test file hands in,
// the per-test context, and small builders.

export interface ContractTarget {
  /** A new, unopened store (it may share a database with earlier ones: tests use fresh tenants). */
  make(options?: { now?: () => Date }): Promise<Store>;
  /** Extra teardown after close(), e.g. deleting a file. */
  cleanup?(): Promise<void>;
}

export interface Ctx {
  store: Store;
  /** A tenant no other test uses. */
  tenant(): TenantStore;
}

let seq = 0;
export const newId = (): string => `id-${Date.now().toString(36)}-${(seq++).toString(36)}`;

export const user = (userName: string, extra: ResourceData = {}): ResourceData => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  id: newId(),
  userName,
  ...extra,
});

/** Resolves to the ScimError a promise rejects with (fails the test if it resolves). */
export async function scimError(p: Promise<unknown>): Promise<ScimError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  throw new Error("expected a ScimError, but the call succeeded");
}

