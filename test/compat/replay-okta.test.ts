import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectError, GROUP, memberIds, patchOp, startReplay, USER, type Replay } from "./support.js";

// Okta (OIN app with PATCH; shared/reference/idp-request-shapes.md §2): lookup with
// startIndex/count → create (placeholder password, locale, groups: []) → GET + PUT the
// full object → deactivate/reactivate by no-path PATCH → Group Push: create with
// members: [], lookup by displayName, rename carrying the read-only id, membership PATCH
// (remove members[value eq] + add), "Push now" of an empty group (replace members []),
// then delete. Okta sends Content-Type: application/scim+json even on GETs without body.

const q = (filter: string) => encodeURIComponent(filter);
const OKTA = { "user-agent": "Okta SCIM Client 1.0.0", "content-type": "application/scim+json; charset=utf-8" };

const jo = {
  schemas: [USER],
  userName: "jo@acme.test",
  name: { givenName: "Jo", familyName: "Lee" },
  emails: [{ primary: true, value: "jo@acme.test", type: "work" }],
  displayName: "Jo Lee",
  locale: "en-US",
  externalId: "00u1abcd",
  groups: [],
  password: "1mz050nq",
  active: true,
};

describe("Okta lifecycle (COMPAT=okta)", () => {
  let s: Replay;
  let id = "";
  let old = "";
  let gid = "";
  beforeAll(async () => {
    s = await startReplay(["okta"]);
    old = (await s.send("POST", "/Users", { schemas: [USER], userName: "old@acme.test", name: { givenName: "O", familyName: "Ld" }, emails: [{ value: "old@acme.test" }], active: true })).body.id;
  });
  afterAll(() => s.close());

  it("looks up, creates with password/locale/groups, answers 409 on the duplicate", async () => {
    const look = await s.send("GET", `/Users?filter=${q('userName eq "jo@acme.test"')}&startIndex=1&count=100`, undefined, OKTA);
    expect(look.status).toBe(200);
    expect(look.body.totalResults).toBe(0);
    const r = await s.send("POST", "/Users", jo, OKTA);
    expect(r.status).toBe(201);
    expect(r.body).not.toHaveProperty("password");
    id = r.body.id;
    const data = await s.stored("User", id);
    expect(data).toMatchObject({ userName: "jo@acme.test", locale: "en-US", externalId: "00u1abcd", active: true });
    expectError(await s.send("POST", "/Users", jo, OKTA), 409, "uniqueness");
    const caps = await s.send("GET", `/Users?filter=${q('userName eq "JO@ACME.TEST"')}&startIndex=1&count=100`, undefined, OKTA);
    expect(caps.body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
  });

  it("updates with GET then PUT of the full object (id and meta included)", async () => {
    const current = (await s.send("GET", `/Users/${id}`, undefined, OKTA)).body;
    const r = await s.send("PUT", `/Users/${id}`, { ...current, name: { ...current.name, middleName: "Q" }, password: "1mz050nq" }, OKTA);
    expect(r.status).toBe(200);
    expect(await s.stored("User", id)).toMatchObject({ name: { givenName: "Jo", familyName: "Lee", middleName: "Q" } });
  });

  it("deactivates and reactivates with a no-path replace", async () => {
    expect((await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", value: { active: false } }), OKTA)).status).toBe(200);
    expect((await s.stored("User", id))?.active).toBe(false);
    expect((await s.send("GET", `/Users/${id}`, undefined, OKTA)).body.active).toBe(false);
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", value: { active: true } }), OKTA);
    expect((await s.stored("User", id))?.active).toBe(true);
  });

  it("pushes a group: create, lookup, rename with the read-only id, membership PATCH", async () => {
    const created = await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "Engineering", members: [] }, OKTA);
    expect(created.status).toBe(201);
    gid = created.body.id;
    const look = await s.send("GET", `/Groups?filter=${q('displayName eq "Engineering"')}&startIndex=1&count=100`, undefined, OKTA);
    expect(look.body.Resources.map((g: { id: string }) => g.id)).toEqual([gid]);
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "add", path: "members", value: [{ value: old, display: "old@acme.test" }] }), OKTA);
    const r = await s.send("PATCH", `/Groups/${gid}`, patchOp(
      { op: "replace", value: { id: gid, displayName: "Engineering Team" } },
      { op: "remove", path: `members[value eq "${old}"]` },
      { op: "add", path: "members", value: [{ value: id, display: "jo@acme.test" }] },
    ), OKTA);
    expect(r.status).toBe(200);
    const data = await s.stored("Group", gid);
    expect(data).toMatchObject({ id: gid, displayName: "Engineering Team" });
    expect(memberIds(data)).toEqual([id]);
    // Okta re-sends a removal for a member already gone: nothing to remove is not an error.
    expect((await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "remove", path: `members[value eq "${old}"]` }), OKTA)).status).toBe(200);
  });

  it("syncs a password by no-path PATCH (never returned) and pushes an AIW group by PUT", async () => {
    expect((await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", value: { password: "n3w-Secret!" } }), OKTA)).status).toBe(200);
    expect((await s.stored("User", id))?.password).toBe("n3w-Secret!");
    expect((await s.send("GET", `/Users/${id}`, undefined, OKTA)).body).not.toHaveProperty("password");
    const put = await s.send("PUT", `/Groups/${gid}`, { schemas: [GROUP], id: gid, displayName: "Engineering Team", members: [{ value: id, display: "jo@acme.test" }, { value: old }] }, OKTA);
    expect(put.status).toBe(200);
    expect(memberIds(await s.stored("Group", gid))).toEqual([id, old].sort());
  });

  it("\"Push now\" of an empty group sends replace members [] and empties it", async () => {
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "replace", path: "members", value: [{ value: id }, { value: old }] }), OKTA);
    expect(memberIds(await s.stored("Group", gid))).toEqual([id, old].sort());
    expect((await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "replace", path: "members", value: [] }), OKTA)).status).toBe(200);
    expect(memberIds(await s.stored("Group", gid))).toEqual([]);
  });

  it("a blank profile value clears the attribute", async () => {
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "title", value: "Engineer" }), OKTA);
    expect((await s.stored("User", id))?.title).toBe("Engineer");
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "title", value: "" }), OKTA);
    expect(await s.stored("User", id)).not.toHaveProperty("title");
  });

  it("unlinks the group and deletes the user", async () => {
    expect((await s.send("DELETE", `/Groups/${gid}`, undefined, OKTA)).status).toBe(204);
    expect(await s.stored("Group", gid)).toBeUndefined();
    expect((await s.send("DELETE", `/Users/${id}`, undefined, OKTA)).status).toBe(204);
    expect(await s.stored("User", id)).toBeUndefined();
  });
});

describe("the same Okta requests, strict (no profile)", () => {
  let s: Replay;
  let id = "";
  let gid = "";
  beforeAll(async () => {
    s = await startReplay([]);
    id = (await s.send("POST", "/Users", jo)).body.id;
    gid = (await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "Engineering", members: [{ value: id }] })).body.id;
  });
  afterAll(() => s.close());

  it("a no-path rename carrying the read-only id is 400 mutability, group untouched", async () => {
    const before = await s.stored("Group", gid);
    expectError(await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "replace", value: { id: gid, displayName: "Renamed" } })), 400, "mutability");
    expect(await s.stored("Group", gid)).toEqual(before);
  });

  it("removing a member that is not there is 400 noTarget", async () => {
    expectError(await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "remove", path: 'members[value eq "nobody"]' })), 400, "noTarget");
  });

  it("a blank value is an ordinary string, not a removal", async () => {
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "title", value: "" }));
    expect((await s.stored("User", id))?.title).toBe("");
  });

  it("the RFC-shaped requests of the lifecycle need no profile", async () => {
    expect((await s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", value: { active: false } }))).status).toBe(200);
    expect((await s.stored("User", id))?.active).toBe(false);
    expect((await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "replace", path: "members", value: [] }))).status).toBe(200);
    expect(memberIds(await s.stored("Group", gid))).toEqual([]);
  });
});
