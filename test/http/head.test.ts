import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, rawRequest } from "./support/client.js";
import { FRAMEWORKS, startServer, TOKENS, type Running } from "./support/servers.js";

// RFC 9110 §9.1 and §9.3.2: a general-purpose server supports HEAD wherever it supports
// GET: the same status and headers (ETag, Content-Length of the body GET would send), no
// body. Every framework, since each adapter writes the response its own way.

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";

describe.each(FRAMEWORKS)("HEAD over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  let id = "";
  beforeAll(async () => {
    server = await startServer(framework);
    call = client(`${server.url}/scim/v2`);
    id = (await call("POST", "/Users", { body: { schemas: [USER], userName: "head-user" } })).body.id as string;
  });
  afterAll(() => server.close());

  it.each(["/Users/ID", "/Users?count=5", "/ServiceProviderConfig", "/Schemas", "/", "/Users/missing"])("HEAD %s answers as GET without a body", async (path) => {
    const url = path.replace("ID", id);
    const get = await call("GET", url);
    const head = await call("HEAD", url);
    expect(head.status).toBe(get.status);
    expect(head.text).toBe("");
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    expect(head.headers.get("etag")).toBe(get.headers.get("etag"));
    expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(get.text));
  });

  it("sends no body bytes on the wire", async () => {
    const raw = await rawRequest(server.url, `HEAD /scim/v2/Users/${id} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.default}\r\nConnection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 200/);
    expect(raw.slice(raw.indexOf("\r\n\r\n") + 4)).toBe("");
  });

  it("is 405 where GET is not allowed, and Allow lists HEAD beside GET", async () => {
    const search = await call("HEAD", "/Users/.search");
    expect(search.status).toBe(405);
    expect(search.headers.get("allow")).toBe("POST");
    const wrong = await call("POST", "/ServiceProviderConfig", { body: {} });
    expect(wrong.headers.get("allow")).toBe("GET, HEAD");
  });
});
