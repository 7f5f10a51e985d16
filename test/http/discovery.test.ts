import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client } from "./support/client.js";
import { FRAMEWORKS, startServer, type Running } from "./support/servers.js";

// RFC 7644 §4 discovery documents, built from the manifest and true to what is served.

describe.each(FRAMEWORKS)("discovery over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    server = await startServer(framework);
    call = client(`${server.url}/scim/v2`);
  });
  afterAll(() => server.close());

  it("ServiceProviderConfig advertises exactly what works", async () => {
    const r = await call("GET", "/ServiceProviderConfig");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: "oauthbearertoken", primary: true })],
      meta: { resourceType: "ServiceProviderConfig", location: `${server.url}/scim/v2/ServiceProviderConfig` },
    });
  });

  it("ResourceTypes lists every resource type with its extensions", async () => {
    const r = await call("GET", "/ResourceTypes");
    expect(r.body).toMatchObject({ totalResults: 2, itemsPerPage: 2, startIndex: 1 });
    const user = r.body.Resources!.find((t) => t.id === "User");
    expect(user).toMatchObject({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      name: "User",
      endpoint: "/Users",
      schema: "urn:ietf:params:scim:schemas:core:2.0:User",
      schemaExtensions: [{ schema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", required: false }],
      meta: { resourceType: "ResourceType", location: `${server.url}/scim/v2/ResourceTypes/User` },
    });
    expect((await call("GET", "/ResourceTypes/Group")).body).toMatchObject({ id: "Group", endpoint: "/Groups" });
    expect((await call("GET", "/ResourceTypes/Nope")).status).toBe(404);
  });

  it("Schemas lists every schema with RFC 7643 §7 attribute characteristics", async () => {
    const r = await call("GET", "/Schemas");
    const ids = r.body.Resources!.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]));
    const one = await call("GET", "/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
    expect(one.status).toBe(200);
    const userName = (one.body.attributes as Record<string, unknown>[]).find((a) => a.name === "userName");
    expect(userName).toMatchObject({ type: "string", multiValued: false, required: true, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "server" });
    expect(one.body.meta).toMatchObject({ resourceType: "Schema", location: `${server.url}/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User` });
  });

  it("/Me without a hook is 501; with one it is the principal's resource", async () => {
    const r = await call("GET", "/Me");
    expect(r.status).toBe(501);
    expect(r.body).toMatchObject({ status: "501", detail: expect.stringMatching(/Me/) });

    let id = "";
    const withMe = await startServer(framework, { me: () => ({ resourceType: "User", id }) });
    const c = client(`${withMe.url}/scim/v2`);
    id = (await c("POST", "/Users", { body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "me-myself" } })).body.id as string;
    const me = await c("GET", "/Me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id, userName: "me-myself" });
    expect(me.headers.get("etag")).toBe('W/"1"');
    await withMe.close();
  });
});
