import { describe, expect, it } from "vitest";
import type { ResourceData } from "../../src/runtime/stores/contract.js";
import { newId, scimError, user, type Ctx } from "./contract.js";

// Group membership references: members[].value are ids of Users or Groups of the same
// tenant (RFC 7643 §4.2); a deleted resource leaves every group it was a member of.

const group = (displayName: string, members: string[] = []): ResourceData => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
  id: newId(),
  displayName,
  ...(members.length ? { members: members.map((value) => ({ value })) } : {}),
});

export function membershipContract(ctx: Ctx): void {
  describe("group membership references", () => {
    it("members may be users and groups of the same tenant", async () => {
      const s = ctx.tenant();
      const u = await s.create("User", user("m1"));
      const inner = await s.create("Group", group("inner", [u.id]));
      const outer = await s.create("Group", group("outer", [u.id, inner.id]));
      expect(outer.data.members).toEqual([{ value: u.id, type: "User" }, { value: inner.id, type: "Group" }]);
    });

    it.each([["an unknown id"], ["an id from another tenant"]])("a member with %s is 400 invalidValue", async (which) => {
      const s = ctx.tenant();
      const other = ctx.tenant();
      const id = which === "an unknown id" ? "ghost" : (await other.create("User", user("elsewhere"))).id;
      const e = await scimError(s.create("Group", group("g", [id])));
      expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
      expect(e.detail).toContain("members");
      expect(e.detail).toContain(id);
      const g = await s.create("Group", group("g2"));
      expect((await scimError(s.replace("Group", g.id, { ...g.data, members: [{ value: id }] }))).status).toBe(400);
      expect((await s.get("Group", g.id))!.version).toBe(1);
    });

    it("deleting a user removes it from every group and bumps their versions", async () => {
      const s = ctx.tenant();
      const a = await s.create("User", user("a"));
      const b = await s.create("User", user("b"));
      const g1 = await s.create("Group", group("g1", [a.id, b.id]));
      const g2 = await s.create("Group", group("g2", [b.id]));
      await s.delete("User", a.id);
      const after1 = await s.get("Group", g1.id);
      expect(after1!.data.members).toEqual([{ value: b.id, type: "User" }]);
      expect(after1!.version).toBe(2);
      expect((await s.get("Group", g2.id))!.version).toBe(1);
    });

    it("a large group: replace checks only the members it adds, and every change is tracked", async () => {
      const s = ctx.tenant();
      const ids: string[] = [];
      for (let i = 0; i < 300; i++) ids.push((await s.create("User", user(`m${i}`))).id);
      const g = await s.create("Group", group("big", ids));
      const extra = (await s.create("User", user("extra"))).id;
      const grown = await s.replace("Group", g.id, { ...g.data, members: [...ids.slice(1), extra].map((value) => ({ value })) });
      expect((grown.data.members as unknown[]).length).toBe(300);
      const e = await scimError(s.replace("Group", g.id, { ...grown.data, members: [...ids.slice(1), extra, "ghost"].map((value) => ({ value })) }));
      expect(e.detail).toContain("ghost");
      await s.delete("User", ids[0]!); // no longer a member: the group is untouched
      expect((await s.get("Group", g.id))!.version).toBe(2);
      await s.delete("User", extra);
      const after = await s.get("Group", g.id);
      expect(after!.version).toBe(3);
      expect((after!.data.members as { value: string }[]).map((m) => m.value)).toEqual(ids.slice(1));
    });

    it("finds the groups of a member with members.value eq", async () => {
      const s = ctx.tenant();
      const a = await s.create("User", user("a"));
      const b = await s.create("User", user("b"));
      await s.create("Group", group("g1", [a.id, b.id]));
      await s.create("Group", group("g2", [b.id]));
      const filter = { type: "comparison", attributePath: "members.value", operator: "eq", value: a.id } as const;
      const r = await s.list("Group", { filter, startIndex: 1, count: 10 });
      expect(r.resources.map((x) => x.data.displayName)).toEqual(["g1"]);
    });
  });
}
