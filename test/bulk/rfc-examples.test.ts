import { beforeEach, describe, expect, it } from "vitest";
import { bulk, caller, GROUP, kernel, user, type Call } from "./support.js";

// RFC 7644 §3.7 examples (../shared/reference/rfc-test-vectors.md §3): the main
// four-method request, bulkId references in data, per-operation error bodies, and the
// ServiceProviderConfig advertising bulk with its limits.

const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

describe("RFC 7644 §3.7 Bulk examples", () => {
  let call: Call;
  beforeEach(() => {
    call = caller(kernel());
  });

  async function created(userName: string, extra: Record<string, unknown> = {}) {
    const r = await call("POST", "/Users", user(userName, extra));
    expect(r.status).toBe(201);
    return { id: r.body.id as string, etag: r.headers.etag! };
  }

  it("runs the main example: POST, PUT, PATCH and DELETE with versions, each reported", async () => {
    const bob = await created("bob-old");
    const dave = await created("dave-old", { nickName: "d" });
    const gone = await created("gone");
    const r = await call("POST", "/Bulk", bulk([
      { method: "POST", path: "/Users", bulkId: "qwerty", data: user("Alice") },
      { method: "PUT", path: `/Users/${bob.id}`, version: bob.etag, data: { ...user("Bob"), id: bob.id } },
      { method: "PATCH", path: `/Users/${dave.id}`, version: dave.etag, data: { schemas: [PATCH_OP], Operations: [{ op: "remove", path: "nickName" }, { op: "add", path: "userName", value: "Dave" }] } },
      { method: "DELETE", path: `/Users/${gone.id}`, version: gone.etag },
    ], { failOnErrors: 1 }));
    expect(r.status).toBe(200);
    expect(r.body.schemas).toEqual([BULK_RESPONSE]);
    const ops: any[] = r.body.Operations;
    expect(ops.map((o) => [o.method, o.status])).toEqual([["POST", "201"], ["PUT", "200"], ["PATCH", "200"], ["DELETE", "204"]]);
    expect(ops[0]!.bulkId).toBe("qwerty");
    expect(ops[0]!.location).toMatch(/^http:\/\/example\.com\/scim\/v2\/Users\/[0-9a-f-]{36}$/);
    expect(ops[0]!.version).toMatch(/^W\/"/);
    expect(ops[1]!.location).toBe(`http://example.com/scim/v2/Users/${bob.id}`);
    expect(ops[1]!.version).not.toBe(bob.etag);
    expect(ops[3]!.location).toBe(`http://example.com/scim/v2/Users/${gone.id}`);
    expect(ops.every((o) => o.response === undefined)).toBe(true);
    // Each write really happened, through the same pipeline as a single request.
    expect((await call("GET", `/Users/${bob.id}`)).body.userName).toBe("Bob");
    const d = await call("GET", `/Users/${dave.id}`);
    expect([d.body.userName, d.body.nickName]).toEqual(["Dave", undefined]);
    expect((await call("GET", `/Users/${gone.id}`)).status).toBe(404);
    const alice = await call("GET", `/Users?filter=${encodeURIComponent('userName eq "Alice"')}`);
    expect(`http://example.com/scim/v2/Users/${alice.body.Resources[0].id}`).toBe(ops[0]!.location);
  });

  it("resolves bulkId:qwerty in a group's members to the user created in the same request", async () => {
    const r = await call("POST", "/Bulk", bulk([
      { method: "POST", path: "/Users", bulkId: "qwerty", data: user("Alice") },
      { method: "POST", path: "/Groups", bulkId: "ytrewq", data: { schemas: [GROUP], displayName: "Tour Guides", members: [{ type: "User", value: "bulkId:qwerty" }] } },
    ]));
    const [u, g] = r.body.Operations as any[];
    expect([u.status, g.status]).toEqual(["201", "201"]);
    const group = await call("GET", new URL(g.location).pathname.slice("/scim/v2".length));
    expect(group.body.members).toEqual([expect.objectContaining({ value: u.location.split("/").pop(), type: "User" })]);
  });

  it.each([
    ["400 invalidSyntax for a PATCH body that is no PatchOp", (id: string) => ({ method: "PATCH", path: `/Users/${id}`, data: { Operations: [] } }), "400", "invalidSyntax"],
    ["400 invalidValue for a schema violation", () => ({ method: "POST", path: "/Users", bulkId: "a", data: { schemas: [GROUP] } }), "400", "invalidValue"],
    ["409 uniqueness for a taken userName", () => ({ method: "POST", path: "/Users", bulkId: "b", data: user("taken") }), "409", "uniqueness"],
    ["412 on a version mismatch", (id: string) => ({ method: "PUT", path: `/Users/${id}`, version: 'W/"999"', data: user("taken") }), "412", undefined],
  ])("reports %s with the SCIM error as the response", async (_name, op, status, scimType) => {
    const t = await created("taken");
    const operation = op(t.id);
    const r = await call("POST", "/Bulk", bulk([operation]));
    const [o] = r.body.Operations as any[];
    expect(o.status).toBe(status);
    expect(o.response.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
    expect(o.response.status).toBe(status);
    expect(o.response.scimType).toBe(scimType);
    expect(typeof o.response.detail).toBe("string");
    // RFC 7644 §3.7.3: no location for a failed POST; the resource's for the rest.
    if (operation.method === "POST") expect(o.location).toBeUndefined();
    else expect(o.location).toBe(`http://example.com/scim/v2/Users/${t.id}`);
  });

  it("advertises bulk in ServiceProviderConfig with its limits, and not when switched off", async () => {
    expect((await call("GET", "/ServiceProviderConfig")).body.bulk).toEqual({ supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 });
    const custom = caller(kernel({ bulk: { maxOperations: 5, maxPayloadSize: 2000 } }));
    expect((await custom("GET", "/ServiceProviderConfig")).body.bulk).toEqual({ supported: true, maxOperations: 5, maxPayloadSize: 2000 });
    const off = caller(kernel({ bulk: false }));
    expect((await off("GET", "/ServiceProviderConfig")).body.bulk).toEqual({ supported: false, maxOperations: 0, maxPayloadSize: 0 });
    const r = await off("POST", "/Bulk", bulk([]));
    expect([r.status, r.body.status]).toEqual([501, "501"]);
  });

  it("reads attribute names in any case (RFC 7643 §2.1)", async () => {
    const r = await call("POST", "/Bulk", { SCHEMAS: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], operations: [{ Method: "post", PATH: "/Users", BULKID: "q", Data: user("anycase") }], FailOnErrors: 1 });
    expect(r.status).toBe(200);
    expect(r.body.Operations).toEqual([expect.objectContaining({ method: "POST", bulkId: "q", status: "201" })]);
  });

  it("answers 405 with Allow: POST for other methods on /Bulk", async () => {
    const r = await call("GET", "/Bulk");
    expect([r.status, r.headers.allow]).toEqual([405, "POST"]);
  });
});
