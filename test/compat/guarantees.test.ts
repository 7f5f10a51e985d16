import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import type { Store } from "../../src/runtime/stores/contract.js";
import { startServer, TOKENS, type Running } from "../http/support/servers.js";
import { ENTERPRISE, expectError, GROUP, patchOp, USER, type Reply } from "./support.js";

// What no profile may weaken (issue 7, "Bad input"): authentication, tenancy isolation,
// uniqueness, the mutability of id and meta; and hostile input stays a precise 400. The
// tenant "acme" runs every profile at once, "globex" is strict on the same server, so the
// same request shows both behaviours.

const ALL = ["entra", "microsoft-suite", "okta", "google", "onelogin", "ping", "jumpcloud"];

let server: Running;
let store: Store;
const send = async (tenant: "acme" | "globex", method: string, path: string, body?: unknown, token: string | null = TOKENS[tenant]): Promise<Reply> => {
  const res = await fetch(`${server.url}/tenants/${tenant}/scim/v2${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { "content-type": "application/scim+json" } : {}) },
    body: body === undefined ? null : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};
const stored = async (tenant: string, type: string, id: string) => (await store.tenant(tenant).get(type, id))?.data;

let acmeUser = "";
let acmeOther = "";
let globexUser = "";

beforeAll(async () => {
  store = memoryStore();
  server = await startServer("node", { store, compat: (tenant) => (tenant === "acme" ? ALL : []) });
  acmeUser = (await send("acme", "POST", "/Users", { schemas: [USER], userName: "ann" })).body.id;
  acmeOther = (await send("acme", "POST", "/Users", { schemas: [USER], userName: "bob" })).body.id;
  globexUser = (await send("globex", "POST", "/Users", { schemas: [USER], userName: "ann" })).body.id;
});
afterAll(() => server.close());

describe("per-tenant selection", () => {
  it("the same Entra request is tolerated for acme and an RFC error for globex", async () => {
    const op = patchOp({ op: "Replace", path: "active", value: "False" });
    expect((await send("acme", "PATCH", `/Users/${acmeUser}`, op)).status).toBe(204); // microsoft-suite: 204
    expect((await stored("acme", "User", acmeUser))?.active).toBe(false);
    expectError(await send("globex", "PATCH", `/Users/${globexUser}`, op), 400, "invalidSyntax");
    expect((await send("acme", "GET", "/serviceConfiguration")).status).toBe(200);
    expect((await send("globex", "GET", "/serviceConfiguration")).status).toBe(404);
  });
});

describe("never weakened by a profile", () => {
  it.each([[null], ["wrong-token"], [TOKENS.globex]])("authentication: token %s gets no data from acme", async (token) => {
    const r = await send("acme", "GET", `/Users?filter=${encodeURIComponent("userName eq ann")}`, undefined, token);
    expect([401, 404]).toContain(r.status);
    expect(r.body.Resources).toBeUndefined();
  });

  it("tenancy: acme cannot read, patch or list globex's user", async () => {
    expect((await send("acme", "GET", `/Users/${globexUser}`)).status).toBe(404);
    expect((await send("acme", "PATCH", `/Users/${globexUser}`, patchOp({ op: "Replace", path: "active", value: "False" }))).status).toBe(404);
    expect((await stored("globex", "User", globexUser))?.active).toBeUndefined();
    const list = await send("acme", "GET", `/Users?filter=${encodeURIComponent('userName eq "ann"')}`);
    expect(list.body.Resources.map((u: { id: string }) => u.id)).toEqual([acmeUser]);
  });

  it("uniqueness: userName clashes are 409 through POST, PUT and every PATCH shape", async () => {
    expectError(await send("acme", "POST", "/Users", { schemas: [USER], userName: "ANN" }), 409, "uniqueness");
    expectError(await send("acme", "PUT", `/Users/${acmeOther}`, { schemas: [USER], userName: "Ann" }), 409, "uniqueness");
    expectError(await send("acme", "PATCH", `/Users/${acmeOther}`, patchOp({ op: "Replace", path: "userName", value: "ann" })), 409, "uniqueness");
    expectError(await send("acme", "PATCH", `/Users/${acmeOther}`, patchOp({ op: "replace", value: { userName: "ann" } })), 409, "uniqueness");
    expect((await stored("acme", "User", acmeOther))?.userName).toBe("bob");
  });

  it("id and meta: a path that targets them is 400 mutability; in values they are ignored", async () => {
    expectError(await send("acme", "PATCH", `/Users/${acmeOther}`, patchOp({ op: "Replace", path: "id", value: "x" })), 400, "mutability");
    expectError(await send("acme", "PATCH", `/Users/${acmeOther}`, patchOp({ op: "Replace", path: "meta.created", value: "2000-01-01T00:00:00Z" })), 400, "mutability");
    await send("acme", "PATCH", `/Users/${acmeOther}`, patchOp({ op: "replace", value: { id: acmeUser, meta: { created: "2000-01-01T00:00:00Z" }, title: "T" } }));
    await send("acme", "PUT", `/Users/${acmeOther}`, { schemas: [USER], id: acmeUser, userName: "bob", title: "T2", meta: { created: "2000-01-01T00:00:00Z" } });
    const got = await send("acme", "GET", `/Users/${acmeOther}`);
    expect(got.body).toMatchObject({ id: acmeOther, userName: "bob", title: "T2" });
    expect(got.body.meta.created).not.toBe("2000-01-01T00:00:00Z");
    expect((await stored("acme", "User", acmeUser))?.userName).toBe("ann");
  });
});

describe("hostile input under every profile", () => {
  it("__proto__ and constructor keys neither pollute nor crash", async () => {
    const body = `{"schemas":["${USER}"],"userName":"proto","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"name":{"__proto__":{"x":1},"givenName":"P"},"emails":{"__proto__":{"x":1},"value":"p@x"}}`;
    const r = await send("acme", "POST", "/Users", body);
    // ignoreUnknownAttributes never extends to prototype keys: they stay a named 400.
    expectError(r, 400, "invalidValue");
    expect(r.body.detail).toContain("__proto__");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const patch = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","value":{"__proto__":{"polluted":true},"name.__proto__":"x"}}]}`;
    const p = await send("acme", "PATCH", `/Users/${acmeOther}`, patch);
    expect(p.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // Each prototype name alone, where ignoreUnknownAttributes would otherwise drop it silently.
  it.each([
    ["a dotted no-path key", { op: "replace", value: { "name.__proto__": "x" } }],
    ["a URN-qualified no-path key", { op: "replace", value: { [`${ENTERPRISE}:__proto__`]: "x" } }],
    ["a key inside an extension object", { op: "replace", value: { [ENTERPRISE]: { constructor: "x" } } }],
    ["a key of an extension path's value", { op: "add", path: ENTERPRISE, value: { toString: "x" } }],
    ["a sub-attribute of a complex value", { op: "replace", path: "name", value: { givenName: "G", constructor: "x" } }],
  ])("%s naming a prototype property is a 400 that changes nothing", async (_, operation) => {
    const before = await send("acme", "GET", `/Users/${acmeOther}`);
    const r = await send("acme", "PATCH", `/Users/${acmeOther}`, patchOp(operation));
    expectError(r, 400, "invalidValue");
    expect(r.body.detail).toMatch(/__proto__|constructor|toString/);
    const after = await send("acme", "GET", `/Users/${acmeOther}`);
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
    expect(after.body).toEqual(before.body);
  });

  it("a POST body naming a prototype property is a 400 under every profile", async () => {
    for (const extra of [{ constructor: "x" }, { name: { givenName: "G", toString: "x" } }, { [ENTERPRISE]: { valueOf: "x" } }]) {
      const r = await send("acme", "POST", "/Users", { schemas: [USER, ENTERPRISE], userName: "probe", ...extra });
      expectError(r, 400, "invalidValue");
      expect(r.body.detail).toMatch(/constructor|toString|valueOf/);
    }
    expect((await send("acme", "GET", `/Users?filter=${encodeURIComponent('userName eq "probe"')}`)).body.totalResults).toBe(0);
  });

  it("deeply nested and huge values are 400s, not 500s", async () => {
    let deep: unknown = "x";
    for (let i = 0; i < 200; i++) deep = { value: deep };
    const nested = await send("acme", "PATCH", `/Users/${acmeOther}`, patchOp({ op: "Add", path: `${ENTERPRISE}:manager`, value: deep }));
    expect(nested.status).toBe(400);
    const gid = (await send("acme", "POST", "/Groups", { schemas: [GROUP], displayName: "Big" })).body.id;
    const many = await send("acme", "PATCH", `/Groups/${gid}`, patchOp({ op: "Add", path: "members", value: Array.from({ length: 20_000 }, (_, i) => `m${i}`) }));
    expect(many.status).toBe(400);
    const filter = await send("acme", "GET", `/Users?filter=${encodeURIComponent("(".repeat(1000) + 'userName eq "a"' + ")".repeat(1000))}`);
    expectError(filter, 400, "invalidFilter");
  });
});

describe("a per-tenant selection naming an unknown profile", () => {
  it("is a logged 500 naming the profile, never a silent strict fallback", async () => {
    const logged: string[] = [];
    const bad = await startServer("node", {
      store: memoryStore(),
      compat: () => ["entra", "nope"],
      logger: { error: (obj: object) => void logged.push(String((obj as { err?: Error }).err?.message)), warn: () => {} },
    });
    try {
      const res = await fetch(`${bad.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${TOKENS.default}` } });
      expect(res.status).toBe(500);
      expect(logged.join("\n")).toContain('unknown profile "nope"');
    } finally {
      await bad.close();
    }
  });
});
