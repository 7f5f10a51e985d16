import { describe, expect, it } from "vitest";
import type { AttributeModel } from "../../src/runtime/manifest/model.js";
import { compareAttributeValues, compileValueFilter, parseFilter } from "../../src/runtime/filter/index.js";
import { filterTestIndex, TEST_EXT } from "./test-manifest.js";

const users = filterTestIndex().resourceType("User")!;
const attr = (path: string): AttributeModel => {
  const r = users.resolve(path)!;
  return r.subAttribute ?? r.attribute;
};

describe("compareAttributeValues (sortBy order, RFC 7644 §3.4.2.3)", () => {
  it.each<[string, unknown, unknown, number]>([
    ["userName", "alice", "Bob", -1], // caseExact=false
    ["userName", "BOB", "bob", 0],
    ["externalId", "B", "a", -1], // caseExact=true: code point order
    ["externalId", "a", "a", 0],
    ["meta.created", "2011-05-13T06:42:34+02:00", "2011-05-13T04:42:35Z", -1], // instants, not text
    ["meta.created", "2011-05-13T06:42:34+02:00", "2011-05-13T04:42:34Z", 0],
    [`${TEST_EXT}:level`, 9, 10, -1], // numbers, not text
    [`${TEST_EXT}:score`, -1.5, -2, 1],
    ["active", false, true, -1],
    ["userName", undefined, "a", 1], // no value sorts after every value
    ["userName", "a", null, -1],
    ["userName", "", "a", 1], // "" is no value
    ["userName", undefined, undefined, 0],
    [`${TEST_EXT}:level`, "7", 1, 1], // a value of the wrong type counts as none
    ["emails", [{ value: "z@x" }, { value: "a@x", primary: true }], [{ value: "m@x" }], -1], // primary value
    ["emails", [{ value: "z@x" }, { value: "a@x" }], [{ value: "m@x" }], 1], // else the first
    ["emails.value", ["b@x", "a@x"], ["c@x"], -1],
    [`${TEST_EXT}:tags`, ["Beta"], ["alpha"], 1],
  ])("%s: %j vs %j -> %d", (path, a, b, sign) => {
    expect(Math.sign(compareAttributeValues(a, b, attr(path)))).toBe(sign);
    expect(Math.sign(compareAttributeValues(b, a, attr(path)))).toBe(-sign || 0);
  });
});

describe("compileValueFilter (one element of a multi-valued complex attribute)", () => {
  const emails = attr("emails");
  it.each<[string, unknown, boolean]>([
    ['type eq "work"', { type: "WORK", value: "a@x" }, true],
    ['type eq "work" and value ew "@X"', { type: "work", value: "a@x" }, true],
    ['not (primary eq true)', { value: "a@x" }, true],
    ["primary eq true", { value: "a@x", primary: true }, true],
    ['value pr', { value: "" }, false],
    ['type eq "work"', null, false],
    ['type eq "work"', "work", false],
    ['type eq "work"', ["work"], false],
  ])("%s on %j -> %s", (filter, element, expected) => {
    expect(compileValueFilter(parseFilter(filter), emails)(element)).toBe(expected);
  });

  it.each<[string, AttributeModel, string]>([
    ["nope pr", emails, 'unknown sub-attribute "nope" of "emails"'],
    ['type gt true', emails, "string attribute"],
    ["primary lt true", emails, 'operator "lt" is not defined for boolean'],
    ['value eq "x"', attr("userName"), "needs a complex attribute"],
  ])("%s is invalidFilter", (filter, attribute, detail) => {
    expect(() => compileValueFilter(parseFilter(filter), attribute)).toThrowError(expect.objectContaining({ scimType: "invalidFilter", detail: expect.stringContaining(detail) }));
  });

  it("rejects a nested value path handed in as an AST", () => {
    const nested = { type: "valuePath", attributePath: "x", filter: { type: "presence", attributePath: "y" } } as const;
    expect(() => compileValueFilter(nested, emails)).toThrowError(/cannot be nested/);
  });
});

describe("hand-built ASTs nested beyond the stack", () => {
  it("end in 400 invalidFilter from every walker, never a RangeError", async () => {
    const { canonicalizeFilter, compileFilter, filterToSql, printFilter } = await import("../../src/runtime/filter/index.js");
    let deep: import("../../src/runtime/filter/index.js").Filter = { type: "presence", attributePath: "userName" };
    for (let i = 0; i < 200_000; i++) deep = { type: "not", filter: deep };
    const walkers: (() => unknown)[] = [
      () => compileFilter(deep, users),
      () => printFilter(deep),
      () => canonicalizeFilter(deep, users),
      () => filterToSql(deep, users, { dialect: "sqlite", dataColumn: "data" }),
    ];
    for (const walk of walkers) expect(walk).toThrowError(expect.objectContaining({ status: 400, scimType: "invalidFilter" }));
  });
});
