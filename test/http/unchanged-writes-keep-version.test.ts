import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user, type Reply } from "./support/client.js";
import { STORE_MATRIX, startOnStore, TOKENS, type Running } from "./support/servers.js";

// A PATCH or PUT whose result equals the stored resource writes nothing: meta.version,
// the ETag and meta.lastModified stay put (RFC 7644 §3.5.2.1), and the answer is the one a
// successful write gives (200 with the resource, or 204 under patchNoContent), checked on
// every store and adapter. An add of a held email carrying primary is a real change.

const OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const patch = (...Operations: Record<string, unknown>[]) => ({ schemas: [OP], Operations });
const EMAILS = [{ value: "a@x.com", type: "work", primary: true }, { value: "b@x.com", type: "home" }];
// Tenants of the test server: default is strict; acme runs the Okta profile, globex the Microsoft suite's.
const COMPAT: Record<string, readonly string[]> = { acme: ["okta"], globex: ["microsoft-suite"] };
type Tenant = "default" | "acme" | "globex";

describe.each(STORE_MATRIX)("writes that change nothing over %s on the %s store", (framework, store) => {
  let server: Running;
  const calls = {} as Record<Tenant, ReturnType<typeof client>>;
  const ids = {} as Record<Tenant, { user: string; empty: string; team: string }>;
  beforeAll(async () => {
    server = await startOnStore(framework, store, { compat: (t) => COMPAT[t] ?? [] });
    for (const tenant of ["default", "acme", "globex"] as const) {
      const base = tenant === "default" ? `${server.url}/scim/v2` : `${server.url}/tenants/${tenant}/scim/v2`;
      const call = (calls[tenant] = ((m, p, o = {}) => client(base)(m, p, { token: TOKENS[tenant], ...o })) as ReturnType<typeof client>);
      const u = (await call("POST", "/Users", { body: user("alice", { displayName: "Alice", emails: EMAILS }) })).body.id as string;
      const empty = (await call("POST", "/Groups", { body: { schemas: [GROUP], displayName: "Empty" } })).body.id as string;
      const team = (await call("POST", "/Groups", { body: { schemas: [GROUP], displayName: "Team", members: [{ value: u }] } })).body.id as string;
      ids[tenant] = { user: u, empty, team };
    }
  });
  afterAll(() => server.close());

  const version = (r: Reply) => ({ etag: r.headers.get("etag"), meta: r.body.meta });
  /** Sends, then proves the stored resource kept its version, lastModified and data; a
   * reply for the resource (200, 204) must carry the current ETag and meta too. */
  async function unchanged(tenant: Tenant, path: string, send: () => Promise<Reply>, status = 200, forResource = status < 300): Promise<Reply> {
    const call = calls[tenant];
    const before = await call("GET", path);
    const r = await send();
    expect(r.status).toBe(status);
    if (forResource) expect(r.headers.get("etag")).toBe(before.headers.get("etag"));
    if (forResource && status === 200) expect(r.body.meta).toEqual(before.body.meta);
    const after = await call("GET", path);
    expect(version(after)).toEqual(version(before));
    expect(after.body).toEqual(before.body);
    return r;
  }

  it.each<[string, Tenant, "user" | "empty" | "team", (id: Record<string, string>) => Record<string, unknown>[], number]>([
    ["replace displayName with its value", "default", "user", () => [{ op: "replace", path: "displayName", value: "Alice" }], 200],
    ["remove an absent title", "default", "user", () => [{ op: "remove", path: "title" }], 200],
    ["remove an absent title (Okta)", "acme", "user", () => [{ op: "remove", path: "title" }], 200],
    ["remove matching nothing under removeNoMatchIsNoop (Okta)", "acme", "user", () => [{ op: "remove", path: 'emails[value eq "zz@x.com"]' }], 200],
    ["add emails []", "default", "user", () => [{ op: "add", path: "emails", value: [] }], 200],
    ["add an email already held", "default", "user", () => [{ op: "add", path: "emails", value: [{ value: "b@x.com", type: "home" }] }], 200],
    ["add an email held in another case", "default", "user", () => [{ op: "add", path: "emails", value: [{ value: "B@X.com", type: "home" }] }], 200],
    ["replace members [] on an empty group (Okta)", "acme", "empty", () => [{ op: "replace", path: "members", value: [] }], 200],
    ["re-add a member", "default", "team", (id) => [{ op: "add", path: "members", value: [{ value: id.user }] }], 200],
    ["replace displayName with its value, patchNoContent (Microsoft suite)", "globex", "user", () => [{ op: "replace", path: "displayName", value: "Alice" }], 204],
  ])("PATCH: %s", async (_, tenant, target, ops, status) => {
    const path = `/${target === "user" ? "Users" : "Groups"}/${ids[tenant][target]}`;
    const r = await unchanged(tenant, path, () => calls[tenant]("PATCH", path, { body: patch(...ops(ids[tenant])) }), status);
    if (status === 200) expect(r.body.id).toBe(ids[tenant][target]);
  });

  it("PATCH with attributes= projects the unchanged resource", async () => {
    const path = `/Users/${ids.default.user}`;
    const r = await unchanged("default", `${path}`, () => calls.default("PATCH", `${path}?attributes=userName`, { body: patch({ op: "remove", path: "title" }) }));
    expect(r.body.userName).toBe("alice");
    expect(r.body.displayName).toBeUndefined();
  });

  it("PATCH with the current If-Match is 200 unchanged; a stale one is still 412", async () => {
    const path = `/Users/${ids.default.user}`;
    const etag = (await calls.default("GET", path)).headers.get("etag")!;
    const body = patch({ op: "replace", path: "displayName", value: "Alice" });
    await unchanged("default", path, () => calls.default("PATCH", path, { body, headers: { "if-match": etag } }));
    await unchanged("default", path, () => calls.default("PATCH", path, { body, headers: { "if-match": 'W/"999"' } }), 412);
  });

  it("PUT of the stored resource keeps its version", async () => {
    const path = `/Users/${ids.default.user}`;
    await unchanged("default", path, () => calls.default("PUT", path, { body: user("alice", { displayName: "Alice", emails: EMAILS }) }));
  });

  it("a Bulk PATCH that changes nothing reports the current version", async () => {
    const path = `/Users/${ids.default.user}`;
    const r = await unchanged("default", path, () =>
      calls.default("POST", "/Bulk", { body: { schemas: [BULK], Operations: [{ method: "PATCH", path, data: patch({ op: "remove", path: "title" }) }] } }),
      200,
      false,
    );
    const [op] = r.body.Operations as { status: string; version: string }[];
    expect(op).toMatchObject({ status: "200", version: (await calls.default("GET", path)).headers.get("etag") });
  });

  it("add of a held email with primary: true moves the primary and writes", async () => {
    const path = `/Users/${ids.default.user}`;
    const before = await calls.default("GET", path);
    const r = await calls.default("PATCH", path, { body: patch({ op: "add", path: "emails", value: [{ value: "b@x.com", type: "home", primary: true }] }) });
    expect(r.status).toBe(200);
    const expected = [{ value: "a@x.com", type: "work", primary: false }, { value: "b@x.com", type: "home", primary: true }];
    expect(r.body.emails).toEqual(expected);
    expect(r.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect((await calls.default("GET", path)).body.emails).toEqual(expected);
  });
});
