import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user } from "./support/client.js";
import { FRAMEWORKS, startServer, type Running } from "./support/servers.js";

// Bodies that could be read two ways are refused rather than resolved, on every adapter:
// a member name twice in one JSON object (RFC 8259 §4), a message member in two
// spellings (RFC 7643 §2.1), a no-path PATCH value naming another schema (RFC 7644
// §3.5.2). Each is a precise 400 and the stored user, its version and ETag stay as they were.

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const patch = (ops: string) => `{"schemas":["${PATCH}"],"Operations":[${ops}]}`;

describe.each(FRAMEWORKS)("ambiguous bodies over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  let id: string;
  beforeAll(async () => {
    server = await startServer(framework);
    call = client(`${server.url}/scim/v2`);
    id = (await call("POST", "/Users", { body: user("ambiguous", { displayName: "Before" }) })).body.id as string;
  });
  afterAll(() => server.close());

  const cases: [string, string, string, string, string, RegExp][] = [
    // [case, method, path, body, scimType, detail]
    ["POST repeating displayName", "POST", "/Users", `{"schemas":["${USER}"],"userName":"dup-post","displayName":"a","displayName":"b"}`, "invalidSyntax", /member "displayName" appears more than once in one object, at character \d+ and first at character \d+/],
    ["PUT repeating a nested name", "PUT", "/Users/ID", `{"schemas":["${USER}"],"userName":"ambiguous","name":{"givenName":"a","givenName":"b"}}`, "invalidSyntax", /member "givenName" appears more than once/],
    ["PATCH value repeating a name", "PATCH", "/Users/ID", patch(`{"op":"replace","value":{"displayName":"a","displayName":"b"}}`), "invalidSyntax", /member "displayName" appears more than once/],
    ["PATCH repeating a name in escaped form", "PATCH", "/Users/ID", patch(`{"op":"replace","path":"displayName","value":"a","\\u0076alue":"b"}`), "invalidSyntax", /member "value" appears more than once/],
    ["PATCH with Operations and operations", "PATCH", "/Users/ID", `{"schemas":["${PATCH}"],"Operations":[{"op":"replace","path":"displayName","value":"a"}],"operations":[{"op":"replace","path":"displayName","value":"b"}]}`, "invalidSyntax", /the PATCH body has both "Operations" and "operations"/],
    ["PATCH with schemas and Schemas", "PATCH", "/Users/ID", `{"schemas":["${PATCH}"],"Schemas":["urn:x"],"Operations":[{"op":"replace","path":"displayName","value":"a"}]}`, "invalidSyntax", /has both "schemas" and "Schemas"/],
    ["PATCH operation with path and Path", "PATCH", "/Users/ID", patch(`{"op":"replace","path":"displayName","Path":"title","value":"a"}`), "invalidSyntax", /Operations\[0\] has both "path" and "Path"/],
    ["PATCH no-path value naming another schema", "PATCH", "/Users/ID", patch(`{"op":"replace","value":{"schemas":["urn:bogus"],"displayName":"a"}}`), "invalidValue", /'schemas\[0\]' "urn:bogus" is not a schema of resource type User/],
    ["PATCH no-path add with schemas not an array", "PATCH", "/Users/ID", patch(`{"op":"add","value":{"schemas":"${USER}","title":"a"}}`), "invalidValue", /'schemas' must be an array of schema URNs/],
    ["/.search repeating filter", "POST", "/Users/.search", `{"schemas":["${SEARCH}"],"filter":"userName eq \\"x\\"","filter":"userName pr"}`, "invalidSyntax", /member "filter" appears more than once/],
    ["/.search with filter and Filter", "POST", "/Users/.search", `{"schemas":["${SEARCH}"],"filter":"userName eq \\"x\\"","Filter":"userName pr"}`, "invalidSyntax", /the search request has both "filter" and "Filter"/],
    ["/Bulk repeating a name in data", "POST", "/Bulk", `{"schemas":["${BULK}"],"Operations":[{"method":"PATCH","path":"/Users/ID","data":${patch(`{"op":"replace","path":"displayName","value":"a","value":"b"}`)}}]}`, "invalidSyntax", /member "value" appears more than once/],
    ["/Bulk with Operations and operations", "POST", "/Bulk", `{"schemas":["${BULK}"],"Operations":[],"operations":[{"method":"DELETE","path":"/Users/ID"}]}`, "invalidSyntax", /the bulk request has both "Operations" and "operations"/],
  ];

  it.each(cases)("%s → 400, stored user unchanged", async (_case, method, path, raw, scimType, detail) => {
    const before = await call("GET", `/Users/${id}`);
    const r = await call(method, path.replace("ID", id), { raw: raw.replaceAll("/Users/ID", `/Users/${id}`) });
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe(scimType);
    expect(r.body.detail).toMatch(detail);
    const after = await call("GET", `/Users/${id}`);
    expect(after.body).toEqual(before.body);
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
    expect((await call("GET", `/Users?filter=${encodeURIComponent('userName eq "dup-post"')}`)).body.totalResults).toBe(0);
  });

  it("a Bulk operation with data and DATA fails alone; the user is unchanged", async () => {
    const before = await call("GET", `/Users/${id}`);
    const data = (name: string) => ({ schemas: [PATCH], Operations: [{ op: "replace", path: "displayName", value: name }] });
    const r = await call("POST", "/Bulk", {
      body: { schemas: [BULK], Operations: [{ method: "PATCH", path: `/Users/${id}`, data: data("a"), DATA: data("b") }, { method: "POST", path: "/Users", bulkId: "n", data: user("bulk-ok") }] },
    });
    expect(r.status).toBe(200);
    const [bad, ok] = r.body.Operations as { status: string; response?: { scimType: string; detail: string } }[];
    expect(bad!.status).toBe("400");
    expect(bad!.response).toMatchObject({ scimType: "invalidSyntax", detail: expect.stringContaining('Operations[0] has both "data" and "DATA"') });
    expect(ok!.status).toBe("201");
    const after = await call("GET", `/Users/${id}`);
    expect(after.body).toEqual(before.body);
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"));
  });

  it("the same requests without the ambiguity still succeed", async () => {
    const r = await call("PATCH", `/Users/${id}`, { raw: patch(`{"op":"replace","value":{"schemas":["${USER}"],"displayName":"After"}}`) });
    expect(r.status).toBe(200);
    expect(r.body.displayName).toBe("After");
    expect(r.headers.get("etag")).not.toBe(null);
  });
});
