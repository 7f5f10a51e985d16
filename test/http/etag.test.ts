import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user } from "./support/client.js";
import { FRAMEWORKS, startServer, type Running } from "./support/servers.js";

// RFC 7644 §3.14 versioning: weak ETags on every single-resource response, If-None-Match
// on GET (304), If-Match on PUT/PATCH/DELETE (412 when stale, and nothing changes).

const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

describe.each(FRAMEWORKS)("ETags over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  let id: string;
  beforeAll(async () => {
    server = await startServer(framework);
    call = client(`${server.url}/scim/v2`);
    id = (await call("POST", "/Users", { body: user("versioned") })).body.id as string;
    await call("PUT", `/Users/${id}`, { body: user("versioned", { title: "v2" }) }); // now W/"2"
  });
  afterAll(() => server.close());

  it.each([
    ['W/"2"', 304],
    ['"2"', 304],
    ['W/"1", W/"2"', 304],
    ["*", 304],
    ['W/"1"', 200],
  ])("GET with If-None-Match %s -> %i", async (tag, status) => {
    const r = await call("GET", `/Users/${id}`, { headers: { "if-none-match": tag } });
    expect(r.status).toBe(status);
    expect(r.headers.get("etag")).toBe('W/"2"');
    if (status === 304) expect(r.text).toBe("");
  });

  const writes: [string, () => { method: string; body?: unknown }][] = [
    ["PUT", () => ({ method: "PUT", body: user("versioned", { title: "stale" }) })],
    ["PATCH", () => ({ method: "PATCH", body: { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "title", value: "stale" }] } })],
    ["DELETE", () => ({ method: "DELETE" })],
  ];

  it.each(writes)("%s with a stale If-Match is 412 and changes nothing", async (_name, make) => {
    const { method, body } = make();
    const r = await call(method, `/Users/${id}`, { headers: { "if-match": 'W/"1"' }, ...(body ? { body } : {}) });
    expect(r.status).toBe(412);
    expect(r.body).toMatchObject({ status: "412" });
    const now = await call("GET", `/Users/${id}`);
    expect(now.headers.get("etag")).toBe('W/"2"');
    expect(now.body.title).toBe("v2");
  });

  it("PUT with the current If-Match succeeds and returns the next ETag", async () => {
    const r = await call("PUT", `/Users/${id}`, { headers: { "if-match": 'W/"2"' }, body: user("versioned", { title: "v3" }) });
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toBe('W/"3"');
    expect(r.body.meta).toMatchObject({ version: 'W/"3"' });
  });

  it("DELETE with the current If-Match succeeds", async () => {
    const other = (await call("POST", "/Users", { body: user("short-lived") })).body.id as string;
    expect((await call("DELETE", `/Users/${other}`, { headers: { "if-match": 'W/"1"' } })).status).toBe(204);
  });

  it("concurrent conditional writes: exactly one wins, the others get 412", async () => {
    const target = (await call("POST", "/Users", { body: user("raced") })).body.id as string;
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => call("PUT", `/Users/${target}`, { headers: { "if-match": 'W/"1"' }, body: user("raced", { title: `t${i}` }) })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412]);
  });
});
