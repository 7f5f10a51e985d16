import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTERPRISE, expectError, GROUP, LIST, memberIds, patchOp, startReplay, USER, type Replay } from "./support.js";

// Microsoft Entra ID provisioning, replayed with the request shapes of
// shared/reference/idp-request-shapes.md §1 (default Entra PATCH, no aadOptscim062020,
// plus the flag's no-path form): test connection → lookup → create → lookup by
// emails[type eq "work"].value → update → group create, add and remove members →
// disable → enable → delete. Then the same tolerated requests without the profile get
// the RFC's error.

const ADSCIM = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
const q = (filter: string) => encodeURIComponent(filter);

const alice = {
  schemas: [USER, ENTERPRISE],
  externalId: "alice",
  userName: "alice@contoso.com",
  active: true,
  emails: [{ primary: true, type: "work", value: "alice@contoso.com" }],
  meta: { resourceType: "User" },
  name: { formatted: "Alice Smith", familyName: "Smith", givenName: "Alice" },
  [ENTERPRISE]: { department: "Sales" },
  roles: [],
};

describe("Entra ID lifecycle (COMPAT=entra)", () => {
  let s: Replay;
  let id = "";
  let bob = "";
  let gid = "";
  beforeAll(async () => {
    s = await startReplay(["entra"]);
  });
  afterAll(() => s.close());

  it("test connection: a filter on a random GUID is 200 with an empty list", async () => {
    const r = await s.send("GET", `/Users?filter=${q('userName eq "5f1c8a3e-9d1b-4c2e-8f0a-7b6d5e4c3b2a"')}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ schemas: [LIST], totalResults: 0, Resources: [] });
  });

  it("creates the user after an empty lookup and echoes externalId", async () => {
    expect((await s.send("GET", `/Users?filter=userName+eq+%22alice%40contoso.com%22`)).body.totalResults).toBe(0);
    const r = await s.send("POST", "/Users", alice);
    expect(r.status).toBe(201);
    expect(r.body.externalId).toBe("alice");
    id = r.body.id;
    const data = await s.stored("User", id);
    expect(data).toMatchObject({ userName: "alice@contoso.com", active: true, [ENTERPRISE]: { department: "Sales" } });
    bob = (await s.send("POST", "/Users", { schemas: [USER], userName: "bob@contoso.com", externalId: "bob", active: true })).body.id;
  });

  it("looks the user up by emails[type eq \"work\"].value eq and by an unquoted externalId", async () => {
    const byEmail = await s.send("GET", `/Users?filter=${q('emails[type eq "work"].value eq "alice@contoso.com"')}`);
    expect(byEmail.body.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    const unquoted = await s.send("GET", `/Users?filter=${q("externalId eq alice")}`);
    expect(unquoted.body.totalResults).toBe(1);
    const groupsQuery = await s.send("GET", `/Users?filter=${q('userName eq "alice@contoso.com" and active eq "True"')}`);
    expect(groupsQuery.body.totalResults).toBe(1);
  });

  it("updates with Replace/Add ops, creating the element a filtered path does not match", async () => {
    const r = await s.send("PATCH", `/Users/${id}`, patchOp(
      { op: "Replace", path: 'emails[type eq "work"].value', value: "alice.smith@contoso.com" },
      { op: "Replace", path: "name.familyName", value: "Smith-Jones" },
      { op: "Add", path: `${ENTERPRISE}:department`, value: "Retail" },
      { op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 555 0100" },
      { op: "Replace", path: 'addresses[type eq "work"].postalCode', value: "98052" },
    ));
    expect(r.status).toBe(200);
    const data = await s.stored("User", id);
    expect(data).toMatchObject({
      emails: [{ type: "work", value: "alice.smith@contoso.com", primary: true }],
      name: { familyName: "Smith-Jones" },
      [ENTERPRISE]: { department: "Retail" },
      phoneNumbers: [{ type: "mobile", value: "+1 555 0100" }],
      addresses: [{ type: "work", postalCode: "98052" }],
    });
  });

  it("aadOptscim062020 no-path replace with dotted and URN keys; manager set and cleared", async () => {
    const r = await s.send("PATCH", `/Users/${id}`, patchOp({
      op: "replace",
      value: { displayName: "Alice S-J", "name.givenName": "Ally", [`${ENTERPRISE}:employeeNumber`]: "701984" },
    }, { op: "Add", path: `${ENTERPRISE}:manager`, value: bob }));
    expect(r.status).toBe(200);
    expect(await s.stored("User", id)).toMatchObject({ displayName: "Alice S-J", name: { givenName: "Ally" }, [ENTERPRISE]: { employeeNumber: "701984", manager: { value: bob } } });
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "Replace", path: `${ENTERPRISE}:manager`, value: "" }));
    expect((await s.stored("User", id))?.[ENTERPRISE]).not.toHaveProperty("manager");
  });

  it("older docs' manager: unqualified path, one-element array with $ref", async () => {
    const r = await s.send("PATCH", `/Users/${id}`, patchOp({ op: "Add", path: "manager", value: [{ $ref: `${s.base}/Users/${bob}`, value: bob }] }));
    expect(r.status).toBe(200);
    expect((await s.stored("User", id))?.[ENTERPRISE]).toMatchObject({ manager: { value: bob } });
  });

  it("creates a group with the ADSCIM URN, adds and removes a member by value", async () => {
    const r = await s.send("POST", "/Groups", { schemas: [GROUP, ADSCIM], externalId: "8aa1a0c0-1", displayName: "Sales", meta: { resourceType: "Group" } });
    expect(r.status).toBe(201);
    gid = r.body.id;
    const found = await s.send("GET", `/Groups?excludedAttributes=members&filter=${q('displayName eq "Sales"')}`);
    expect(found.body.Resources.map((g: { id: string }) => g.id)).toEqual([gid]);
    expect((await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "Add", path: "members", value: [{ $ref: null, value: id }, { value: bob }] }))).status).toBe(200);
    expect(memberIds(await s.stored("Group", gid))).toEqual([id, bob].sort());
    expect((await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "Remove", path: "members", value: [{ value: id }] }))).status).toBe(200);
    expect(memberIds(await s.stored("Group", gid))).toEqual([bob]);
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "remove", path: `members[value eq "${bob}"]` }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([]);
  });

  it("matches member removal on value only, never by deep equality", async () => {
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "Add", path: "members", value: [{ value: id, display: "Alice S-J" }, { value: bob, display: "Bob" }] }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([id, bob].sort());
    // the stored element has display "Alice S-J"; Entra sends only (or another) display
    await s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "Remove", path: "members", value: [{ value: id, display: "someone else" }] }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([bob]);
    await s.send("PATCH", `/Groups/${gid}?aadOptscim062020`, patchOp({ op: "remove", path: `members[value eq "${bob}"]` }));
    expect(memberIds(await s.stored("Group", gid))).toEqual([]);
  });

  it("disables with \"False\", enables with \"True\", then deletes", async () => {
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "Replace", path: "active", value: "False" }));
    expect((await s.stored("User", id))?.active).toBe(false);
    const stillVisible = await s.send("GET", `/Users?filter=${q('userName eq "alice@contoso.com"')}`);
    expect(stillVisible.body.totalResults).toBe(1);
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "Replace", path: "active", value: "True" }));
    expect((await s.stored("User", id))?.active).toBe(true);
    // some tenants deprovision with "Add" on the single-valued active (RFC: add replaces it)
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "Add", path: "active", value: "False" }));
    expect((await s.stored("User", id))?.active).toBe(false);
    await s.send("PATCH", `/Users/${id}`, patchOp({ op: "Add", path: "active", value: true }));
    expect((await s.stored("User", id))?.active).toBe(true);
    expect((await s.send("DELETE", `/Users/${id}`)).status).toBe(204);
    expect(await s.stored("User", id)).toBeUndefined();
    expect((await s.send("DELETE", `/Groups/${gid}`)).status).toBe(204);
  });

  it("never weakens id or meta: a no-path replace of id is ignored, not applied", async () => {
    await s.send("PATCH", `/Users/${bob}`, patchOp({ op: "replace", value: { id: "hijack", meta: { created: "2000-01-01T00:00:00Z" }, displayName: "Bob" } }));
    const data = await s.stored("User", bob);
    expect(data?.id).toBe(bob);
    expect(data?.displayName).toBe("Bob");
    expect((await s.send("GET", `/Users/${bob}`)).body.meta.created).not.toBe("2000-01-01T00:00:00Z");
  });
});

describe("the same Entra requests, strict (no profile)", () => {
  let s: Replay;
  let id = "";
  let gid = "";
  beforeAll(async () => {
    s = await startReplay([]);
    id = (await s.send("POST", "/Users", { schemas: [USER], userName: "alice@contoso.com", emails: [{ type: "home", value: "a@home" }] })).body.id;
    gid = (await s.send("POST", "/Groups", { schemas: [GROUP], displayName: "Sales", members: [{ value: id }] })).body.id;
  });
  afterAll(() => s.close());

  const cases: [string, () => Promise<Parameters<typeof expectError>[0]>, number, string | undefined][] = [
    ["op \"Replace\"", () => s.send("PATCH", `/Users/${id}`, patchOp({ op: "Replace", path: "displayName", value: "x" })), 400, "invalidSyntax"],
    ["active \"False\"", () => s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: "active", value: "False" })), 400, "invalidValue"],
    ["remove members with a value list", () => s.send("PATCH", `/Groups/${gid}`, patchOp({ op: "remove", path: "members", value: [{ value: id }] })), 400, "invalidValue"],
    ["replace through an unmatched filter", () => s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", path: 'emails[type eq "work"].value', value: "a@w" })), 400, "noTarget"],
    ["no-path value with dotted keys", () => s.send("PATCH", `/Users/${id}`, patchOp({ op: "replace", value: { "name.givenName": "A" } })), 400, "invalidValue"],
    ["emails[type eq \"work\"].value eq filter", () => s.send("GET", `/Users?filter=${q('emails[type eq "work"].value eq "a@w"')}`), 400, "invalidFilter"],
    ["unquoted filter literal", () => s.send("GET", `/Users?filter=${q("externalId eq alice")}`), 400, "invalidFilter"],
    ["\"True\" filter literal on a boolean", () => s.send("GET", `/Users?filter=${q('active eq "True"')}`), 400, "invalidFilter"],
    ["ADSCIM URN in schemas", () => s.send("POST", "/Groups", { schemas: [GROUP, ADSCIM], displayName: "Ops" }), 400, "invalidValue"],
    ["manager as a plain string", () => s.send("PATCH", `/Users/${id}`, patchOp({ op: "add", path: `${ENTERPRISE}:manager`, value: id })), 400, "invalidValue"],
    ["unqualified manager path with a one-element array", () => s.send("PATCH", `/Users/${id}`, patchOp({ op: "add", path: "manager", value: [{ value: id }] })), 400, "invalidPath"],
    ["/serviceConfiguration", () => s.send("GET", "/serviceConfiguration"), 404, undefined],
  ];
  it.each(cases)("%s → RFC error", async (_name, run, status, scimType) => {
    const before = await s.stored("User", id);
    expectError(await run(), status, scimType);
    expect(await s.stored("User", id)).toEqual(before);
  });
});
