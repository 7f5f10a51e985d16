import { describe, expect, it } from "vitest";
import type { ResourceData } from "../../src/runtime/stores/contract.js";
import { ScimError } from "../../src/runtime/errors.js";
import { TEST_EXT } from "./manifest.js";
import { scimError, user, type Ctx } from "./helpers.js";

// Tenant isolation and versioned (conditional) writes.

export function tenancyContract(ctx: Ctx): void {
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

export function versionContract(ctx: Ctx): void {
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
