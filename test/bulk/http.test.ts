import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user } from "../http/support/client.js";
import { FRAMEWORKS, startServer, type Running } from "../http/support/servers.js";

// Bulk over real HTTP through the generated server of every framework: the adapters hand
// the body to the kernel unread, so the bulk payload limit (not the single-request
// limit) applies, and the response is the same whatever the framework.

const BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

describe.each(FRAMEWORKS)("Bulk over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    server = await startServer(framework, { maxBodyBytes: 10_000, bulk: { maxOperations: 100, maxPayloadSize: 200_000 } });
    call = client(`${server.url}/scim/v2`);
  });
  afterAll(() => server.close());

  it("runs a bulk larger than a single request may be, with references", async () => {
    const Operations = [
      { method: "POST", path: "/Groups", bulkId: "g", data: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "G", members: [{ value: "bulkId:u0" }] } },
      ...Array.from({ length: 60 }, (_, i) => ({ method: "POST", path: "/Users", bulkId: `u${i}`, data: user(`${framework}-${i}`, { displayName: "x".repeat(200) }) })),
    ];
    const r = await call("POST", "/Bulk", { body: { schemas: [BULK], Operations } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/scim+json");
    const ops = r.body.Operations as { status: string }[];
    expect(ops.filter((o) => o.status !== "201")).toEqual([]);
  });

  it("answers 413 with the RFC body over maxPayloadSize, and the server stays up", async () => {
    const Operations = Array.from({ length: 90 }, (_, i) => ({ method: "POST", path: "/Users", bulkId: `x${i}`, data: user(`big${i}`, { displayName: "y".repeat(3000) }) }));
    const r = await call("POST", "/Bulk", { body: { schemas: [BULK], Operations } });
    expect(r.status).toBe(413);
    expect(r.body.detail).toBe("The size of the bulk operation exceeds the maxPayloadSize (200000).");
    expect((await call("GET", "/ServiceProviderConfig")).body.bulk).toEqual({ supported: true, maxOperations: 100, maxPayloadSize: 200_000 });
  });
});
