import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user } from "./support/client.js";
import { STORE_MATRIX, startOnStore, type Running } from "./support/servers.js";

// If-None-Match on PUT, PATCH and DELETE (RFC 7644 §3.14, RFC 7232 §3.2): when `*` is
// sent and the resource exists, or a listed entity-tag matches (weakly), the method MUST
// NOT be performed and the answer is 412, a SCIM error; nothing is written, on every
// store. A tag that does not match lets the write through; If-Match is evaluated first
// (RFC 7232 §6).

const OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const writes: Record<string, (userName: string) => { method: string; body?: unknown }> = {
  PUT: (userName) => ({ method: "PUT", body: user(userName, { title: "changed" }) }),
  PATCH: () => ({ method: "PATCH", body: { schemas: [OP], Operations: [{ op: "replace", path: "title", value: "changed" }] } }),
  DELETE: () => ({ method: "DELETE" }),
};

describe.each(STORE_MATRIX)("If-None-Match on writes over %s on the %s store", (framework, store) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  let id: string;
  beforeAll(async () => {
    server = await startOnStore(framework, store);
    call = client(`${server.url}/scim/v2`);
    id = (await call("POST", "/Users", { body: user("guarded", { title: "v1" }) })).body.id as string;
    await call("PUT", `/Users/${id}`, { body: user("guarded", { title: "v2" }) }); // now W/"2"
  });
  afterAll(() => server.close());

  it.each<[string, string, Record<string, string>]>([
    ["PUT", "*", {}],
    ["PUT", 'W/"2"', {}],
    ["PUT", '"2"', {}],
    ["PUT", 'W/"1", W/"2"', {}],
    ["PATCH", "*", {}],
    ["PATCH", 'W/"2"', {}],
    ["PATCH", "*", { "if-match": 'W/"2"' }],
    ["DELETE", "*", {}],
    ["DELETE", 'W/"2"', {}],
    ["DELETE", "*", { "if-match": "*" }],
  ])("%s with If-None-Match %s is 412 and changes nothing", async (name, tag, more) => {
    const { method, body } = writes[name]!("guarded");
    const r = await call(method, `/Users/${id}`, { headers: { "if-none-match": tag, ...more }, ...(body ? { body } : {}) });
    expect(r.status).toBe(412);
    expect(r.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "412" });
    expect(r.body.scimType).toBeUndefined();
    const now = await call("GET", `/Users/${id}`);
    expect(now.status).toBe(200);
    expect(now.headers.get("etag")).toBe('W/"2"');
    expect(now.body.title).toBe("v2");
  });

  it("a stale If-Match wins over If-None-Match: still 412, nothing written", async () => {
    const r = await call("PATCH", `/Users/${id}`, { headers: { "if-match": 'W/"1"', "if-none-match": 'W/"1"' }, body: writes.PATCH!("guarded").body });
    expect(r.status).toBe(412);
    expect(r.body.detail).toMatch(/If-Match/);
    expect((await call("GET", `/Users/${id}`)).headers.get("etag")).toBe('W/"2"');
  });

  it.each(["PUT", "PATCH", "DELETE"])("%s with a non-matching If-None-Match is performed", async (name) => {
    const target = (await call("POST", "/Users", { body: user(`free-${name}`, { title: "v1" }) })).body.id as string;
    const { method, body } = writes[name]!(`free-${name}`);
    const r = await call(method, `/Users/${target}`, { headers: { "if-none-match": 'W/"7"' }, ...(body ? { body } : {}) });
    expect(r.status).toBe(method === "DELETE" ? 204 : 200);
    const after = await call("GET", `/Users/${target}`);
    if (method === "DELETE") expect(after.status).toBe(404);
    else expect([after.headers.get("etag"), after.body.title]).toEqual(['W/"2"', "changed"]);
  });

  it("If-None-Match: * on a missing resource is 404, not 412", async () => {
    const r = await call("DELETE", "/Users/00000000-0000-0000-0000-000000000000", { headers: { "if-none-match": "*" } });
    expect(r.status).toBe(404);
  });
});
