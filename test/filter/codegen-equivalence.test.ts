import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompareOperator, Filter } from "../../src/runtime/filter/index.js";
import { compileFilter, parseFilter } from "../../src/runtime/filter/index.js";
import { compileClosures } from "../../src/runtime/filter/evaluate/compile.js";
import { corpusUsers, invalidFilters, validFilters } from "./corpus.js";
import { filterTree } from "./arbitraries.js";
import { generateUsers } from "./generate.js";
import { filterTestIndex, TEST_EXT } from "./test-manifest.js";

// The generated-code matcher (compileFilter's fast path) answers exactly as the closure
// compiler: for every corpus filter and for random filters over real paths, on the corpus
// users, 300 generated users and hostile shapes; and it rejects the same filters.

const index = filterTestIndex();
const users = index.resourceType("User")!;
const resources: Record<string, unknown>[] = [
  ...corpusUsers,
  ...generateUsers(300, 3),
  {}, { emails: "x" }, { emails: [null, 1, "s", [], { type: 5 }] }, { name: [] }, { userName: 7 }, { meta: null },
  { [TEST_EXT]: [] }, { [TEST_EXT]: { devices: {} } }, JSON.parse('{"__proto__": {"userName": "bjensen"}}'),
];

function same(ast: Filter, lenient = false, coerce = false): void {
  let slow: ReturnType<typeof compileClosures>;
  try {
    slow = compileClosures(ast, users, { coerceBooleanStrings: coerce });
  } catch (e) {
    expect(() => compileFilter(ast, users, { coerceBooleanStrings: coerce })).toThrowError((e as Error).message);
    return;
  }
  const fast = compileFilter(ast, users, { coerceBooleanStrings: coerce });
  expect(fast).not.toBe(slow);
  for (const r of resources) expect([lenient, fast(r)]).toEqual([lenient, slow(r)]);
}

describe("generated matcher equals the closure compiler", () => {
  it.each(validFilters.filter((c) => c.resourceType === "User").map((c) => [c.filter, c] as const))("%s", (_, c) => {
    same(parseFilter(c.filter, { lenient: c.lenient === true }), c.lenient === true, c.coerceBooleanStrings === true);
  });

  const PATHS: [string, CompareOperator[], fc.Arbitrary<string | number | boolean | null>][] = [
    ["userName", ["eq", "ne", "co", "sw", "ew", "gt", "lt"], fc.constantFrom("bjensen", "J", "a", "", "zoë")],
    ["title", ["eq", "ne", "co"], fc.constantFrom("", "Engineer", null)],
    ["emails", ["eq", "co", "ew"], fc.constantFrom("example.com", ".org", "x")],
    ["emails.type", ["eq", "ne"], fc.constantFrom("work", "home")],
    ["active", ["eq", "ne"], fc.boolean()],
    ["meta.lastModified", ["gt", "le", "eq"], fc.constantFrom("2011-05-13T04:42:34Z", "2014-01-01T00:00:00+05:00")],
    [`${TEST_EXT}:level`, ["gt", "eq", "le"], fc.integer({ min: -1, max: 12 })],
    [`${TEST_EXT}:tags`, ["eq", "sw"], fc.constantFrom("beta", "al")],
    [`${TEST_EXT}:devices.since`, ["gt", "lt"], fc.constantFrom("2015-01-01T00:00:00Z")],
  ];
  const leaf: fc.Arbitrary<Filter> = fc.oneof(
    fc.constantFrom(...PATHS).chain(([attributePath, ops, values]) =>
      fc.record({ type: fc.constant("comparison" as const), attributePath: fc.constant(attributePath), operator: fc.constantFrom(...ops), value: values }),
    ),
    fc.constantFrom("title", "emails", "name", "addresses", `${TEST_EXT}:devices`, "nickName").map((attributePath): Filter => ({ type: "presence", attributePath })),
    fc.constantFrom<Filter>(
      parseFilter('emails[type eq "work" and not (value co "example")]'),
      parseFilter(`${TEST_EXT}:devices[primary eq true or kind sw "lap"]`),
      parseFilter("roles[primary eq true]"),
    ),
  );
  const tree = filterTree(leaf);

  it("for random filters over real paths", () => {
    fc.assert(fc.property(tree, (ast) => same(ast)), { numRuns: 400 });
  });

  it("rejects exactly what the closure compiler rejects, with the same error", () => {
    for (const c of invalidFilters.filter((x) => x.stage === "compile")) {
      const ast = parseFilter(c.filter);
      const errorOf = (fn: () => unknown) => {
        try {
          fn();
        } catch (e) {
          return (e as Error).message;
        }
        return "no error";
      };
      expect(errorOf(() => compileFilter(ast, users))).toBe(errorOf(() => compileClosures(ast, users)));
    }
  });

  it("falls back to closures when asked (CSP) or when the filter is huge", () => {
    const ast = parseFilter('userName eq "bjensen"');
    expect(compileFilter(ast, users, { generateCode: false })({ userName: "BJENSEN" })).toBe(true);
    const big = parseFilter(Array.from({ length: 450 }, (_, i) => `userName eq "u${i}"`).join(" or "), { maxTerms: 1000 });
    const m = compileFilter(big, users);
    expect(m({ userName: "U449" })).toBe(true);
    expect(m({ userName: "u450" })).toBe(false);
  });
});

describe("generated code is shared by filters of the same shape", () => {
  it("userName eq \"a\" and userName eq \"b\" reuse one factory but keep their own literals", () => {
    const a = compileFilter(parseFilter('userName eq "a"'), users);
    const b = compileFilter(parseFilter('userName eq "b"'), users);
    expect(a({ userName: "A" })).toBe(true);
    expect(a({ userName: "b" })).toBe(false);
    expect(b({ userName: "B" })).toBe(true);
    expect(a.toString()).toBe(b.toString());
    expect(a.toString()).not.toContain('"a"');
  });
});

describe("never mutates", () => {
  const deepFreeze = <T>(v: T): T => {
    if (v && typeof v === "object") {
      for (const x of Object.values(v)) deepFreeze(x);
      Object.freeze(v);
    }
    return v;
  };
  it("evaluates frozen resources with frozen ASTs (strict-mode writes would throw)", () => {
    const frozenUsers = deepFreeze(structuredClone(corpusUsers as Record<string, unknown>[]));
    for (const c of validFilters.filter((x) => x.resourceType === "User")) {
      const ast = deepFreeze(parseFilter(c.filter, { lenient: c.lenient === true }));
      for (const compile of [compileFilter, compileClosures]) {
        const match = compile(ast, users, { coerceBooleanStrings: c.coerceBooleanStrings === true });
        expect(frozenUsers.filter((u) => match(u)).map((u) => u.id)).toEqual(c.matches);
      }
    }
  });
});
