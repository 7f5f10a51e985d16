import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompareOperator, CompareValue, Filter } from "../../src/runtime/filter/index.js";
import { parseFilter, printFilter } from "../../src/runtime/filter/index.js";

// printFilter is canonical and parse(print(ast)) deep-equals ast, for hand-picked and
// generated ASTs (fast-check).

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/).filter((s) => !/^(and|or|not|pr|eq|ne|co|sw|ew|gt|ge|lt|le|true|false|null)$/i.test(s));
const urn = fc.constantFrom("urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:x:y");
const path = fc.oneof(
  name,
  fc.tuple(name, name).map(([a, b]) => `${a}.${b}`),
  fc.tuple(urn, name).map(([u, a]) => `${u}:${a}`),
  fc.tuple(urn, name, name).map(([u, a, b]) => `${u}:${a}.${b}`),
);
const op = fc.constantFrom<CompareOperator>("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
const value: fc.Arbitrary<CompareValue> = fc.oneof(
  fc.string({ unit: "binary" }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

function tree(attr: fc.Arbitrary<string>, withValuePath: boolean): fc.Arbitrary<Filter> {
  return fc.letrec<{ f: Filter }>((tie) => {
    const leaves: fc.Arbitrary<Filter>[] = [
      fc.record({ type: fc.constant("comparison" as const), attributePath: attr, operator: op, value }),
      fc.record({ type: fc.constant("presence" as const), attributePath: attr }),
    ];
    if (withValuePath) {
      leaves.push(fc.record({ type: fc.constant("valuePath" as const), attributePath: path, filter: tree(name, false) }) as fc.Arbitrary<Filter>);
    }
    return {
      f: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        ...leaves,
        fc.record({ type: fc.constant("logical" as const), operator: fc.constantFrom("and" as const, "or" as const), left: tie("f"), right: tie("f") }),
        fc.record({ type: fc.constant("not" as const), filter: tie("f") }),
      ),
    };
  }).f;
}

describe("printFilter", () => {
  it.each([
    ['userName eq "bjensen"', 'userName eq "bjensen"'],
    ['userName  EQ  "bjensen"', 'userName eq "bjensen"'],
    ["a pr AND (b pr OR c pr)", "a pr and (b pr or c pr)"],
    ["(a pr and b pr) or c pr", "a pr and b pr or c pr"],
    ["a pr or (b pr or c pr)", "a pr or (b pr or c pr)"],
    ["NOT(a pr)", "not (a pr)"],
    ['emails[type eq "work" and not (value ew "x")]', 'emails[type eq "work" and not (value ew "x")]'],
    ['x eq "\\u00e9\\n\\"" and y eq 1.5e3 and z eq -0', 'x eq "é\\n\\"" and y eq 1500 and z eq -0'],
  ])("%s -> %s", (input, canonical) => {
    expect(printFilter(parseFilter(input))).toBe(canonical);
  });

  it("parse(print(ast)) deep-equals ast for generated ASTs", () => {
    fc.assert(
      fc.property(tree(path, true), (ast) => {
        const again = parseFilter(printFilter(ast), { maxDepth: 1000, maxTerms: 100_000, maxLength: 10_000_000 });
        expect(again).toEqual(ast);
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects non-JSON numbers with invalidFilter", () => {
    expect(() => printFilter({ type: "comparison", attributePath: "x", operator: "eq", value: Number.NaN })).toThrowError(/not a JSON number/);
  });
});

describe("printFilter refuses hand-built ASTs it cannot print faithfully", () => {
  it.each<[string, unknown]>([
    ["a path smuggling syntax", { type: "comparison", attributePath: 'x eq "1" or id', operator: "eq", value: "2" }],
    ["an empty path", { type: "presence", attributePath: "" }],
    ["__proto__", { type: "presence", attributePath: "__proto__" }],
    ["a dotted path inside a value filter", { type: "valuePath", attributePath: "emails", filter: { type: "presence", attributePath: "a.b" } }],
    ["a nested value filter", { type: "valuePath", attributePath: "emails", filter: { type: "valuePath", attributePath: "x", filter: { type: "presence", attributePath: "y" } } }],
    ["an unknown operator", { type: "comparison", attributePath: "x", operator: "like", value: "2" }],
    ["an unknown logical operator", { type: "logical", operator: "xor", left: { type: "presence", attributePath: "a" }, right: { type: "presence", attributePath: "b" } }],
    ["an object value", { type: "comparison", attributePath: "x", operator: "eq", value: {} }],
    ["an unknown node", { type: "regex", attributePath: "x" }],
  ])("%s", (_, ast) => {
    expect(() => printFilter(ast as Filter)).toThrowError(expect.objectContaining({ status: 400, scimType: "invalidFilter" }));
  });
});
