import { describe, expect, it } from "vitest";
import type { ResourceData, TenantStore } from "../../src/runtime/stores/contract.js";
import { newId, scimError, user, type Ctx } from "./contract.js";

// RFC 7643 §4.2 member rules every store keeps, in the write's own transaction: a
// member's stored `type` is the real type of the resource it names (filled in when
// absent, 400 when the client named another), no `$ref` is stored (it is computed on
// read), a group is never a member of itself, and a membership list left empty by a
// delete is removed, not stored as [] (§2.5: the same state as unassigned).

const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
type Member = Record<string, unknown>;
const group = (displayName: string, members: Member[] = []): ResourceData => ({
  schemas: [GROUP],
  id: newId(),
  displayName,
  ...(members.length ? { members } : {}),
});

interface World {
  s: TenantStore;
  u: string;
  g: string;
}

async function world(ctx: Ctx): Promise<World> {
  const s = ctx.tenant();
  const u = (await s.create("User", user("member"))).id;
  const g = (await s.create("Group", group("inner"))).id;
  return { s, u, g };
}

export function memberRulesContract(ctx: Ctx): void {
  describe("group member rules", () => {
    // [what the client sends for each member, the members stored]
    const typed: [string, (w: World) => Member[], (w: World) => Member[]][] = [
      ["no type: the real one is filled in", (w) => [{ value: w.u }, { value: w.g }], (w) => [{ value: w.u, type: "User" }, { value: w.g, type: "Group" }]],
      ["the right type in any case: canonical", (w) => [{ value: w.u, type: "user" }, { value: w.g, type: "GROUP" }], (w) => [{ value: w.u, type: "User" }, { value: w.g, type: "Group" }]],
      ["a client $ref: never stored", (w) => [{ value: w.u, $ref: "https://evil.example/Users/x", display: "M" }], (w) => [{ value: w.u, display: "M", type: "User" }]],
      ["a null type: as absent", (w) => [{ value: w.u, type: null, $ref: null }], (w) => [{ value: w.u, type: "User" }]],
    ];
    it.each(typed)("create and replace with %s", async (_, send, stored) => {
      const w = await world(ctx);
      const created = await w.s.create("Group", group("g", send(w)));
      expect(created.data.members).toEqual(stored(w));
      const replaced = await w.s.replace("Group", created.id, { ...created.data, members: send(w) });
      expect(replaced.data.members).toEqual(stored(w));
      expect((await w.s.get("Group", created.id))!.data.members).toEqual(stored(w));
    });

    // [what is wrong, the members sent, a text the 400 must contain]
    const refused: [string, (w: World) => Member[], (w: World) => string][] = [
      ["a User id typed Group", (w) => [{ value: w.u, type: "Group" }], (w) => `members[value eq "${w.u}"].type: "Group" does not match; "${w.u}" is a User`],
      ["a Group id typed User", (w) => [{ value: w.g, type: "User" }], (w) => `"${w.g}" is a Group`],
    ];
    it.each(refused)("%s is 400 invalidValue and stores nothing", async (_, send, text) => {
      const w = await world(ctx);
      const e = await scimError(w.s.create("Group", group("bad", send(w))));
      expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
      expect(e.detail).toContain(text(w));
      const g = await w.s.create("Group", group("ok", [{ value: w.u }, { value: w.g }]));
      // also for members the group already holds: their stored type decides
      expect((await scimError(w.s.replace("Group", g.id, { ...g.data, members: send(w) }))).status).toBe(400);
      expect((await w.s.get("Group", g.id))!.version).toBe(1);
    });

    it("a replace that leaves out a stored member's type keeps it", async () => {
      const w = await world(ctx);
      const g = await w.s.create("Group", group("g", [{ value: w.u }]));
      const next = await w.s.replace("Group", g.id, { ...g.data, members: [{ value: w.u, display: "M" }] });
      expect(next.data.members).toEqual([{ value: w.u, display: "M", type: "User" }]);
    });

    it("a group listing itself is 400 invalidValue, also with unknown references kept", async () => {
      const w = await world(ctx);
      for (const options of [{}, { keepUnknownReferences: true }]) {
        const e = await scimError(w.s.replace("Group", w.g, { ...group("inner"), members: [{ value: w.u }, { value: w.g }] }, options));
        expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
        expect(e.detail).toBe(`members[value eq "${w.g}"]: a group cannot be a member of itself`);
      }
      const stored = (await w.s.get("Group", w.g))!;
      expect([stored.version, stored.data.members]).toEqual([1, undefined]);
    });

    it("unknown references kept by compat have no type; known ones are typed", async () => {
      const w = await world(ctx);
      const g = await w.s.create("Group", group("g"));
      const next = await w.s.replace("Group", g.id, { ...g.data, members: [{ value: "string id 1", type: "User" }, { value: w.u }] }, { keepUnknownReferences: true });
      expect(next.data.members).toEqual([{ value: "string id 1" }, { value: w.u, type: "User" }]);
    });

    it.each([["User"], ["Group"]])("deleting the last member (a %s) leaves no members attribute", async (kind) => {
      const w = await world(ctx);
      const member = kind === "User" ? w.u : w.g;
      const g = await w.s.create("Group", group("g", [{ value: member }]));
      await w.s.delete(kind, member);
      const after = (await w.s.get("Group", g.id))!;
      expect(after.version).toBe(2);
      expect(Object.keys(after.data)).not.toContain("members");
      const filter = { type: "comparison", attributePath: "members.value", operator: "eq", value: member } as const;
      expect((await w.s.list("Group", { filter, startIndex: 1, count: 10 })).totalResults).toBe(0);
      const present = { type: "presence", attributePath: "members" } as const;
      expect((await w.s.list("Group", { filter: present, startIndex: 1, count: 10 })).totalResults).toBe(0);
    });
  });
}
