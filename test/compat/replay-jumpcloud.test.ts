import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, GROUP, memberIds, patchOp, startReplay, USER, type Replay } from "./support.js";

// JumpCloud Custom SCIM (shared/reference/idp-request-shapes.md §5, §6b): on activation a
// test user and a test group are created and deleted; then user_lookup_provision →
// user_create_provision → update (PUT or PATCH) → group take-over by displayName →
// members added, then removed Azure-style with a `value` list → deprovision (active
// false) → reactivate → delete.

const q = (filter: string) => encodeURIComponent(filter);
const ann = { schemas: [USER], userName: "ann@corp.example", name: { givenName: "Ann", familyName: "Lee" }, emails: [{ value: "ann@corp.example", type: "work", primary: true }], active: true };

describe("JumpCloud lifecycle (COMPAT=jumpcloud)", () => {
  let s: Replay;
  let id = "";
  let gid = "";
  beforeAll(async () => {
    s = await startReplay(["jumpcloud"]);
  });
  afterAll(() => s.close());

  it("activation: creates and deletes a test user and a test group", async () => {
    const u = await s.send("POST", "/Users", { schemas: [USER], userName: "jumpcloud-test-user", active: true });
    const g = await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "jumpcloud-test-group" });
    expect([u.status, g.status]).toEqual([201, 201]);
    expect((await s.send("DELETE", `/Users/${u.body.id}`)).status).toBe(204);
    expect((await s.send("DELETE", `/Groups/${g.body.id}`)).status).toBe(204);
    expect(await s.stored("User", u.body.id)).toBeUndefined();
    expect(await s.stored("Group", g.body.id)).toBeUndefined();
  });

  it("looks up, creates, updates by PUT and by PATCH", async () => {
    expect((await s.send("GET", `/Users?filter=${q('userName eq "ann@corp.example"')}`)).body.totalResults).toBe(0);
    id = (await s.send("POST", "/Users", ann)).body.id;
    await s.send("PUT", `/Users/${id}`, { ...ann, title: "Ops" });
    expect((await s.stored("User", id))?.title).toBe("Ops");
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "title", value: "Ops Lead" }));
    expect((await s.stored("User", id))?.title).toBe("Ops Lead");
  });

  it("takes over the same-named group, adds the member, removes it by a value list", async () => {
    gid = (await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "Ops" })).body.id;
    const found = await s.send("GET", `/Groups?filter=${q('displayName eq "Ops"')}`);
    expect(found.body.Resources.map((g: { id: string }) => g.id)).toEqual([gid]);
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "add", path: "members", value: [{ value: id }] }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([id]);
    const r = await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "remove", path: "members", value: [{ value: id }] }));
    expect(r.status).toBe(200);
    expect(memberIds(await s.stored("Group", gid))).toEqual([]);
  });

  it("deprovisions (active false), reactivates, deletes", async () => {
    await s.send("PUT", `/Users/${id}`, { ...ann, active: false });
    expect((await s.stored("User", id))?.active).toBe(false);
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "active", value: true }));
    expect((await s.stored("User", id))?.active).toBe(true);
    expect((await s.send("DELETE", `/Users/${id}`)).status).toBe(204);
    expect(await s.stored("User", id)).toBeUndefined();
    expect(memberIds(await s.stored("Group", gid))).toEqual([]);
  });
});

describe("the same JumpCloud member removal, strict (no profile)", () => {
  let s: Replay;
  beforeAll(async () => {
    s = await startReplay([]);
  });
  afterAll(() => s.close());

  it("remove with a value list is 400 invalidValue and the group keeps its member", async () => {
    const id = (await s.send("POST", "/Users", ann)).body.id;
    const gid = (await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "Ops", members: [{ value: id }] })).body.id;
    expectError(await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "remove", path: "members", value: [{ value: id }] })), 400, "invalidValue");
    expect(memberIds(await s.stored("Group", gid))).toEqual([id]);
  });
});
