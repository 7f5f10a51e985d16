import { afterAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/runtime/stores/contract.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { postgresStore } from "../../src/runtime/stores/postgres/index.js";
import { sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { PG_URL, pgHarness, type PgHarness } from "../stores/pg-harness.js";
import { bulk, caller, GROUP, kernel, user } from "./support.js";

// A bulk of 1,000 operations mixing Users and Groups, with every group listed before the
// users it references, against each store: every reference lands, and a failing
// operation in the middle leaves no trace in any store (one transaction per operation).

// PGlite runs in-process and is slow: without a server it gets a tenth of the load.
const GROUPS_FOR = (store: string): number => (store === "postgres" && !PG_URL ? 20 : 200);

function operations(GROUPS: number, USERS: number): unknown[] {
  const groups = Array.from({ length: GROUPS }, (_, g) => ({
    method: "POST",
    path: "/Groups",
    bulkId: `g${g}`,
    data: { schemas: [GROUP], displayName: `group ${g}`, members: [0, 1, 2, 3].map((k) => ({ type: "User", value: `bulkId:u${g * 4 + k}` })) },
  }));
  const users = Array.from({ length: USERS }, (_, u) => ({ method: "POST", path: "/Users", bulkId: `u${u}`, data: user(`user${u}`, { emails: [{ value: `u${u}@example.com`, type: "work" }] }) }));
  return [...groups, ...users];
}

const harnesses: PgHarness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

const stores: [string, () => Promise<Store>][] = [
  ["memory", async () => memoryStore()],
  ["sqlite", async () => sqliteStore({ file: ":memory:" })],
  [
    "postgres",
    async () => {
      const h = await pgHarness();
      harnesses.push(h);
      return postgresStore({ pool: h.pool });
    },
  ],
];

describe.each(stores)("1,000 operations on the %s store", (name, make) => {
  it("resolves every reference, in dependency order, and reports each operation", { timeout: 30_000 }, async () => {
    const GROUPS = GROUPS_FOR(name);
    const USERS = GROUPS * 4;
    const k = kernel({ store: await make() });
    const call = caller(k);
    const r = await call("POST", "/Bulk", bulk(operations(GROUPS, USERS)));
    expect(r.status).toBe(200);
    const ops: any[] = r.body.Operations;
    expect(ops).toHaveLength(USERS + GROUPS);
    expect(ops.filter((o) => o.status !== "201")).toEqual([]);
    const idOf = new Map(ops.map((o) => [o.bulkId as string, (o.location as string).split("/").pop()!]));
    const groups = await call("GET", "/Groups?count=1000");
    expect(groups.body.totalResults).toBe(GROUPS);
    for (const g of groups.body.Resources) {
      const n = Number(/\d+/.exec(g.displayName)![0]);
      expect(g.members.map((m: { value: string }) => m.value).sort()).toEqual([0, 1, 2, 3].map((k) => idOf.get(`u${n * 4 + k}`)).sort());
    }
    // A failing operation writes nothing: its userName is taken, so no second row appears.
    const again = await call("POST", "/Bulk", bulk([{ method: "POST", path: "/Users", bulkId: "x", data: user("user7") }, { method: "PATCH", path: `/Groups/${idOf.get("g0")}`, data: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: [{ value: "no-such-user" }] }] } }]));
    expect((again.body.Operations as any[]).map((o) => o.status)).toEqual(["409", "400"]);
    expect((await call("GET", "/Users?count=0")).body.totalResults).toBe(USERS);
    expect((await call("GET", `/Groups/${idOf.get("g0")}`)).body.members).toHaveLength(4);
    await k.close();
  });
});
