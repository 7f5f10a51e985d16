import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResourceData, Store, TenantStore } from "../../src/runtime/stores/contract.js";
import { ScimError } from "../../src/runtime/errors.js";
import { storeManifest, TEST_EXT } from "./manifest.js";
import { listContract } from "./contract-list.js";
import { keysetContract } from "./contract-keyset.js";
import { membershipContract } from "./contract-membership.js";
import { filterContract } from "./contract-filters.js";
import { hostileContract } from "./contract-hostile.js";
import { corpusContract } from "./contract-corpus.js";

// The one Store contract suite (issue 6, deliver 1), run unchanged by memory.test.ts,
// sqlite.test.ts and postgres.test.ts. Each test works in fresh tenants, so one store
// instance serves the whole file and tenant isolation is exercised all the time.

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

export function storeContract(name: string, target: ContractTarget): void {
  describe(`Store contract: ${name}`, () => {
    const ctx = {} as Ctx;
    let n = 0;
    beforeAll(async () => {
      ctx.store = await target.make();
      await ctx.store.open(storeManifest());
      const run = Math.random().toString(36).slice(2, 8);
      ctx.tenant = () => ctx.store.tenant(`t-${run}-${n++}`);
    });
    afterAll(async () => {
      await ctx.store?.close();
    });
    crudContract(ctx);
    uniquenessContract(ctx);
    tenancyContract(ctx);
    versionContract(ctx);
    listContract(ctx);
    keysetContract(ctx);
    membershipContract(ctx);
    filterContract(ctx);
    hostileContract(ctx);
    corpusContract(target);
    // After every nested describe's own afterAll.
    afterAll(async () => {
      await target.cleanup?.();
    });
  });
}

function crudContract(ctx: Ctx): void {
  describe("create, get, replace, delete", () => {
    it("an open store answers ping()", async () => {
      await expect(ctx.store.ping?.()).resolves.toBeUndefined();
    });

    it("create stores a first version whose created equals lastModified", async () => {
      const s = ctx.tenant();
      const input = user("alice", { name: { givenName: "Alice" }, emails: [{ value: "a@example.com", type: "work" }] });
      const r = await s.create("User", input);
      expect(r).toMatchObject({ id: input.id, resourceType: "User", version: 1 });
      expect(r.created).toBe(r.lastModified);
      expect(Number.isNaN(Date.parse(r.created))).toBe(false);
      expect(r.data).toEqual(input);
      expect(await s.get("User", r.id)).toEqual(r);
    });

    it("never keeps a reference to the caller's object, nor stores meta", async () => {
      const s = ctx.tenant();
      const input = user("bob", { emails: [{ value: "b@example.com" }], meta: { resourceType: "User" } });
      await s.create("User", input);
      (input.emails as { value: string }[])[0]!.value = "changed@example.com";
      const got = await s.get("User", input.id as string);
      expect(got!.data.emails).toEqual([{ value: "b@example.com" }]);
      expect(got!.data.meta).toBeUndefined();
    });

    it("what a read returns cannot change what is stored", async () => {
      const s = ctx.tenant();
      const r = await s.create("User", user("mutable", { emails: [{ value: "m@example.com" }] }));
      for (const got of [r, (await s.get("User", r.id))!, (await s.list("User", { startIndex: 1, count: 1 })).resources[0]!]) {
        try {
          (got.data as Record<string, unknown>).userName = "changed";
          ((got.data.emails as Record<string, unknown>[])[0]!).value = "changed";
        } catch {
          // frozen (memory store): refusing the write is as good
        }
      }
      const again = await s.get("User", r.id);
      expect(again!.data.userName).toBe("mutable");
      expect(again!.data.emails).toEqual([{ value: "m@example.com" }]);
    });

    it("keeps a __proto__ key as plain data and pollutes no prototype", async () => {
      const s = ctx.tenant();
      const input = JSON.parse(`{"id":"${newId()}","userName":"proto","__proto__":{"polluted":true}}`) as ResourceData;
      const r = await s.create("User", input);
      const got = await s.get("User", r.id);
      expect(Object.hasOwn(got!.data, "__proto__")).toBe(true);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((got!.data as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("get of an unknown id is undefined, replace and delete are 404", async () => {
      const s = ctx.tenant();
      expect(await s.get("User", "nope")).toBeUndefined();
      expect((await scimError(s.replace("User", "nope", user("x")))).status).toBe(404);
      expect((await scimError(s.delete("User", "nope"))).status).toBe(404);
    });

    it("replace bumps the version, keeps created and id, and swaps the data", async () => {
      const s = ctx.tenant();
      const r1 = await s.create("User", user("carol", { title: "Engineer" }));
      const r2 = await s.replace("User", r1.id, { schemas: r1.data.schemas, id: r1.id, userName: "carol", nickName: "C" });
      expect(r2.version).toBe(2);
      expect(r2.created).toBe(r1.created);
      expect(Date.parse(r2.lastModified)).toBeGreaterThanOrEqual(Date.parse(r1.lastModified));
      expect(r2.data).toEqual({ schemas: r1.data.schemas, id: r1.id, userName: "carol", nickName: "C" });
      expect((await s.get("User", r1.id))!.version).toBe(2);
    });

    it("delete removes the resource; a second delete is 404", async () => {
      const s = ctx.tenant();
      const r = await s.create("User", user("dave"));
      await s.delete("User", r.id);
      expect(await s.get("User", r.id)).toBeUndefined();
      expect((await scimError(s.delete("User", r.id))).status).toBe(404);
    });

    it("a duplicate id is 409 uniqueness", async () => {
      const s = ctx.tenant();
      const r = await s.create("User", user("erin"));
      const e = await scimError(s.create("User", { ...user("frank"), id: r.id }));
      expect([e.status, e.scimType]).toEqual([409, "uniqueness"]);
    });

    it("resource types are separate: a Group id is not a User", async () => {
      const s = ctx.tenant();
      const g = await s.create("Group", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: newId(), displayName: "G" });
      expect(await s.get("User", g.id)).toBeUndefined();
      expect((await s.get("Group", g.id))!.resourceType).toBe("Group");
    });
  });
}

function uniquenessContract(ctx: Ctx): void {
  describe("uniqueness (RFC 7643 §2.2)", () => {
    it.each([["ALICE"], ["Alice"], ["alice"]])("userName is unique case-insensitively: %s after alice is 409", async (taken) => {
      const s = ctx.tenant();
      await s.create("User", user("alice"));
      const e = await scimError(s.create("User", user(taken)));
      expect([e.status, e.scimType]).toEqual([409, "uniqueness"]);
      expect(e.detail).toContain("userName");
    });

    it("replace onto another user's userName is 409 and changes nothing", async () => {
      const s = ctx.tenant();
      await s.create("User", user("alice"));
      const b = await s.create("User", user("bob"));
      const e = await scimError(s.replace("User", b.id, { ...b.data, userName: "ALICE" }));
      expect(e.status).toBe(409);
      expect(await s.get("User", b.id)).toEqual(b);
    });

    it("a resource may change the case of its own userName; the old value is freed on rename and delete", async () => {
      const s = ctx.tenant();
      const a = await s.create("User", user("alice"));
      await s.replace("User", a.id, { ...a.data, userName: "ALICE" });
      await s.replace("User", a.id, { ...a.data, userName: "alice2" });
      await s.create("User", user("alice"));
      await s.delete("User", a.id);
      await s.create("User", user("Alice2"));
    });

    it("an extension attribute with uniqueness server is unique, case-exact as declared", async () => {
      const s = ctx.tenant();
      await s.create("User", user("u1", { [TEST_EXT]: { badge: "B-1" } }));
      const e = await scimError(s.create("User", user("u2", { [TEST_EXT]: { badge: "B-1" } })));
      expect([e.status, e.scimType]).toEqual([409, "uniqueness"]);
      expect(e.detail).toContain("badge");
      await s.create("User", user("u3", { [TEST_EXT]: { badge: "b-1" } }));
    });

    it("attributes without uniqueness may repeat (Group displayName, User displayName)", async () => {
      const s = ctx.tenant();
      const g = () => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: newId(), displayName: "Same" });
      await s.create("Group", g());
      await s.create("Group", g());
      await s.create("User", user("x1", { displayName: "Same" }));
      await s.create("User", user("x2", { displayName: "Same" }));
    });

    it("two concurrent creates of one userName: exactly one succeeds, the other is 409", async () => {
      const s = ctx.tenant();
      const results = await Promise.allSettled([s.create("User", user("race")), s.create("User", user("RACE"))]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect((loser.reason as ScimError).status).toBe(409);
    });
  });
}

function tenancyContract(ctx: Ctx): void {
  describe("tenant isolation", () => {
    it("the same userName, badge and id live in two tenants, and no call crosses", async () => {
      const a = ctx.tenant();
      const b = ctx.tenant();
      const data = user("shared", { externalId: "ext-1", [TEST_EXT]: { badge: "B" } });
      const ra = await a.create("User", data);
      const rb = await b.create("User", data);
      expect(rb.id).toBe(ra.id);
      await a.replace("User", ra.id, { ...data, displayName: "A" });
      expect((await b.get("User", rb.id))!.data.displayName).toBeUndefined();
      await b.delete("User", rb.id);
      expect(await a.get("User", ra.id)).toBeDefined();
      expect((await b.list("User", { startIndex: 1, count: 10 })).totalResults).toBe(0);
      expect((await a.list("User", { startIndex: 1, count: 10 })).totalResults).toBe(1);
    });

    it("an id from another tenant is invisible to get, replace, delete and list", async () => {
      const a = ctx.tenant();
      const b = ctx.tenant();
      const r = await a.create("User", user("only-a"));
      expect(await b.get("User", r.id)).toBeUndefined();
      expect((await scimError(b.replace("User", r.id, user("x")))).status).toBe(404);
      expect((await scimError(b.delete("User", r.id))).status).toBe(404);
      const filter = { type: "comparison", attributePath: "userName", operator: "eq", value: "only-a" } as const;
      expect((await b.list("User", { filter, startIndex: 1, count: 10 })).totalResults).toBe(0);
    });
  });
}

function versionContract(ctx: Ctx): void {
  describe("versioned writes (RFC 7644 §3.14)", () => {
    it("a conditional replace with the current version succeeds, a stale one is 412 and changes nothing", async () => {
      const s = ctx.tenant();
      const r1 = await s.create("User", user("v"));
      const r2 = await s.replace("User", r1.id, { ...r1.data, title: "one" }, { ifVersion: 1 });
      expect(r2.version).toBe(2);
      const e = await scimError(s.replace("User", r1.id, { ...r1.data, title: "two" }, { ifVersion: 1 }));
      expect(e.status).toBe(412);
      expect(await s.get("User", r1.id)).toEqual(r2);
    });

    it("a conditional delete with a stale version is 412 and keeps the resource", async () => {
      const s = ctx.tenant();
      const r1 = await s.create("User", user("d"));
      await s.replace("User", r1.id, r1.data);
      expect((await scimError(s.delete("User", r1.id, { ifVersion: 1 }))).status).toBe(412);
      await s.delete("User", r1.id, { ifVersion: 2 });
      expect(await s.get("User", r1.id)).toBeUndefined();
    });

    it("ten concurrent conditional replaces of one version: exactly one wins, nine get 412", async () => {
      const s = ctx.tenant();
      const r = await s.create("User", user("c"));
      const writes = Array.from({ length: 10 }, (_, i) => s.replace("User", r.id, { ...r.data, title: `t${i}` }, { ifVersion: 1 }));
      const results = await Promise.allSettled(writes);
      const won = results.filter((x) => x.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const x of results) if (x.status === "rejected") expect((x.reason as ScimError).status).toBe(412);
      const final = await s.get("User", r.id);
      expect(final!.version).toBe(2);
      expect(final!.data.title).toBe((won[0] as PromiseFulfilledResult<{ data: ResourceData }>).value.data.title);
    });

    it("every write bumps the version by one", async () => {
      const s = ctx.tenant();
      const r = await s.create("User", user("bump"));
      let last = r.version;
      for (let i = 0; i < 5; i++) {
        const next = await s.replace("User", r.id, { ...r.data, title: `t${i}` });
        expect(next.version).toBe(last + 1);
        last = next.version;
      }
    });
  });
}
