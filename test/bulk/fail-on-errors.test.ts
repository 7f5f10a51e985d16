import { describe, expect, it } from "vitest";
import { bulk, caller, kernel, user } from "./support.js";

// RFC 7644 §3.7.3 failOnErrors: processing stops once that many operations have failed;
// the operations after that point are reported as not processed (424) and write nothing.
// Without failOnErrors every operation is attempted.

const taken = (n: number) => ({ method: "POST", path: "/Users", bulkId: `bad${n}`, data: user("taken") });
const fresh = (n: number) => ({ method: "POST", path: "/Users", bulkId: `ok${n}`, data: user(`user${n}`) });

describe("failOnErrors", () => {
  it.each([
    // [failOnErrors, operations, expected statuses]
    [1, [fresh(1), taken(1), fresh(2), taken(2)], ["201", "409", "424", "424"]],
    [2, [fresh(1), taken(1), fresh(2), taken(2), fresh(3)], ["201", "409", "201", "409", "424"]],
    [3, [taken(1), taken(2), fresh(1)], ["409", "409", "201"]],
    [undefined, [taken(1), fresh(1), taken(2), fresh(2)], ["409", "201", "409", "201"]],
  ])("failOnErrors %s", async (failOnErrors, operations, statuses) => {
    const call = caller(kernel());
    await call("POST", "/Users", user("taken"));
    const r = await call("POST", "/Bulk", bulk(operations, failOnErrors === undefined ? {} : { failOnErrors }));
    expect(r.status).toBe(200);
    const ops: any[] = r.body.Operations;
    expect(ops.map((o) => o.status)).toEqual(statuses);
    for (const o of ops.filter((x) => x.status === "424")) expect(o.response.detail).toContain(`failOnErrors (${failOnErrors}) was reached`);
    const created = statuses.filter((s) => s === "201").length;
    expect((await call("GET", "/Users?count=0")).body.totalResults).toBe(1 + created);
  });

  it.each([0, -1, 1.5, "1", null, true])("rejects failOnErrors %j with 400 invalidValue before running anything", async (failOnErrors) => {
    const call = caller(kernel());
    const r = await call("POST", "/Bulk", bulk([fresh(1)], { failOnErrors }));
    expect([r.status, r.body.scimType]).toEqual([400, "invalidValue"]);
    expect(r.body.detail).toContain("failOnErrors");
    expect((await call("GET", "/Users?count=0")).body.totalResults).toBe(0);
  });
});
