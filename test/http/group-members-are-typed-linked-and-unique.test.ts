import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user, type Reply } from "./support/client.js";
import { STORE_MATRIX, startOnStore, TOKENS, type Running } from "./support/servers.js";

// Group.members (RFC 7643 §4.2) over HTTP, on every store and adapter: `type` is the
// member's real type and `$ref` the server's own URI for it on this request's base URL,
// whatever the client sent; a contradicting type, an unknown type and a group listing
// itself are 400 invalidValue that change nothing (POST, PUT, PATCH, Bulk); POST and PUT
// keep one member per value; an emptied list is absent however it was emptied (§2.5).

const OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const EVIL = "https://evil.example/Users/x";
const patch = (...Operations: Record<string, unknown>[]) => ({ schemas: [OP], Operations });
const group = (displayName: string, members?: Record<string, unknown>[]) => ({ schemas: [GROUP], displayName, ...(members ? { members } : {}) });

describe.each(STORE_MATRIX)("group members over %s on the %s store", (framework, store) => {
  let server: Running;
  let base: string;
  let call: ReturnType<typeof client>;
  let u: string;
  let inner: string;
  beforeAll(async () => {
    server = await startOnStore(framework, store);
    base = `${server.url}/scim/v2`;
    call = client(base);
    u = (await call("POST", "/Users", { body: user("member") })).body.id as string;
    inner = (await call("POST", "/Groups", { body: group("inner") })).body.id as string;
  });
  afterAll(() => server.close());

  const mine = () => [
    { value: u, $ref: `${base}/Users/${u}`, type: "User" },
    { value: inner, $ref: `${base}/Groups/${inner}`, type: "Group" },
  ];
  const newGroup = async (members?: Record<string, unknown>[]) => (await call("POST", "/Groups", { body: group(`g-${Math.random()}`, members) })).body.id as string;

  it("POST, PUT and PATCH store the real type and answer the server's $ref, never the client's", async () => {
    const sent = [{ value: u, $ref: EVIL, type: "user" }, { value: inner, $ref: EVIL }];
    const created = await call("POST", "/Groups", { body: group("typed", sent) });
    expect([created.status, created.body.members]).toEqual([201, mine()]);
    const id = created.body.id as string;
    expect((await call("GET", `/Groups/${id}`)).body.members).toEqual(mine());
    const put = await call("PUT", `/Groups/${id}`, { body: group("typed", sent) });
    expect([put.status, put.body.members]).toEqual([200, mine()]);
    const emptied = await call("PATCH", `/Groups/${id}`, { body: patch({ op: "replace", path: "members", value: [] }) });
    expect(emptied.body.members).toBeUndefined();
    const added = await call("PATCH", `/Groups/${id}`, { body: patch({ op: "add", path: "members", value: sent }) });
    expect([added.status, added.body.members]).toEqual([200, mine()]);
    const listed = await call("GET", `/Groups?filter=${encodeURIComponent(`id eq "${id}"`)}`);
    expect(listed.body.Resources![0]!.members).toEqual(mine());
    expect((await call("GET", `/Groups/${id}?attributes=members.value`)).body.members).toEqual([{ value: u }, { value: inner }]);
  });

  it("$ref follows the base URL of the request (tenant path)", async () => {
    const acme = (m: string, p: string, body?: unknown) => client(`${server.url}/tenants/acme/scim/v2`)(m, p, { token: TOKENS.acme, body });
    const au = (await acme("POST", "/Users", user("a"))).body.id as string;
    const g = await acme("POST", "/Groups", group("a", [{ value: au }]));
    expect(g.body.members).toEqual([{ value: au, $ref: `${server.url}/tenants/acme/scim/v2/Users/${au}`, type: "User" }]);
  });

  // [what is wrong, request for group `g` (made with member u), a text the detail holds]
  const refused: [string, (g: string) => [string, string, unknown], (g: string) => string][] = [
    ["a User id typed Group (PATCH)", (g) => ["PATCH", `/Groups/${g}`, patch({ op: "add", path: "members", value: [{ value: inner, type: "User" }] })], () => `"${inner}" is a Group`],
    ["a User id typed Group (PUT)", (g) => ["PUT", `/Groups/${g}`, group("x", [{ value: u, type: "Group" }])], () => `members[value eq "${u}"].type`],
    ["an unknown type (POST)", () => ["POST", "/Groups", group("x", [{ value: u, type: "Bogus" }])], () => `members[value eq "${u}"].type: "Bogus" is not User or Group`],
    ["the group itself (PATCH)", (g) => ["PATCH", `/Groups/${g}`, patch({ op: "add", path: "members", value: [{ value: g }] })], (g) => `members[value eq "${g}"]: a group cannot be a member of itself`],
    ["the group itself (PUT)", (g) => ["PUT", `/Groups/${g}`, group("x", [{ value: u }, { value: g }])], () => "a group cannot be a member of itself"],
    ["one member named with two types (POST)", () => ["POST", "/Groups", group("x", [{ value: u, type: "User" }, { value: u, type: "Group" }])], () => "is listed twice, as User and as Group"],
  ];
  it.each(refused)("%s is 400 invalidValue and changes nothing", async (_, request, text) => {
    const g = await newGroup([{ value: u }]);
    const before = await call("GET", `/Groups/${g}`);
    const [method, path, body] = request(g);
    const r = await call(method, path, { body });
    expect([r.status, r.body.scimType]).toEqual([400, "invalidValue"]);
    expect(r.body.detail).toContain(text(g));
    expect((await call("GET", `/Groups/${g}`)).body).toEqual(before.body);
  });

  it("Bulk applies the same rules per operation", async () => {
    const g = await newGroup();
    const r = await call("POST", "/Bulk", { body: { schemas: [BULK], Operations: [
      { method: "POST", path: "/Groups", bulkId: "ok", data: group("bulk-ok", [{ value: u, $ref: EVIL }]) },
      { method: "PATCH", path: `/Groups/${g}`, data: patch({ op: "add", path: "members", value: [{ value: u, type: "Group" }] }) },
    ] } });
    const [ok, bad] = r.body.Operations as { status: string; location?: string; response?: { scimType: string } }[];
    expect([ok!.status, bad!.status, bad!.response!.scimType]).toEqual(["201", "400", "invalidValue"]);
    const created = await call("GET", new URL(ok!.location!).pathname.slice("/scim/v2".length));
    expect(created.body.members).toEqual([{ value: u, $ref: `${base}/Users/${u}`, type: "User" }]);
  });

  it("POST and PUT keep one member per value (as PATCH add does)", async () => {
    const twice = [{ value: u }, { value: inner }, { value: u, type: "User", display: "again" }];
    const created = await call("POST", "/Groups", { body: group("dups", twice) });
    expect(created.body.members).toEqual(mine());
    const put = await call("PUT", `/Groups/${created.body.id as string}`, { body: group("dups", twice) });
    expect(put.body.members).toEqual(mine());
  });

  it("an Okta-style full PUT of what GET returned writes nothing", async () => {
    const g = await newGroup([{ value: u }, { value: inner }]);
    const before = await call("GET", `/Groups/${g}`);
    const r = await call("PUT", `/Groups/${g}`, { body: before.body });
    expect(r.headers.get("etag")).toBe(before.headers.get("etag"));
    const withoutTypes = await call("PUT", `/Groups/${g}`, { body: { ...before.body, members: [{ value: u }, { value: inner }] } });
    expect(withoutTypes.headers.get("etag")).toBe(before.headers.get("etag"));
  });

  it("a list emptied by PATCH remove and by deleting the last member looks the same: absent", async () => {
    const shapes: Reply[] = [];
    for (const how of ["patch", "delete"] as const) {
      const member = (await call("POST", "/Users", { body: user(`last-${how}`) })).body.id as string;
      const g = await newGroup([{ value: member }]);
      if (how === "patch") await call("PATCH", `/Groups/${g}`, { body: patch({ op: "remove", path: `members[value eq "${member}"]` }) });
      else await call("DELETE", `/Users/${member}`);
      shapes.push(await call("GET", `/Groups/${g}`));
    }
    for (const r of shapes) expect(Object.keys(r.body)).not.toContain("members");
  });
});
