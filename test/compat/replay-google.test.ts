import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compatPolicy } from "../../src/runtime/compat/index.js";
import { GROUP, LIST, memberIds, patchOp, startReplay, USER, type Replay } from "./support.js";

// Google Workspace auto-provisioning (shared/reference/idp-request-shapes.md §3, §6b):
// the setup probe GET /Users?count=1, lookup, create, update, groups, suspend (PATCH
// active false), restore, delete. Google's bodies are documented as RFC-shaped, so the
// `google` profile switches nothing on; the lifecycle therefore also passes strict.

const q = (filter: string) => encodeURIComponent(filter);

describe.each([[["google"]], [[]]])("Google Workspace lifecycle (COMPAT=%j)", (compat: string[]) => {
  let s: Replay;
  let id = "";
  let gid = "";
  beforeAll(async () => {
    s = await startReplay(compat);
  });
  afterAll(() => s.close());

  it("the google profile is the strict policy", () => {
    expect(compatPolicy(compat).strict).toBe(true);
  });

  it("answers the setup probe GET /Users?count=1 on an empty store", async () => {
    const r = await s.send("GET", "/Users?count=1");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ schemas: [LIST], totalResults: 0, Resources: [], startIndex: 1 });
  });

  it("looks up, then creates", async () => {
    expect((await s.send("GET", `/Users?filter=${q('userName eq "ann@corp.example"')}`)).body.totalResults).toBe(0);
    const r = await s.send("POST", "/Users", {
      schemas: [USER],
      userName: "ann@corp.example",
      name: { givenName: "Ann", familyName: "Lee" },
      emails: [{ value: "ann@corp.example", primary: true }],
      active: true,
    });
    expect(r.status).toBe(201);
    id = r.body.id;
    expect(await s.stored("User", id)).toMatchObject({ userName: "ann@corp.example", name: { givenName: "Ann", familyName: "Lee" }, active: true });
  });

  it("updates by PATCH", async () => {
    const r = await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "name.familyName", value: "Lee-Park" }, { op: "add", path: "title", value: "Analyst" }));
    expect(r.status).toBe(200);
    expect(await s.stored("User", id)).toMatchObject({ name: { familyName: "Lee-Park" }, title: "Analyst" });
  });

  it("creates a group, adds and removes the member", async () => {
    gid = (await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "Analysts" })).body.id;
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "add", path: "members", value: [{ value: id }] }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([id]);
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "remove", path: `members[value eq "${id}"]` }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([]);
  });

  it("suspends, restores, deletes", async () => {
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "active", value: false }));
    expect((await s.stored("User", id))?.active).toBe(false);
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "active", value: true }));
    expect((await s.stored("User", id))?.active).toBe(true);
    expect((await s.send("DELETE", `/Users/${id}`)).status).toBe(204);
    expect(await s.stored("User", id)).toBeUndefined();
    expect((await s.send("DELETE", `/Groups/${gid}`)).status).toBe(204);
  });
});
