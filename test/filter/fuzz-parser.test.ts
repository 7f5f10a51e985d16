import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import { compileFilter, parseFilter, parsePatchPath } from "../../src/runtime/filter/index.js";
import { filterTestIndex } from "./test-manifest.js";

// Hostile input: the parser returns an AST or throws a 400 ScimError naming a position,
// and nothing else (no TypeError, no RangeError, no hang). Random strings alone rarely get
// past the first token, so half the runs glue grammar fragments together.

const TOKENS = [
  "userName", "emails", "emails.value", "name.familyName", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
  "__proto__", "constructor", "$ref", "eq", "EQ", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "and", "or", "not", "AND", "Not",
  "(", ")", "[", "]", ".", ":", '"', '"x"', '"a\\"b"', '"\\u00e9"', '"\\x"', "\\", "1", "-0", "1.5e3", "1e", "01", "true", "false", "null", "True",
  " ", "  ", "\t", "\n", "\u0000", "+", "&", "?", "%22", "é", "💥", "type", "value", "[type eq \"work\"]", "].value",
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((xs) => xs.join(""));
const spaced = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((xs) => xs.join(" "));
const random = fc.string({ unit: "binary", maxLength: 200 });
const input = fc.oneof(random, soup, spaced);

function outcome(run: () => unknown, scimTypes: readonly string[]): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof ScimError)) throw e;
    expect(e.status).toBe(400);
    expect(scimTypes).toContain(e.scimType);
    expect(e.detail).toMatch(/^Invalid (filter|path)( at position \d+)?:/);
  }
}

describe("fuzz", () => {
  const users = filterTestIndex().resourceType("User")!;

  it("parseFilter (strict and lenient) and compileFilter: an AST or a 400 ScimError, for 12,000 inputs", () => {
    fc.assert(
      fc.property(input, fc.boolean(), (text, lenient) => {
        outcome(() => {
          const ast = parseFilter(text, { lenient });
          compileFilter(ast, users);
        }, ["invalidFilter"]);
      }),
      { numRuns: 12_000 },
    );
  });

  it("parsePatchPath: a path or a 400 ScimError, for 10,000 inputs", () => {
    fc.assert(
      fc.property(input, (text) => outcome(() => parsePatchPath(text), ["invalidPath", "invalidFilter"])),
      { numRuns: 10_000 },
    );
  });

  it("stays linear: 10,000 characters of every shape parse or fail in milliseconds", () => {
    const shapes = [
      "(".repeat(10_000),
      "[".repeat(10_000),
      '"'.repeat(10_000),
      "\\".repeat(10_000),
      "a".repeat(10_000),
      "a.".repeat(5_000),
      "urn:".repeat(2_500),
      `userName eq "${"\\u0041".repeat(1_600)}"`,
      Array.from({ length: 400 }, (_, i) => `a${i} pr`).join(" and "),
      `${"not (".repeat(49)}a pr${")".repeat(49)}`,
    ];
    for (const text of shapes) {
      const start = performance.now();
      outcome(() => parseFilter(text), ["invalidFilter"]);
      outcome(() => parseFilter(text, { lenient: true }), ["invalidFilter"]);
      expect(performance.now() - start).toBeLessThan(250);
    }
  });

  it("does not let __proto__ anywhere change a prototype", () => {
    for (const text of ['__proto__ eq "x"', 'emails[__proto__ pr]', 'userName eq "__proto__"', 'x.__proto__ eq 1']) {
      outcome(() => parseFilter(text), ["invalidFilter"]);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe("limits", () => {
  it.each([
    [{ maxDepth: Number.NaN }, 51],
    [{ maxDepth: -3 }, 51],
    [{ maxDepth: 1e9 }, 1001], // hard ceiling: recursion never reaches the stack limit
    [{ maxDepth: 3 }, 4],
  ])("%j stops nesting at position %d", (options, position) => {
    const text = `${"(".repeat(1_500)}a pr${")".repeat(1_500)}`;
    expect(() => parseFilter(text, { ...options, maxLength: 10_000 })).toThrowError(new RegExp(`^Invalid filter at position ${position}: nesting is deeper`));
  });
});
