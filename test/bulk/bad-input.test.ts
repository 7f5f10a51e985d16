import { describe, expect, it } from "vitest";
import { bulk, BULK_REQUEST, caller, GROUP, kernel, TOKENS, user } from "./support.js";

// Hostile bulk bodies (issue 8): a precise error for the request or for each operation,
// the server stays up, and nothing is half-written.

const count = async (call: ReturnType<typeof caller>) => (await call("GET", "/Users?count=0")).body.totalResults as number;

describe("bulk bad input: the request", () => {
  it("refuses 10,000 operations with 413 naming maxOperations (RFC 7644 §3.7.4)", async () => {
    const call = caller(kernel({ bulk: { maxPayloadSize: 10_000_000 } }));
    const ops = Array.from({ length: 10_000 }, (_, i) => ({ method: "POST", path: "/Users", bulkId: `b${i}`, data: user(`u${i}`) }));
    const r = await call("POST", "/Bulk", bulk(ops));
    expect(r.status).toBe(413);
    expect(r.body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "413", detail: "The number of operations (10000) exceeds the maxOperations (1000)." });
    expect(await count(call)).toBe(0);
  });

  it("refuses a body over maxPayloadSize with the RFC's 413 body", async () => {
    const call = caller(kernel({ bulk: { maxPayloadSize: 1000 } }));
    const r = await call("POST", "/Bulk", bulk([{ method: "POST", path: "/Users", bulkId: "x", data: user("x".repeat(2000)) }]));
    expect(r.status).toBe(413);
    expect(r.body.detail).toBe("The size of the bulk operation exceeds the maxPayloadSize (1000).");
    expect(await count(call)).toBe(0);
  });

  it.each([
    ["no BulkRequest schema", { Operations: [] }, "invalidSyntax", "BulkRequest"],
    ["Operations not an array", { schemas: [BULK_REQUEST], Operations: {} }, "invalidSyntax", "Operations array"],
    ["a JSON array body", [], "invalidSyntax", "JSON object"],
    ["a __proto__ key", `{"schemas":["${BULK_REQUEST}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":{"__proto__":{"x":1}}}]}`, "invalidValue", "__proto__"],
    ["nesting deeper than the limit", `{"schemas":["${BULK_REQUEST}"],"Operations":[{"method":"POST","path":"/Users","bulkId":"a","data":${"[".repeat(100)}${"]".repeat(100)}}]}`, "invalidSyntax", "nesting"],
  ])("refuses %s with 400", async (_name, body, scimType, detail) => {
    const call = caller(kernel());
    const r = await call("POST", "/Bulk", body);
    expect([r.status, r.body.scimType]).toEqual([400, scimType]);
    expect(r.body.detail).toContain(detail);
  });
});

describe("bulk bad input: one operation", () => {
  it.each([
    ["a method the RFC does not allow", { method: "GET", path: "/Users/x" }, "400", "invalidValue", 'method "GET" is not allowed'],
    ["no method", { path: "/Users", bulkId: "a", data: user("a") }, "400", "invalidSyntax", "method is required"],
    ["a path outside the base (absolute URL)", { method: "POST", path: "https://evil.example/Users", bulkId: "a", data: user("a") }, "400", "invalidValue", "relative to the SCIM base"],
    ["a path climbing out", { method: "DELETE", path: "/Users/../../admin" }, "400", "invalidValue", "relative to the SCIM base"],
    ["a path with a query", { method: "POST", path: "/Users?attributes=id", bulkId: "a", data: user("a") }, "400", "invalidValue", "relative to the SCIM base"],
    ["an encoded slash", { method: "DELETE", path: "/Users/a%2Fb" }, "400", "invalidValue", "relative to the SCIM base"],
    ["POST to a resource", { method: "POST", path: "/Users/abc", bulkId: "a", data: user("a") }, "400", "invalidValue", "resource type endpoint"],
    ["PUT to a collection", { method: "PUT", path: "/Users", data: user("a") }, "400", "invalidValue", "a resource such as"],
    ["a nested /Bulk", { method: "POST", path: "/Bulk", bulkId: "a", data: { schemas: [BULK_REQUEST], Operations: [] } }, "400", "invalidValue", "resource type endpoint"],
    ["/Me", { method: "DELETE", path: "/Me" }, "400", "invalidValue", "a resource such as"],
    ["an unknown resource type", { method: "POST", path: "/Widgets", bulkId: "a", data: user("a") }, "404", undefined, "no SCIM endpoint"],
    ["data of the wrong type (string)", { method: "POST", path: "/Users", bulkId: "a", data: "userName=a" }, "400", "invalidSyntax", "data must be a JSON object, got string"],
    ["data of the wrong type (array)", { method: "PUT", path: "/Users/x", data: [user("a")] }, "400", "invalidSyntax", "got an array"],
    ["no data for PATCH", { method: "PATCH", path: "/Users/x" }, "400", "invalidSyntax", "data is required"],
    ["POST without bulkId", { method: "POST", path: "/Users", data: user("a") }, "400", "invalidSyntax", "bulkId is required"],
    ["a non-string version", { method: "DELETE", path: "/Users/x", version: 3 }, "400", "invalidValue", "version must be a string"],
    ["an operation that is not an object", "DELETE /Users/x", "400", "invalidSyntax", "must be a JSON object"],
  ])("%s fails that operation only", async (_name, op, status, scimType, detail) => {
    const call = caller(kernel());
    const r = await call("POST", "/Bulk", bulk([op, { method: "POST", path: "/Users", bulkId: "fine", data: user("fine") }]));
    expect(r.status).toBe(200);
    const [bad, fine]: any[] = r.body.Operations;
    expect([bad.status, bad.response.scimType]).toEqual([status, scimType]);
    expect(bad.response.detail).toContain(detail);
    expect(fine.status).toBe("201");
    expect(await count(call)).toBe(1);
  });

  it("fails every operation declaring a duplicated bulkId, and those referencing it", async () => {
    const call = caller(kernel());
    const r = await call("POST", "/Bulk", bulk([
      { method: "POST", path: "/Users", bulkId: "dup", data: user("a") },
      { method: "POST", path: "/Users", bulkId: "dup", data: user("b") },
      { method: "POST", path: "/Groups", bulkId: "g", data: { schemas: [GROUP], displayName: "G", members: [{ value: "bulkId:dup" }] } },
    ]));
    const ops: any[] = r.body.Operations;
    expect(ops.map((o) => o.status)).toEqual(["400", "400", "400"]);
    expect(ops[0].response.detail).toContain("declared by more than one operation (Operations 0, 1)");
    expect(ops[2].response.detail).toContain("bulkId:dup");
    expect(await count(call)).toBe(0);
  });

  it("survives nested bulkId cycles between many groups and a long reference chain", async () => {
    const call = caller(kernel());
    const n = 200;
    // A ring of groups, each also referencing the one two ahead, plus a chain of users
    // (a manager chain) listed in reverse order.
    const ring = Array.from({ length: n }, (_, i) => ({
      method: "POST",
      path: "/Groups",
      bulkId: `g${i}`,
      data: { schemas: [GROUP], displayName: `g${i}`, members: [{ value: `bulkId:g${(i + 1) % n}` }, { value: `bulkId:g${(i + 2) % n}` }] },
    }));
    const chain = Array.from({ length: n }, (_, i) => ({
      method: "POST",
      path: "/Users",
      bulkId: `u${i}`,
      data: user(`u${i}`, i === 0 ? {} : { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: `bulkId:u${i - 1}` } } }),
    })).reverse();
    const r = await call("POST", "/Bulk", bulk([...ring, ...chain]));
    expect(r.status).toBe(200);
    expect((r.body.Operations as any[]).every((o) => o.status === "201")).toBe(true);
    const groups = await call("GET", "/Groups?count=1000");
    expect(groups.body.totalResults).toBe(n);
    for (const g of groups.body.Resources) expect(g.members).toHaveLength(2);
  });

  it("stays in the caller's tenant: another tenant's resources are 404 to every operation", async () => {
    const k = kernel();
    const acme = caller(k, "/tenants/acme/scim/v2", TOKENS.acme);
    const globex = caller(k, "/tenants/globex/scim/v2", TOKENS.globex);
    const theirs = (await globex("POST", "/Users", user("globex-user"))).body.id as string;
    const r = await acme("POST", "/Bulk", bulk([
      { method: "PUT", path: `/Users/${theirs}`, data: user("stolen") },
      { method: "DELETE", path: `/Users/${theirs}` },
      { method: "POST", path: "/Groups", bulkId: "g", data: { schemas: [GROUP], displayName: "G", members: [{ value: theirs }] } },
    ]));
    expect((r.body.Operations as any[]).map((o) => o.status)).toEqual(["404", "404", "400"]);
    expect((r.body.Operations as any[])[0].location).toBe(`http://example.com/tenants/acme/scim/v2/Users/${theirs}`);
    expect((await globex("GET", `/Users/${theirs}`)).body.userName).toBe("globex-user");
  });
});
