import { describe, expect, it } from "vitest";
import { parseFilter } from "../../src/runtime/filter/index.js";
import type { TenantStore } from "../../src/runtime/stores/contract.js";
import { scimError, user, type Ctx } from "./contract.js";

// SQL injection through every door a client controls: ids, filter values under every
// operator, attribute paths, and sortBy. None may change data, leak rows or crash: the
// answer is either the correct (usually empty) result or a precise 400.

const PAYLOADS = [
  "' OR '1'='1",
  "x'; DROP TABLE scim_resource; --",
  '" OR 1=1 --',
  "%",
  "_",
  "\\",
  "') OR ('a'='a",
  "$1",
  "?",
  "*/ OR 1=1 /*",
];

async function population(s: TenantStore): Promise<number> {
  return (await s.list("User", { startIndex: 1, count: 0 })).totalResults;
}

export function hostileContract(ctx: Ctx): void {
  describe("SQL injection attempts have no effect", () => {
    it.each(PAYLOADS.map((p) => [p]))("id %s: get/replace/delete find nothing, create stores it verbatim", async (id) => {
      const s = ctx.tenant();
      await s.create("User", user("victim"));
      expect(await s.get("User", id)).toBeUndefined();
      expect((await scimError(s.replace("User", id, user("x")))).status).toBe(404);
      expect((await scimError(s.delete("User", id))).status).toBe(404);
      const r = await s.create("User", { ...user("holder"), id });
      expect((await s.get("User", id))!.data).toEqual(r.data);
      expect(await population(s)).toBe(2);
    });

    it.each(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"].map((op) => [op]))("every payload under %s matches only literally", async (op) => {
      const s = ctx.tenant();
      await s.create("User", user("victim", { displayName: "plain" }));
      for (const p of PAYLOADS) {
        const filter = parseFilter(`displayName ${op} ${JSON.stringify(p)}`);
        const r = await s.list("User", { filter, startIndex: 1, count: 10 });
        const v = "plain";
        const want = { eq: v === p, ne: v !== p, co: v.includes(p), sw: v.startsWith(p), ew: v.endsWith(p), gt: v > p, ge: v >= p, lt: v < p, le: v <= p }[op];
        expect(r.totalResults, `displayName ${op} ${p}`).toBe(want ? 1 : 0);
      }
      expect(await population(s)).toBe(1);
    });

    it.each([
      ["userName') OR 1=1 --"],
      ['userName" OR 1=1 --'],
      ["urn:ietf:params:scim:schemas:core:2.0:User:userName'--"],
      ["name.familyName'); DROP TABLE scim_resource; --"],
    ])("a hostile attribute path %s is 400 invalidFilter", async (path) => {
      const s = ctx.tenant();
      await s.create("User", user("victim"));
      const filter = { type: "comparison", attributePath: path, operator: "eq", value: "x" } as const;
      const e = await scimError(s.list("User", { filter, startIndex: 1, count: 10 }));
      expect([e.status, e.scimType]).toEqual([400, "invalidFilter"]);
      expect(await population(s)).toBe(1);
    });

    it.each([["userName; DROP TABLE scim_resource"], ["userName DESC, (SELECT 1)"], ["1"], ["id'--"]])(
      "a hostile sortBy %s is 400 invalidValue",
      async (sortBy) => {
        const s = ctx.tenant();
        await s.create("User", user("victim"));
        const e = await scimError(s.list("User", { startIndex: 1, count: 10, sortBy }));
        expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
        expect(await population(s)).toBe(1);
      },
    );

    it("a hostile tenant name is just another tenant", async () => {
      const a = ctx.store.tenant("' OR '1'='1");
      await a.create("User", user("in-quoted-tenant"));
      const b = ctx.tenant();
      expect(await population(b)).toBe(0);
      expect(await population(a)).toBeGreaterThanOrEqual(1);
    });
  });
}
