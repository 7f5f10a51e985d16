import { describe, expect, it } from "vitest";
import type { ResourceData } from "../../src/runtime/stores/contract.js";
import { newId, scimError, user, type Ctx } from "./helpers.js";

// Create, get, replace and delete: versions, timestamps, isolation of stored data.

export function crudContract(ctx: Ctx): void {
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

