import { describe, expect, it } from "vitest";
import type { StoreQuery, TenantStore } from "../../src/runtime/stores/contract.js";
import { TEST_EXT } from "./manifest.js";
import { user, type Ctx } from "./contract.js";

// list() with `keyset` (RFC 9865 cursors, issue 8): walking page after page from each
// page's last position yields exactly the order index paging gives for the same sort
// (by id without sortBy), with ties and missing values included, and rows inserted or
// deleted between pages never make a row that existed throughout appear twice or not at all.

// userName, title (ties, missing, case), level (ties, missing), hireDate (missing)
const PEOPLE: [string, string | null, number | null, string | null][] = [
  ["u01", "Dev", 3, "2020-01-01T00:00:00Z"],
  ["u02", "dev", 1, null],
  ["u03", null, 3, "2019-05-05T10:00:00Z"],
  ["u04", "Admin", null, "2021-01-01T00:00:00+02:00"],
  ["u05", "Dev", 2, "2020-01-01T00:00:00Z"],
  ["u06", null, null, null],
  ["U07", "zed", 1, "2018-01-01T00:00:00Z"],
  ["u08", "Admin", 3, "2022-02-02T00:00:00Z"],
  ["u09", "", 2, "2020-06-01T00:00:00Z"],
  ["u10", "Ärger", 5, "2023-01-01T00:00:00Z"],
  ["u11", "dev", -1, null],
];

async function seed(s: TenantStore): Promise<void> {
  for (const [userName, title, level, hireDate] of PEOPLE) {
    const ext: Record<string, unknown> = {};
    if (level !== null) ext.level = level;
    if (hireDate !== null) ext.hireDate = hireDate;
    await s.create("User", user(userName, { ...(title !== null ? { title } : {}), ...(Object.keys(ext).length ? { [TEST_EXT]: ext } : {}) }));
  }
}

async function walk(s: TenantStore, q: Partial<StoreQuery>, pageSize: number, between?: (page: number) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let after: NonNullable<StoreQuery["keyset"]>["after"];
  for (let page = 0; page < 1000; page++) {
    const r = await s.list("User", { startIndex: 1, count: pageSize, ...q, keyset: after ? { after } : {} });
    seen.push(...r.resources.map((x) => x.data.userName as string));
    expect(r.keyset).toBeDefined();
    expect(r.resources.length).toBeLessThanOrEqual(pageSize);
    if (!r.keyset!.more) return seen;
    after = r.keyset!.last;
    await between?.(page);
  }
  throw new Error("the walk did not end");
}

const SORTS: [string, Partial<StoreQuery>][] = [
  ["userName ascending", { sortBy: "userName", sortOrder: "ascending" }],
  ["userName descending", { sortBy: "userName", sortOrder: "descending" }],
  ["title ascending (ties, case, missing)", { sortBy: "title", sortOrder: "ascending" }],
  ["title descending", { sortBy: "title", sortOrder: "descending" }],
  ["level ascending (integer, missing)", { sortBy: `${TEST_EXT}:level`, sortOrder: "ascending" }],
  ["level descending", { sortBy: `${TEST_EXT}:level`, sortOrder: "descending" }],
  ["hireDate ascending (dateTime with offsets)", { sortBy: `${TEST_EXT}:hireDate`, sortOrder: "ascending" }],
  ["hireDate descending", { sortBy: `${TEST_EXT}:hireDate`, sortOrder: "descending" }],
  ["title with a filter", { sortBy: "title", sortOrder: "ascending", filter: { type: "comparison", attributePath: "userName", operator: "ne", value: "u05" } as never }],
];

export function keysetContract(ctx: Ctx): void {
  describe("list with keyset (cursor pages)", () => {
    it.each(SORTS)("%s: pages of 1, 2 and 4 walk the index-paging order exactly", async (_name, q) => {
      const s = ctx.tenant();
      await seed(s);
      const whole = (await s.list("User", { startIndex: 1, count: 100, ...q })).resources.map((x) => x.data.userName);
      for (const size of [1, 2, 4]) expect(await walk(s, q, size)).toEqual(whole);
    });

    it("without sortBy pages come in id order, and totalResults counts every match", async () => {
      const s = ctx.tenant();
      await seed(s);
      const all = (await s.list("User", { startIndex: 1, count: 100 })).resources;
      const byId = [...all].sort((a, b) => (a.id < b.id ? -1 : 1)).map((x) => x.data.userName);
      expect(await walk(s, {}, 3)).toEqual(byId);
      const descending = await walk(s, { sortOrder: "descending" }, 3);
      expect(descending).toEqual([...byId].reverse());
      const first = await s.list("User", { startIndex: 1, count: 3, keyset: {} });
      expect(first.totalResults).toBe(PEOPLE.length);
      expect(first.keyset!.first!.id).toBe(all.find((x) => x.data.userName === byId[0])!.id);
    });

    it("rows inserted or deleted between pages never repeat or hide a row that stayed", async () => {
      const s = ctx.tenant();
      await seed(s);
      const rows = (await s.list("User", { startIndex: 1, count: 100 })).resources;
      const doomed = new Set(["u03", "u08", "u11"]);
      const stayed = rows.filter((r) => !doomed.has(r.data.userName as string)).map((r) => r.data.userName as string);
      let k = 0;
      const seen = await walk(s, { sortBy: "title", sortOrder: "ascending" }, 2, async () => {
        const name = [...doomed][k++];
        if (name) await s.delete("User", rows.find((r) => r.data.userName === name)!.id);
        await s.create("User", user(`new${k}`, { title: k % 2 ? "Dev" : "aaa" }));
      });
      for (const name of stayed) expect(seen.filter((x) => x === name)).toHaveLength(1);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it("count 0 returns no rows and no next position", async () => {
      const s = ctx.tenant();
      await seed(s);
      const r = await s.list("User", { startIndex: 1, count: 0, keyset: {} });
      expect([r.totalResults, r.resources.length, r.keyset?.more]).toEqual([PEOPLE.length, 0, false]);
    });
  });
}
