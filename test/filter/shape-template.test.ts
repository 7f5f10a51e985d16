import { describe, expect, it } from "vitest";
import type { CompareValue, Filter } from "../../src/runtime/filter/index.js";
import { compileFilter, parseFilter } from "../../src/runtime/filter/index.js";
import { compileClosures } from "../../src/runtime/filter/evaluate/compile.js";
import { shapeOf } from "../../src/runtime/filter/evaluate/template.js";
import { corpusGroups, corpusUsers, validFilters } from "./corpus.js";
import { generateUsers } from "./generate.js";
import { filterTestIndex } from "./test-manifest.js";

// compileFilter reuses the generated code of an earlier filter of the same shape and
// binds the new literals: every such reuse must answer, and fail, exactly as compiling
// that filter from scratch with the closure compiler.

const index = filterTestIndex();
const users = index.resourceType("User")!;
const groups = index.resourceType("Group")!;
const resources: Record<string, unknown>[] = [...corpusUsers, ...generateUsers(200, 5), {}, { emails: [null, { type: 5 }] }];

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "no error";
};

/** The same tree with every non-null literal replaced by `swap(literal)`. */
function withLiterals(f: Filter, swap: (v: CompareValue) => CompareValue): Filter {
  switch (f.type) {
    case "comparison":
      return { ...f, value: f.value === null ? null : swap(f.value) };
    case "presence":
      return f;
    case "not":
      return { ...f, filter: withLiterals(f.filter, swap) };
    case "logical":
      return { ...f, left: withLiterals(f.left, swap), right: withLiterals(f.right, swap) };
    case "valuePath":
      return { ...f, filter: withLiterals(f.filter as Filter, swap) } as Filter;
  }
}

const OTHER: ((v: CompareValue) => CompareValue)[] = [
  (v) => (typeof v === "string" ? v.toUpperCase() + "x" : typeof v === "number" ? v + 1 : typeof v === "boolean" ? !v : v),
  (v) => (typeof v === "string" ? v.slice(0, 2) : v),
  (v) => (typeof v === "string" ? (/^\d{4}-/.test(v) ? "2014-06-01T12:00:00+05:30" : "ZOË") : v),
  () => "not-a-date",
  () => 7,
  () => true,
];

describe("a filter of a known shape compiles as if compiled alone", () => {
  it.each(validFilters.filter((c) => c.resourceType === "User").map((c) => [c.filter, c] as const))("%s", (_, c) => {
    const options = { coerceBooleanStrings: c.coerceBooleanStrings === true, lenient: c.lenient === true };
    const first = parseFilter(c.filter, { lenient: c.lenient === true });
    compileFilter(first, users, options); // makes the template
    for (const swap of OTHER) {
      const variant = withLiterals(first, swap);
      const expected = errorOf(() => compileClosures(variant, users, options));
      if (expected !== "no error") {
        expect(errorOf(() => compileFilter(variant, users, options))).toBe(expected);
        continue;
      }
      const fast = compileFilter(variant, users, options);
      const slow = compileClosures(variant, users, options);
      for (const r of resources) expect([c.filter, fast(r)]).toEqual([c.filter, slow(r)]);
    }
  });
});

describe("shape keys", () => {
  const key = (text: string) => shapeOf(parseFilter(text), 100)!.key;

  it.each([
    ['userName eq "a"', 'userName eq "b"', true],
    ['userName eq "a"', "userName eq 5", true],
    ['userName eq "a"', "userName eq null", false],
    ['userName eq "a"', 'userName ne "a"', false],
    ['userName eq "a"', 'USERNAME eq "a"', false],
    ['a eq "1" and b eq "2" or c eq "3"', 'a eq "1" and (b eq "2" or c eq "3")', false],
    ['emails[type eq "work"]', 'emails.type eq "work"', false],
    ["title pr", "not (title pr)", false],
  ] as const)("%s / %s: same shape %s", (a, b, same) => {
    expect(key(a) === key(b)).toBe(same);
  });

  it("is unambiguous for hand-built paths that contain the key's own characters", () => {
    const a: Filter = { type: "comparison", attributePath: "x1:y", operator: "eq", value: "v" };
    const b: Filter = { type: "comparison", attributePath: "x", operator: "eq", value: "v" };
    expect(shapeOf(a, 10)!.key).not.toBe(shapeOf({ type: "logical", operator: "and", left: b, right: b }, 10)!.key);
  });

  it("gives up beyond the node limit (such filters use closures)", () => {
    const big = parseFilter(Array.from({ length: 60 }, (_, i) => `userName eq "u${i}"`).join(" or "), { maxTerms: 100 });
    expect(shapeOf(big, 100)).toBeUndefined();
    expect(shapeOf(big, 1000)!.leaves).toHaveLength(60);
  });
});

describe("templates are per resource type, literals and positions per filter", () => {
  it("a Group shape never serves a User filter", () => {
    expect(compileFilter(parseFilter('members.value eq "g1"'), groups)({ members: [{ value: "g1" }] })).toBe(true);
    expect(errorOf(() => compileFilter(parseFilter('members.value eq "g1"'), users))).toMatch(/unknown attribute "members.value"/);
    expect(corpusGroups.length).toBeGreaterThan(0);
  });

  it("an ill-typed literal in a known shape names its own position", () => {
    compileFilter(parseFilter('userName eq "a" and active eq true'), users);
    const err = errorOf(() => compileFilter(parseFilter('userName eq "b" and active eq "yes"'), users));
    expect(err).toBe(errorOf(() => compileClosures(parseFilter('userName eq "b" and active eq "yes"'), users)));
    expect(err).toMatch(/at position 21: "active" is a boolean attribute/);
  });

  it("options apply per compile: lenient reads 12345 as a string, strict rejects it", () => {
    compileFilter(parseFilter('externalId eq "a"'), users);
    const ast = parseFilter("externalId eq 12345");
    expect(compileFilter(ast, users, { lenient: true })({ externalId: "12345" })).toBe(true);
    expect(errorOf(() => compileFilter(ast, users))).toMatch(/string attribute; compare it with a quoted string/);
  });

  it("each bound matcher keeps its own literals", () => {
    const ms = ["alice", "bob", "carol"].map((n) => compileFilter(parseFilter(`userName eq "${n}" or emails[value ew "${n}.org"]`), users));
    expect(ms.map((m) => m({ userName: "BOB" }))).toEqual([false, true, false]);
    expect(ms.map((m) => m({ emails: [{ value: "x@Carol.org" }] }))).toEqual([false, false, true]);
  });
});

describe("hand-built ASTs with holes", () => {
  const title: Filter = { type: "presence", attributePath: "title" };
  it.each([
    ["not without an operand", { type: "not" }],
    ["a null operand", { type: "logical", operator: "and", left: null, right: title }],
    ["a null operand of an or chain", { type: "logical", operator: "or", left: title, right: { type: "logical", operator: "or", left: title, right: null } }],
    ["a value filter without its filter", { type: "valuePath", attributePath: "emails" }],
    ["null", null],
  ])("%s is 400 invalidFilter in both compilers", (_, ast) => {
    for (const generateCode of [true, false]) {
      expect(errorOf(() => compileFilter(ast as unknown as Filter, users, { generateCode }))).toBe("Invalid filter: a filter node is missing (null or not an object)");
    }
  });
});
