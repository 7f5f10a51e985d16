import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user, type Reply } from "./support/client.js";
import { FRAMEWORKS, startServer, type Running } from "./support/servers.js";

// RFC 7644 §3.3, §3.4.1, §3.5.1, §3.6 over real HTTP, through each generated server.

describe.each(FRAMEWORKS)("CRUD over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    server = await startServer(framework);
    call = client(`${server.url}/scim/v2`);
  });
  afterAll(() => server.close());

  const create = (name: string, extra?: Record<string, unknown>): Promise<Reply> => call("POST", "/Users", { body: user(name, extra) });

  it("POST creates: 201, Location, weak ETag, meta, SCIM content type", async () => {
    const r = await create("bjensen", { name: { givenName: "Barbara" }, emails: [{ value: "bjensen@example.com", type: "work" }] });
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toBe("application/scim+json");
    const id = r.body.id as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get("location")).toBe(`${server.url}/scim/v2/Users/${id}`);
    expect(r.headers.get("etag")).toBe('W/"1"');
    expect(r.body.meta).toMatchObject({ resourceType: "User", location: `${server.url}/scim/v2/Users/${id}`, version: 'W/"1"' });
    expect(r.body.userName).toBe("bjensen");
  });

  it("GET returns the resource with its ETag; unknown id is 404", async () => {
    const id = (await create("get-me")).body.id as string;
    const r = await call("GET", `/Users/${id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toBe('W/"1"');
    expect(r.body).toMatchObject({ id, userName: "get-me" });
    const missing = await call("GET", "/Users/00000000-0000-0000-0000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "404" });
  });

  it("a response body is framed by Content-Length in bytes, not chunked", async () => {
    const r = await create("zoë-längd", { displayName: "Zoë 🦊" });
    const get = await call("GET", `/Users/${r.body.id as string}`);
    for (const x of [r, get]) {
      expect(x.headers.get("transfer-encoding")).toBeNull();
      expect(x.headers.get("content-length")).toBe(String(Buffer.byteLength(x.text)));
    }
  });

  it("client-supplied id and meta are ignored on POST (readOnly)", async () => {
    const r = await create("sneaky", { id: "chosen-by-client", meta: { version: 'W/"99"' } });
    expect(r.status).toBe(201);
    expect(r.body.id).not.toBe("chosen-by-client");
    expect(r.headers.get("etag")).toBe('W/"1"');
  });

  it("PUT replaces and bumps the version; attributes left out are cleared", async () => {
    const id = (await create("put-me", { title: "Engineer", displayName: "Put Me" })).body.id as string;
    const r = await call("PUT", `/Users/${id}`, { body: user("put-me", { title: "Manager" }) });
    expect(r.status).toBe(200);
    expect(r.headers.get("etag")).toBe('W/"2"');
    expect(r.body.title).toBe("Manager");
    expect(r.body.displayName).toBeUndefined();
  });

  it("PATCH applies operations and returns the resource", async () => {
    const id = (await create("patch-me", { active: true })).body.id as string;
    const r = await call("PATCH", `/Users/${id}`, {
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] },
    });
    expect(r.status).toBe(200);
    expect(r.body.active).toBe(false);
    expect(r.headers.get("etag")).toBe('W/"2"');
  });

  it("DELETE answers 204, then the resource is gone", async () => {
    const id = (await create("delete-me")).body.id as string;
    const d = await call("DELETE", `/Users/${id}`);
    expect(d.status).toBe(204);
    expect(d.text).toBe("");
    expect((await call("GET", `/Users/${id}`)).status).toBe(404);
    expect((await call("DELETE", `/Users/${id}`)).status).toBe(404);
  });

  it("userName is unique case-insensitively per tenant: 409 uniqueness", async () => {
    await create("Unique.Person");
    const r = await create("unique.person");
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ status: "409", scimType: "uniqueness" });
  });

  it("POST with a missing required attribute is 400 invalidValue naming it", async () => {
    const r = await call("POST", "/Users", { body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"] } });
    expect(r.status).toBe(400);
    expect(r.body.detail).toMatch(/userName/);
  });

  it("Groups work too, with members", async () => {
    const uid = (await create("member-one")).body.id as string;
    const r = await call("POST", "/Groups", {
      body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Admins", members: [{ value: uid }] },
    });
    expect(r.status).toBe(201);
    expect(r.body.members).toEqual([expect.objectContaining({ value: uid })]);
  });

  it("attributes and excludedAttributes project single-resource responses", async () => {
    const id = (await create("projected", { title: "Boss", displayName: "P" })).body.id as string;
    const only = await call("GET", `/Users/${id}?attributes=title`);
    expect(only.body.title).toBe("Boss");
    expect(only.body.displayName).toBeUndefined();
    expect(only.body.id).toBe(id); // returned: always
    const without = await call("GET", `/Users/${id}?excludedAttributes=title`);
    expect(without.body.title).toBeUndefined();
    expect(without.body.displayName).toBe("P");
  });

  // RFC 7643 §3: schemas, like id and meta, is always returned; naming it is not an error.
  it.each([
    ["attributes=schemas", "attributes=schemas"],
    ["excludedAttributes=schemas,title", "excludedAttributes=schemas,title"],
    ['attributes=emails[type eq "work"].value', `attributes=${encodeURIComponent('emails[type eq "work"].value')}`],
  ])("%s is accepted and keeps the always-returned attributes", async (_, query) => {
    const id = (await create(`schemas-${query.length}`, { title: "Boss", emails: [{ value: "s@example.com", type: "work" }] })).body.id as string;
    const r = await call("GET", `/Users/${id}?${query}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, schemas: expect.arrayContaining(["urn:ietf:params:scim:schemas:core:2.0:User"]), meta: expect.any(Object) });
    expect(r.body.title).toBeUndefined();
  });
});
