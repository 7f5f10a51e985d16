import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compatPolicy } from "../../src/runtime/compat/index.js";
import { GROUP, memberIds, patchOp, startReplay, USER, type Replay } from "./support.js";

// PingFederate SCIM Provisioner (shared/reference/idp-request-shapes.md §6, §6b): users
// matched on userName, updated with PUT only (never PATCH), disabled by PUT active:false
// or deleted; groups found by listing every page and matching client-side, created with
// members, then PATCHed. All RFC-shaped: the `ping` profile switches nothing on.

const q = (filter: string) => encodeURIComponent(filter);
const user = (extra: Record<string, unknown> = {}) => ({
  schemas: [USER],
  userName: "jsmith",
  name: { givenName: "John", familyName: "Smith" },
  emails: [{ value: "jsmith@corp.example", type: "work", primary: true }],
  active: true,
  ...extra,
});

describe.each([[["ping"]], [[]]])("PingFederate lifecycle (COMPAT=%j)", (compat: string[]) => {
  let s: Replay;
  let id = "";
  let other = "";
  let gid = "";
  beforeAll(async () => {
    s = await startReplay(compat);
    // groups that exist before provisioning starts, so the listing spans several pages
    for (let i = 0; i < 5; i++) await s.send("POST", "/Groups", { schemas: [GROUP], displayName: `Existing ${i}` });
  });
  afterAll(() => s.close());

  it("the ping profile is the strict policy", () => {
    expect(compatPolicy(compat).strict).toBe(true);
  });

  it("matches on userName, creates (also a disabled user)", async () => {
    expect((await s.send("GET", `/Users?filter=${q('userName eq "jsmith"')}`)).body.totalResults).toBe(0);
    const r = await s.send("POST", "/Users", user());
    expect(r.status).toBe(201);
    id = r.body.id;
    other = (await s.send("POST", "/Users", user({ userName: "disabled", active: false }))).body.id;
    expect(await s.stored("User", id)).toMatchObject({ userName: "jsmith", active: true });
    expect((await s.stored("User", other))?.active).toBe(false);
  });

  it("updates with PUT", async () => {
    const r = await s.send("PUT", `/Users/${id}`, user({ title: "Manager", name: { givenName: "John", familyName: "Smyth" } }));
    expect(r.status).toBe(200);
    expect(await s.stored("User", id)).toMatchObject({ title: "Manager", name: { familyName: "Smyth" } });
  });

  it("finds groups by listing every page, creates one with members, then PATCHes members", async () => {
    const names: string[] = [];
    for (let start = 1; ; start += 2) {
      const page = await s.send("GET", `/Groups?startIndex=${start}&count=2`);
      names.push(...page.body.Resources.map((g: { displayName: string }) => g.displayName));
      if (start + 2 > page.body.totalResults) break;
    }
    expect(names.sort()).toEqual(["Existing 0", "Existing 1", "Existing 2", "Existing 3", "Existing 4"]);
    const r = await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "Ops", members: [{ value: id }] });
    expect(r.status).toBe(201);
    gid = r.body.id;
    expect(memberIds(await s.stored("Group", gid))).toEqual([id]);
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "add", path: "members", value: [{ value: other }] }, { op: "remove", path: `members[value eq "${id}"]` }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([other]);
  });

  it("disables by PUT active:false, re-enables, deletes", async () => {
    await s.send("PUT", `/Users/${id}`, user({ active: false }));
    expect((await s.stored("User", id))?.active).toBe(false);
    await s.send("PUT", `/Users/${id}`, user({ active: true }));
    expect((await s.stored("User", id))?.active).toBe(true);
    expect((await s.send("DELETE", `/Users/${id}`)).status).toBe(204);
    expect(await s.stored("User", id)).toBeUndefined();
    expect((await s.send("DELETE", `/Groups/${gid}`)).status).toBe(204);
  });
});
