import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTERPRISE, expectError, GROUP, memberIds, patchOp, startReplay, USER, type Replay } from "./support.js";

// OneLogin "SCIM Provisioner with SAML" (shared/reference/idp-request-shapes.md §4, §6b):
// bodies come from an admin-edited JSON template, so unmapped macros arrive as "" or " ",
// `{$user.active}` may be quoted, the "(Core Schema v1.1)"-style URNs appear in PUT bodies,
// and emails may be a single object. Lookup URLs end in `&`, PUT URLs in `?`.

const SCIM11 = ["urn:scim:schemas:core:2.0", "urn:scim:schemas:extension:enterprise:2.0"];

const create = {
  schemas: [USER, ENTERPRISE],
  userName: "ann@corp.example",
  name: { familyName: "Lee", givenName: "Ann" },
  title: "",
  emails: [{ value: "ann@corp.example", type: "work", primary: true }],
  [ENTERPRISE]: { department: "Ops", manager: { value: "", displayName: " " } },
};

const put = (active: string) => ({
  schemas: SCIM11,
  id: null,
  userName: "ann@corp.example",
  name: { familyName: "Lee", givenName: "Ann" },
  emails: { value: "ann@corp.example", type: "work", primary: true },
  title: "Ops Lead",
  active,
});

describe("OneLogin lifecycle (COMPAT=onelogin)", () => {
  let s: Replay;
  let id = "";
  let gid = "";
  beforeAll(async () => {
    s = await startReplay(["onelogin"]);
  });
  afterAll(() => s.close());

  it("looks up with a trailing & and creates from a template with blank macros", async () => {
    expect((await s.send("GET", "/Users?filter=userName+eq+%22ann%40corp.example%22&")).body.totalResults).toBe(0);
    const r = await s.send("POST", "/Users", create);
    expect(r.status).toBe(201);
    id = r.body.id;
    const data = await s.stored("User", id);
    expect(data).not.toHaveProperty("title");
    expect(data?.[ENTERPRISE]).toEqual({ department: "Ops" });
    expect((await s.send("GET", "/Users?filter=userName+eq+%22ann%40corp.example%22&")).body.totalResults).toBe(1);
  });

  it("updates by PUT with SCIM 1.1 URNs, a single emails object and a quoted active", async () => {
    const r = await s.send("PUT", `/Users/${id}?`, put("false"));
    expect(r.status).toBe(200);
    const data = await s.stored("User", id);
    expect(data).toMatchObject({ id, title: "Ops Lead", active: false, emails: [{ value: "ann@corp.example", type: "work", primary: true }] });
    expect(data?.schemas).toEqual([USER]);
  });

  it("manages group membership by PATCH", async () => {
    gid = (await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "Ops" })).body.id;
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "add", path: "members", value: [{ value: id }] }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([id]);
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "remove", path: `members[value eq "${id}"]` }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([]);
  });

  it("reactivates with a quoted \"true\", then deletes", async () => {
    await s.send("PUT", `/Users/${id}?`, put("true"));
    expect((await s.stored("User", id))?.active).toBe(true);
    expect((await s.send("DELETE", `/Users/${id}`)).status).toBe(204);
    expect(await s.stored("User", id)).toBeUndefined();
    expect((await s.send("DELETE", `/Groups/${gid}`)).status).toBe(204);
  });
});

describe("the same OneLogin requests, strict (no profile)", () => {
  let s: Replay;
  let id = "";
  beforeAll(async () => {
    s = await startReplay([]);
    id = (await s.send("POST", "/Users", { schemas: [USER], userName: "ann@corp.example" })).body.id;
  });
  afterAll(() => s.close());

  const bad: [string, Record<string, unknown>, string][] = [
    ["SCIM 1.1 URNs", { ...put("true"), emails: [put("true").emails] , active: true }, "invalidValue"],
    ["a single emails object", { ...put("true"), schemas: [USER], active: true }, "invalidValue"],
    ["a quoted active", { ...put("false"), schemas: [USER], emails: [put("true").emails] }, "invalidValue"],
  ];
  it.each(bad)("PUT with %s → 400, stored user untouched", async (_name, body, scimType) => {
    const before = await s.stored("User", id);
    expectError(await s.send("PUT", `/Users/${id}?`, body), 400, scimType);
    expect(await s.stored("User", id)).toEqual(before);
  });

  it("blank template values are stored as given (\"\" is an ordinary string)", async () => {
    const r = await s.send("POST", "/Users", { ...create, userName: "bo@corp.example" });
    expect(r.status).toBe(201);
    expect((await s.stored("User", r.body.id))?.title).toBe("");
  });
});
