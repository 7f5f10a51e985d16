import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user, type Reply } from "./support/client.js";
import { FRAMEWORKS, startServer, TOKENS, type Running } from "./support/servers.js";

// Required attributes over HTTP (RFC 7643 §2.2, §2.5; Group displayName REQUIRED by §4.2):
// missing, null or "" is 400 invalidValue naming the attribute on POST, PUT and a PATCH
// result, and removing one is 400 mutability; nothing is stored. "" counts as absent
// because the server's own `pr` calls it so (RFC 7644 §3.4.2.2). The strict default and
// the entra/okta profiles (which drop "" before validating) give the same answer on
// POST and PUT. A whitespace-only value is a value.

const OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const patch = (...Operations: Record<string, unknown>[]) => ({ schemas: [OP], Operations });
const group = (extra: Record<string, unknown> = {}) => ({ schemas: [GROUP], ...extra });
type Tenant = "default" | "acme";
type Target = "user" | "group";
const COMPAT: Record<string, readonly string[]> = { acme: ["entra", "okta"] };

describe.each(FRAMEWORKS)("required attributes over %s", (framework) => {
  let server: Running;
  const calls = {} as Record<Tenant, ReturnType<typeof client>>;
  const ids = {} as Record<Tenant, Record<Target, string>>;
  beforeAll(async () => {
    server = await startServer(framework, { compat: (t) => COMPAT[t] ?? [] });
    for (const tenant of ["default", "acme"] as const) {
      const base = tenant === "default" ? `${server.url}/scim/v2` : `${server.url}/tenants/${tenant}/scim/v2`;
      const call = (calls[tenant] = ((m, p, o = {}) => client(base)(m, p, { token: TOKENS[tenant], ...o })) as ReturnType<typeof client>);
      const u = (await call("POST", "/Users", { body: user("alice") })).body.id as string;
      const g = (await call("POST", "/Groups", { body: group({ displayName: "Team", members: [{ value: u }] }) })).body.id as string;
      ids[tenant] = { user: u, group: g };
    }
  });
  afterAll(() => server.close());

  /** Both collections and both resources, with their ETags: what "nothing stored" compares. */
  async function snapshot(tenant: Tenant): Promise<unknown[]> {
    const call = calls[tenant];
    const replies: Reply[] = await Promise.all([
      call("GET", "/Users"),
      call("GET", "/Groups"),
      call("GET", `/Users/${ids[tenant].user}`),
      call("GET", `/Groups/${ids[tenant].group}`),
    ]);
    return replies.map((r) => [r.status, r.headers.get("etag"), r.body]);
  }

  const cases: [string, Tenant[], string, string, Record<string, unknown>, string, string][] = [
    // [case, tenants, method, path, body, scimType, detail]
    ["POST userName \"\"", ["default", "acme"], "POST", "/Users", user(""), "invalidValue", "'userName' is required"],
    ["POST a Group without displayName", ["default", "acme"], "POST", "/Groups", group(), "invalidValue", "'displayName' is required"],
    ["POST a Group with displayName \"\"", ["default", "acme"], "POST", "/Groups", group({ displayName: "" }), "invalidValue", "'displayName' is required"],
    ["PUT userName \"\"", ["default", "acme"], "PUT", "/Users/USER", user("", { displayName: "A" }), "invalidValue", "'userName' is required"],
    ["PUT a Group without displayName", ["default", "acme"], "PUT", "/Groups/GROUP", group({ members: [] }), "invalidValue", "'displayName' is required"],
    ["PATCH replace userName \"\"", ["default"], "PATCH", "/Users/USER", patch({ op: "replace", path: "userName", value: "" }), "invalidValue", "'userName' is required"],
    ["PATCH replace displayName \"\"", ["default"], "PATCH", "/Groups/GROUP", patch({ op: "replace", path: "displayName", value: "" }), "invalidValue", "'displayName' is required"],
    ["PATCH replace displayName \"\" (emptyAsRemoval: a removal)", ["acme"], "PATCH", "/Groups/GROUP", patch({ op: "replace", path: "displayName", value: "" }), "mutability", "'displayName' is required and cannot be removed"],
    ["PATCH remove userName", ["default", "acme"], "PATCH", "/Users/USER", patch({ op: "remove", path: "userName" }), "mutability", "'userName' is required and cannot be removed"],
    ["PATCH remove displayName", ["default", "acme"], "PATCH", "/Groups/GROUP", patch({ op: "remove", path: "displayName" }), "mutability", "'displayName' is required and cannot be removed"],
  ];
  const rows = cases.flatMap(([name, tenants, ...rest]) => tenants.map((t) => [`${name} (${t === "default" ? "strict" : "entra,okta"})`, t, ...rest] as const));

  it.each(rows)("%s → 400, nothing stored", async (_, tenant, method, path, body, scimType, detail) => {
    const before = await snapshot(tenant);
    const r = await calls[tenant](method, path.replace("USER", ids[tenant].user).replace("GROUP", ids[tenant].group), { body });
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe(scimType);
    expect(r.body.detail).toContain(detail);
    expect(await snapshot(tenant)).toEqual(before);
  });

  it("accepts a whitespace-only required value: it is a value, and `pr` finds it", async () => {
    const call = calls.default;
    const r = await call("POST", "/Groups", { body: group({ displayName: "  " }) });
    expect(r.status).toBe(201);
    const found = await call("GET", `/Groups?filter=${encodeURIComponent(`displayName pr and id eq "${r.body.id as string}"`)}`);
    expect(found.body.totalResults).toBe(1);
    expect((await call("DELETE", `/Groups/${r.body.id as string}`)).status).toBe(204);
  });
});
