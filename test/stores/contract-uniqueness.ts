import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import { TEST_EXT } from "./manifest.js";
import { newId, scimError, user, type Ctx } from "./helpers.js";

// RFC 7643 §2.2 uniqueness: userName case-insensitively, other attributes per caseExact.

export function uniquenessContract(ctx: Ctx): void {
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

