import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, rawRequest, user } from "./support/client.js";
import { FRAMEWORKS, startServer, TOKENS, type Running } from "./support/servers.js";

// Hostile requests: each gets a precise 4xx SCIM error (RFC 7644 §3.12), never a 5xx, and
// the server keeps serving afterwards.

const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";

describe.each(FRAMEWORKS)("bad input over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  let id: string;
  beforeAll(async () => {
    server = await startServer(framework, { maxBodyBytes: 4096, bodyTimeoutMs: 500 });
    call = client(`${server.url}/scim/v2`);
    id = (await call("POST", "/Users", { body: user("target") })).body.id as string;
  });
  afterAll(async () => {
    // Still serving after everything above.
    expect((await call("GET", `/Users/${id}`)).status).toBe(200);
    await server.close();
  });

  const big = "x".repeat(10_000);
  const cases: [string, string, string, number, string | undefined, RegExp][] = [
    // [name, method, path, status, scimType, detail]
    ["unknown route", "GET", "/Widgets", 404, undefined, /no SCIM endpoint/],
    ["unknown nested route", "GET", "/Users/x/y", 404, undefined, /no SCIM endpoint/],
    ["encoded slash in id", "GET", "/Users/..%2FGroups", 404, undefined, /not found/],
    ["encoded backslash in id", "GET", "/Users/a%5Cb", 404, undefined, /not found/],
    ["malformed percent-encoding", "GET", "/Users/%E0%A4%A", 400, "invalidSyntax", /percent-encoding/],
    ["10 KB id", "GET", `/Users/${big}`, 404, undefined, /longer than 1024/],
    ["wrong method on a collection", "DELETE", "/Users", 405, undefined, /allowed: GET, POST/],
    ["wrong method on .search", "GET", "/Users/.search", 405, undefined, /allowed: POST/],
    ["wrong method on discovery", "POST", "/ServiceProviderConfig", 405, undefined, /allowed: GET/],
    ["wrong method on a resource", "POST", `/Users/ID`, 405, undefined, /allowed: GET, PUT, PATCH, DELETE/],
    ["duplicate query parameter", "GET", "/Users?count=1&count=2", 400, "invalidValue", /count.*more than once/],
    ["startIndex=abc", "GET", "/Users?startIndex=abc", 400, "invalidValue", /startIndex must be an integer/],
    ["count=1.5", "GET", "/Users?count=1.5", 400, "invalidValue", /count must be an integer/],
    ["sortBy unknown attribute", "GET", "/Users?sortBy=shoeSize", 400, "invalidValue", /sortBy: unknown attribute "shoeSize"/],
    ["sortOrder nonsense", "GET", "/Users?sortBy=userName&sortOrder=up", 400, "invalidValue", /sortOrder/],
    ["attributes=__proto__", "GET", "/Users?attributes=__proto__", 400, "invalidValue", /attributes: unknown attribute "__proto__"/],
    ["excludedAttributes=constructor", "GET", "/Users?excludedAttributes=constructor", 400, "invalidValue", /unknown attribute "constructor"/],
    ["attributes on a resource", "GET", "/Users/ID?attributes=__proto__", 400, "invalidValue", /__proto__/],
    ["attributes with an unclosed bracket", "GET", `/Users?attributes=${encodeURIComponent("emails[%%%")}`, 400, "invalidValue", /attributes: .*emails\[%%%/],
    ["attributes filtering a simple attribute", "GET", `/Users?attributes=${encodeURIComponent("userName[bogus eq 1]")}`, 400, "invalidValue", /attributes: /],
    ["attributes with an unknown sub-attribute in brackets", "GET", `/Users?attributes=${encodeURIComponent('emails[bogus eq "x"]')}`, 400, "invalidValue", /attributes: .*bogus/],
    ["attributes with garbage after the brackets", "GET", `/Users?attributes=${encodeURIComponent('emails[type eq "work"]x')}`, 400, "invalidValue", /attributes: .*not attribute\[filter\]/],
    ["bad filter", "GET", `/Users?filter=${encodeURIComponent("userName eq")}`, 400, "invalidFilter", /./],
    ["filter on an unknown attribute", "GET", `/Users?filter=${encodeURIComponent('shoeSize eq "x"')}`, 400, "invalidFilter", /shoeSize/],
    ["filter on discovery", "GET", `/Schemas?filter=${encodeURIComponent('id eq "x"')}`, 403, undefined, /filter/],
    ["unknown schema", "GET", "/Schemas/urn:nope", 404, undefined, /urn:nope/],
  ];

  it.each(cases)("%s", async (_name, method, path, status, scimType, detail) => {
    const r = await call(method, path.replace("ID", id));
    expect(r.status).toBe(status);
    expect(r.headers.get("content-type")).toBe("application/scim+json");
    expect(r.body.schemas).toEqual([ERROR]);
    expect(r.body.status).toBe(String(status));
    expect(r.body.scimType).toBe(scimType);
    expect(r.body.detail).toMatch(detail);
    if (status === 405) expect(r.headers.get("allow")).toBeTruthy();
  });

  const routes: [string, readonly string[]][] = [
    ["/", ["GET"]],
    ["/.search", ["POST"]],
    ["/Users", ["GET", "POST"]],
    ["/Users/.search", ["POST"]],
    ["/Users/ID", ["GET", "PUT", "PATCH", "DELETE"]],
    ["/Groups", ["GET", "POST"]],
    ["/ServiceProviderConfig", ["GET"]],
    ["/ResourceTypes", ["GET"]],
    ["/ResourceTypes/User", ["GET"]],
    ["/Schemas", ["GET"]],
    ["/Me", ["GET", "PUT", "PATCH", "DELETE"]],
  ];
  const wrong = routes.flatMap(([path, allowed]) =>
    // HEAD goes wherever GET does (RFC 9110 §9.3.2).
    ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !allowed.includes(m)).map((m) => [m, path, (allowed.includes("GET") ? [...allowed, "HEAD"] : allowed).join(", ")] as const),
  );
  it.each(wrong)("%s %s is 405 with Allow: %s", async (method, path, allow) => {
    const r = await call(method, path.replace("ID", id), method === "GET" || method === "DELETE" ? {} : { body: {} });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe(allow);
    expect(r.body).toMatchObject({ schemas: [ERROR], status: "405" });
  });

  const bodies: [string, string, Record<string, string>, number, string | undefined, RegExp][] = [
    ["malformed JSON", '{"userName": ', {}, 400, "invalidSyntax", /not valid JSON/],
    ["a JSON array", "[]", {}, 400, "invalidSyntax", /must be a JSON object/],
    ["an empty body", "", {}, 400, "invalidSyntax", /empty/],
    ["text/plain", '{"userName":"x"}', { "content-type": "text/plain" }, 415, undefined, /text\/plain/],
    ["form data", "a=b", { "content-type": "application/x-www-form-urlencoded" }, 415, undefined, /not supported/],
    ["a Latin-1 charset", '{"userName":"x"}', { "content-type": "application/scim+json; charset=ISO-8859-1" }, 415, undefined, /charset "iso-8859-1".*UTF-8/],
    ["a quoted UTF-16 charset", '{"userName":"x"}', { "content-type": 'application/json;Charset="UTF-16"' }, 415, undefined, /charset "utf-16"/],
    ["a __proto__ key", '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"p","__proto__":{"admin":true}}', {}, 400, "invalidValue", /__proto__/],
    ["an escaped __proto__ key", '{"userName":"p","\\u005f_proto__":{}}', {}, 400, "invalidValue", /__proto__/],
    ["deep nesting", "[".repeat(1500) + "]".repeat(1500), {}, 400, "invalidSyntax", /nesting deeper than/],
    ["invalid UTF-8", "\u00ff", { "content-type": "application/scim+json" }, 400, "invalidSyntax", /./],
    ["a body over the limit", JSON.stringify(user("big", { title: "x".repeat(5000) })), {}, 413, undefined, /exceeds the limit of 4096 bytes/],
  ];

  it.each(bodies)("POST with %s", async (_name, raw, headers, status, scimType, detail) => {
    const r = await call("POST", "/Users", { raw, headers });
    expect(r.status).toBe(status);
    expect(r.body.status).toBe(String(status));
    expect(r.body.scimType).toBe(scimType);
    expect(r.body.detail).toMatch(detail);
  });

  it.each(["application/json; charset=utf-8", 'Application/SCIM+JSON; Charset="UTF-8"', "application/scim+json;charset=utf8;q=1"])("%s is accepted", async (type) => {
    const r = await call("POST", "/Users", { raw: JSON.stringify(user(`json-client-${type.replace(/\W/g, "")}`)), headers: { "content-type": type } });
    expect(r.status).toBe(201);
    expect(r.headers.get("content-type")).toBe("application/scim+json");
  });

  it("a body without Content-Type is read as JSON (clients that omit it still work)", async () => {
    const res = await rawRequest(
      server.url,
      `POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.default}\r\nConnection: close\r\nContent-Length: ${JSON.stringify(user("no-type")).length}\r\n\r\n${JSON.stringify(user("no-type"))}`,
    );
    expect(res).toMatch(/^HTTP\/1\.1 201/);
  });

  it("PATCH without the PatchOp schema is 400 invalidSyntax", async () => {
    const r = await call("PATCH", `/Users/${id}`, { body: { Operations: [] } });
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe("invalidSyntax");
  });

  it("an oversized declared Content-Length is refused with 413 before the body is read", async () => {
    const res = await rawRequest(
      server.url,
      `POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.default}\r\nContent-Type: application/scim+json\r\nContent-Length: 50000000\r\n\r\n{"a":`,
    );
    expect(res).toMatch(/^HTTP\/1\.1 413/);
    expect(res).toMatch(/"status":"413"/);
  });

  it.each(["/scim/v2/Users/../Groups", "/scim/v2/Users/./x", "/scim/v2/../v2/Users"])("raw path traversal %s is a 404 SCIM error", async (path) => {
    const res = await rawRequest(server.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.default}\r\nConnection: close\r\n\r\n`);
    if (framework === "hono" && !path.includes("/./x")) {
      // The fetch API resolves dot segments (WHATWG URL) before the kernel sees the path:
      // the request is served as its normalized URL, which never leaves the SCIM base.
      expect(res).toMatch(/^HTTP\/1\.1 200/);
      return;
    }
    expect(res).toMatch(/^HTTP\/1\.1 404/);
    expect(res).toMatch(/"status":"404"/);
  });

  it("a truncated body (client stops sending) ends in a 4xx, not a hang or a 5xx", async () => {
    const res = await rawRequest(
      server.url,
      `POST /scim/v2/Users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.default}\r\nContent-Type: application/scim+json\r\nContent-Length: 100\r\n\r\n{"userName":`,
    );
    expect(res).toMatch(/^HTTP\/1\.1 408/);
    expect(res).toMatch(/"status":"408"/);
  });

  it("a header with a huge value gets a 431 SCIM error", async () => {
    const r = await call("GET", "/Users", { headers: { "x-padding": "y".repeat(12_000) } });
    expect(r.status).toBe(431);
    expect(r.text === "" || (JSON.parse(r.text) as { status: string }).status === "431").toBe(true);
  });

  it("headers beyond Node's limit get a SCIM body from the clientError hook", async () => {
    const res = await rawRequest(server.url, `GET /scim/v2/Users HTTP/1.1\r\nHost: x\r\nX-Big: ${"z".repeat(20_000)}\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 431/);
  });
});
