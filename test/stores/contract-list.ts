import { describe, expect, it } from "vitest";
import type { Filter } from "../../src/runtime/filter/ast.js";
import type { StoreQuery, TenantStore } from "../../src/runtime/stores/contract.js";
import { TEST_EXT } from "./manifest.js";
import { scimError, user, type Ctx } from "./contract.js";

// list(): filtering, sorting (string, dateTime, integer, decimal; both orders; stable id
// tiebreak; missing values last ascending, first descending) and index paging (RFC 7644 §3.4.2), with answers written
// out by hand from the fixture below.

// userName, familyName, emails, active, hireDate, level, score
const PEOPLE: [string, string | null, [string, string][], boolean, string | null, number | null, number | null][] = [
  ["zoe", "Zed", [["work", "zoe@example.com"]], true, "2021-03-01T00:00:00Z", 10, 2.5],
  ["Adam", "Alpha", [["home", "adam@home.net"]], false, "2019-07-15T12:00:00Z", 2, 10.25],
  ["bella", "Beta", [["work", "bella@corp.org"], ["home", "bella@example.com"]], true, null, 2, null],
  ["carl", null, [], true, "2020-01-01T00:00:00+01:00", -3, 0.5],
  ["Dora", "Delta", [["work", "dora@Example.com"]], false, "2020-01-01T00:00:00Z", null, 2.5],
];

async function seed(s: TenantStore): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const [userName, familyName, emails, active, hireDate, level, score] of PEOPLE) {
    const ext: Record<string, unknown> = {};
    if (hireDate !== null) ext.hireDate = hireDate;
    if (level !== null) ext.level = level;
    if (score !== null) ext.score = score;
    const data = user(userName, {
      ...(familyName !== null ? { name: { familyName } } : {}),
      ...(emails.length ? { emails: emails.map(([type, value]) => ({ type, value })) } : {}),
      active,
      ...(Object.keys(ext).length ? { [TEST_EXT]: ext } : {}),
    });
    ids.set(userName, (await s.create("User", data)).id);
  }
  return ids;
}

const names = async (s: TenantStore, q: Partial<StoreQuery>): Promise<string[]> => {
  const r = await s.list("User", { startIndex: 1, count: 100, ...q });
  return r.resources.map((x) => x.data.userName as string);
};

const cmp = (attributePath: string, operator: string, value: unknown): Filter =>
  ({ type: "comparison", attributePath, operator, value }) as Filter;
const and = (left: Filter, right: Filter): Filter => ({ type: "logical", operator: "and", left, right });
const or = (left: Filter, right: Filter): Filter => ({ type: "logical", operator: "or", left, right });

export function listContract(ctx: Ctx): void {
  describe("list", () => {
    it("without a filter returns every resource in creation order", async () => {
      const s = ctx.tenant();
      await seed(s);
      const r = await s.list("User", { startIndex: 1, count: 100 });
      expect(r.totalResults).toBe(5);
      expect(r.resources.map((x) => x.data.userName)).toEqual(PEOPLE.map((p) => p[0]));
    });

    it.each<[string, number, number, string[]]>([
      ["a middle page", 2, 2, ["Adam", "bella"]],
      ["a page past the end", 9, 5, []],
      ["count 0 (totalResults only)", 1, 0, []],
      ["startIndex 0 read as 1", 0, 1, ["zoe"]],
      ["a negative count read as 0", 1, -4, []],
      ["the last partial page", 4, 10, ["carl", "Dora"]],
    ])("pages by index: %s", async (_, startIndex, count, expected) => {
      const s = ctx.tenant();
      await seed(s);
      const r = await s.list("User", { startIndex, count });
      expect(r.totalResults).toBe(5);
      expect(r.resources.map((x) => x.data.userName)).toEqual(expected);
    });

    it.each<[string, Filter, string[]]>([
      ["userName eq, case-insensitive", cmp("userName", "eq", "ZOE"), ["zoe"]],
      ["userName eq inside and", and(cmp("active", "eq", true), cmp("USERNAME", "eq", "Bella")), ["bella"]],
      ["userName eq inside and, other side false", and(cmp("active", "eq", false), cmp("userName", "eq", "bella")), []],
      ["userName eq of nobody", cmp("userName", "eq", "nobody"), []],
      ["valuePath on emails", { type: "valuePath", attributePath: "emails", filter: and(cmp("type", "eq", "work"), cmp("value", "co", "example")) } as Filter, ["zoe", "Dora"]],
      ["emails.value co across values", cmp("emails.value", "co", "example"), ["zoe", "bella", "Dora"]],
      ["sub-attribute sw", cmp("name.familyName", "sw", "d"), ["Dora"]],
      ["boolean eq", cmp("active", "eq", false), ["Adam", "Dora"]],
      ["integer gt", cmp(`${TEST_EXT}:level`, "gt", 2), ["zoe"]],
      ["decimal le", cmp(`${TEST_EXT}:score`, "le", 2.5), ["zoe", "carl", "Dora"]],
      ["dateTime ge compares instants", cmp(`${TEST_EXT}:hireDate`, "ge", "2020-01-01T00:00:00Z"), ["zoe", "Dora"]],
      ["presence", { type: "presence", attributePath: "name.familyName" }, ["zoe", "Adam", "bella", "Dora"]],
      ["not", { type: "not", filter: cmp("active", "eq", true) }, ["Adam", "Dora"]],
      ["or", or(cmp("userName", "eq", "carl"), cmp("userName", "eq", "adam")), ["Adam", "carl"]],
      ["meta.resourceType", cmp("meta.resourceType", "eq", "User"), ["zoe", "Adam", "bella", "carl", "Dora"]],
      ["meta.created pr", { type: "presence", attributePath: "meta.created" }, ["zoe", "Adam", "bella", "carl", "Dora"]],
    ])("filters: %s", async (_, filter, expected) => {
      const s = ctx.tenant();
      await seed(s);
      expect(await names(s, { filter })).toEqual(expected);
    });

    it("externalId eq (not unique, case-exact) finds every holder in creation order and follows renames and deletes", async () => {
      const s = ctx.tenant();
      const a = await s.create("User", user("a", { externalId: "E1" }));
      const b = await s.create("User", user("b", { externalId: "E1" }));
      const c = await s.create("User", user("c", { externalId: "E2" }));
      const q = async (v: string) => names(s, { filter: cmp("externalId", "eq", v) });
      expect(await q("E1")).toEqual(["a", "b"]);
      expect(await q("e1")).toEqual([]);
      await s.replace("User", a.id, { ...a.data, externalId: "E2" });
      expect(await q("E1")).toEqual(["b"]);
      expect(await q("E2")).toEqual(["a", "c"]);
      await s.delete("User", c.id);
      expect(await q("E2")).toEqual(["a"]);
      await s.delete("User", b.id);
      expect(await q("E1")).toEqual([]);
      expect(await names(s, { filter: and(cmp("externalId", "eq", "E2"), cmp("userName", "eq", "b")) })).toEqual([]);
    });

    it("filters by id", async () => {
      const s = ctx.tenant();
      const ids = await seed(s);
      expect(await names(s, { filter: cmp("id", "eq", ids.get("carl")) })).toEqual(["carl"]);
    });

    it.each<[string, string, "ascending" | "descending", string[]]>([
      ["string, case-insensitive", "userName", "ascending", ["Adam", "bella", "carl", "Dora", "zoe"]],
      ["string descending", "userName", "descending", ["zoe", "Dora", "carl", "bella", "Adam"]],
      ["string with missing last", "name.familyName", "ascending", ["Adam", "bella", "Dora", "zoe", "carl"]],
      ["string descending with missing first", "name.familyName", "descending", ["carl", "zoe", "Dora", "bella", "Adam"]],
      ["dateTime by instant", `${TEST_EXT}:hireDate`, "ascending", ["Adam", "carl", "Dora", "zoe", "bella"]],
      ["dateTime descending", `${TEST_EXT}:hireDate`, "descending", ["bella", "zoe", "Dora", "carl", "Adam"]],
      ["integer numerically", `${TEST_EXT}:level`, "descending", ["Dora", "zoe", "?", "?", "carl"]],
      ["multi-valued by primary or first value", "emails.value", "ascending", ["Adam", "bella", "Dora", "zoe", "carl"]],
    ])("sorts: %s", async (_, sortBy, sortOrder, expected) => {
      const s = ctx.tenant();
      const ids = await seed(s);
      const got = await names(s, { sortBy, sortOrder });
      // Equal values (Adam and bella both have level 2) break ties on id, in the sort direction.
      const tie = ["Adam", "bella"].sort((a, b) => (ids.get(a)! < ids.get(b)! ? -1 : 1));
      if (sortOrder === "descending") tie.reverse();
      let t = 0;
      expect(got).toEqual(expected.map((x) => (x === "?" ? tie[t++]! : x)));
    });

    it("sorts decimals with a stable id tiebreak across pages", async () => {
      const s = ctx.tenant();
      const ids = await seed(s);
      const tie = ["zoe", "Dora"].sort((a, b) => (ids.get(a)! < ids.get(b)! ? -1 : 1));
      const all = ["carl", ...tie, "Adam", "bella"];
      const sortBy = `${TEST_EXT}:score`;
      expect(await names(s, { sortBy })).toEqual(all);
      const paged = [...(await names(s, { sortBy, startIndex: 1, count: 2 })), ...(await names(s, { sortBy, startIndex: 3, count: 3 }))];
      expect(paged).toEqual(all);
    });

    it("sorts by meta.created in write order", async () => {
      const s = ctx.tenant();
      await seed(s);
      const r = await s.list("User", { startIndex: 1, count: 100, sortBy: "meta.created" });
      const key = r.resources.map((x) => `${x.created}|${x.id}`);
      expect(key).toEqual([...key].sort());
    });

    it("sortBy an unknown attribute is 400 invalidValue naming it", async () => {
      const s = ctx.tenant();
      const e = await scimError(s.list("User", { startIndex: 1, count: 10, sortBy: "shoeSize" }));
      expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
      expect(e.detail).toContain("shoeSize");
    });

    it("an empty tenant lists nothing", async () => {
      const r = await ctx.tenant().list("Group", { startIndex: 1, count: 10 });
      expect(r).toEqual({ totalResults: 0, resources: [] });
    });
  });
}
