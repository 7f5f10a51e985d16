import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user } from "./support/client.js";
import { FRAMEWORKS, startServer, type Running } from "./support/servers.js";

// PATCH over HTTP (RFC 7644 §3.5.2): the kernel's default get -> applyPatch -> validate ->
// conditional replace, with errors and projection as the RFC asks.

const OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const patch = (...Operations: Record<string, unknown>[]) => ({ schemas: [OP], Operations });

describe.each(FRAMEWORKS)("PATCH over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  let alice: string;
  let bob: string;
  let group: string;
  beforeAll(async () => {
    server = await startServer(framework);
    call = client(`${server.url}/scim/v2`);
    alice = (await call("POST", "/Users", { body: user("alice", { emails: [{ value: "a@example.com", type: "work" }, { value: "a@home.org", type: "home" }] }) })).body.id as string;
    bob = (await call("POST", "/Users", { body: user("bob") })).body.id as string;
    group = (await call("POST", "/Groups", { body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Team" } })).body.id as string;
  });
  afterAll(() => server.close());

  it("adds and removes group members (RFC 7644 §3.5.2.1, §3.5.2.2)", async () => {
    const added = await call("PATCH", `/Groups/${group}`, { body: patch({ op: "add", path: "members", value: [{ value: alice }, { value: bob }] }) });
    expect(added.status).toBe(200);
    expect((added.body.members as { value: string }[]).map((m) => m.value).sort()).toEqual([alice, bob].sort());
    const removed = await call("PATCH", `/Groups/${group}`, { body: patch({ op: "remove", path: `members[value eq "${bob}"]` }) });
    expect((removed.body.members as { value: string }[]).map((m) => m.value)).toEqual([alice]);
  });

  it("replaces a value selected by a filter and an extension attribute", async () => {
    const r = await call("PATCH", `/Users/${alice}`, {
      body: patch({ op: "replace", path: 'emails[type eq "work"].value', value: "alice@example.com" }, { op: "add", path: `${ENTERPRISE}:department`, value: "R&D" }),
    });
    expect(r.status).toBe(200);
    expect(r.body.emails).toEqual(expect.arrayContaining([expect.objectContaining({ type: "work", value: "alice@example.com" })]));
    expect(r.body[ENTERPRISE]).toMatchObject({ department: "R&D" });
  });

  it("applies attributes to the PATCH response", async () => {
    const r = await call("PATCH", `/Users/${alice}?attributes=userName`, { body: patch({ op: "replace", path: "displayName", value: "Alice" }) });
    expect(r.status).toBe(200);
    expect(r.body.userName).toBe("alice");
    expect(r.body.displayName).toBeUndefined();
  });

  it.each([
    ["remove without a path", patch({ op: "remove" }), "noTarget"],
    ["an unknown op", patch({ op: "merge", path: "title", value: "x" }), "invalidSyntax"],
    ["a readOnly attribute", patch({ op: "replace", path: "id", value: "mine" }), "mutability"],
    ["an unknown attribute", patch({ op: "replace", path: "shoeSize", value: 44 }), "invalidPath"],
    ["a wrong value type", patch({ op: "replace", path: "active", value: "yes" }), "invalidValue"],
  ])("%s is a 400 %s and changes nothing", async (_name, body, scimType) => {
    const before = await call("GET", `/Users/${bob}`);
    const r = await call("PATCH", `/Users/${bob}`, { body });
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe(scimType);
    const after = await call("GET", `/Users/${bob}`);
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
    expect(after.body).toEqual(before.body);
  });

  it("an atomic PATCH: a later failing operation undoes the earlier ones", async () => {
    const r = await call("PATCH", `/Users/${bob}`, { body: patch({ op: "replace", path: "title", value: "Boss" }, { op: "remove" }) });
    expect(r.status).toBe(400);
    expect((await call("GET", `/Users/${bob}`)).body.title).toBeUndefined();
  });

  it("PATCH on a missing resource is 404", async () => {
    const r = await call("PATCH", "/Users/00000000-0000-0000-0000-000000000000", { body: patch({ op: "replace", path: "title", value: "x" }) });
    expect(r.status).toBe(404);
  });
});
