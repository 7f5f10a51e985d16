import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store, StoreQuery, TenantStore } from "../../src/runtime/stores/contract.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { storeManifest, TEST_EXT } from "../stores/manifest.js";

// Property: for any set of users (titles with ties, case variants, non-ASCII, empty and
// missing values; integer levels with ties and gaps), any sort and any page size, walking
// keyset pages returns exactly the order index paging returns — the guarantee cursors
// rest on — on the memory store and on SQLite's SQL keyset.

const title = fc.option(fc.constantFrom("dev", "Dev", "DEV", "admin", "Ärger", "ärger", "zed", "", "a b"), { nil: undefined });
const level = fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined });
const people = fc.array(fc.tuple(title, level), { minLength: 0, maxLength: 25 });
const sorts: Partial<StoreQuery>[] = [
  {},
  { sortOrder: "descending" },
  { sortBy: "title", sortOrder: "ascending" },
  { sortBy: "title", sortOrder: "descending" },
  { sortBy: `${TEST_EXT}:level`, sortOrder: "ascending" },
  { sortBy: `${TEST_EXT}:level`, sortOrder: "descending" },
];

let run = 0;
const stores: [string, () => Store][] = [
  ["memory", () => memoryStore()],
  ["sqlite", () => sqliteStore({ file: ":memory:" })],
];

describe.each(stores)("keyset pages on the %s store", (_name, make) => {
  let store: Store;
  beforeAll(async () => {
    store = make();
    await store.open(storeManifest());
  });
  afterAll(() => store.close());

  async function walk(t: TenantStore, q: Partial<StoreQuery>, size: number): Promise<string[]> {
    const out: string[] = [];
    let after: NonNullable<StoreQuery["keyset"]>["after"];
    for (let guard = 0; guard < 100; guard++) {
      const r = await t.list("User", { startIndex: 1, count: size, ...q, keyset: after ? { after } : {} });
      out.push(...r.resources.map((x) => x.id));
      if (!r.keyset?.more) return out;
      after = r.keyset.last;
    }
    throw new Error("walk did not end");
  }

  it("walks exactly the index-paging order for any data, sort and page size", { timeout: 20_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(people, fc.constantFrom(...sorts), fc.integer({ min: 1, max: 7 }), async (rows, sort, size) => {
        const t = store.tenant(`p${run++}`);
        for (const [i, [ti, lv]] of rows.entries()) {
          const ext = lv === undefined ? {} : { [TEST_EXT]: { level: lv } };
          await t.create("User", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: `id-${String(i).padStart(2, "0")}-${run}`, userName: `u${i}`, ...(ti === undefined ? {} : { title: ti }), ...ext });
        }
        const all = (await t.list("User", { startIndex: 1, count: 100, ...sort })).resources.map((x) => x.id);
        // Index paging without sortBy is creation order; keyset pages then go by id.
        const expected = sort.sortBy ? all : [...all].sort();
        if (!sort.sortBy && sort.sortOrder === "descending") expected.reverse();
        expect(await walk(t, sort, size)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});
