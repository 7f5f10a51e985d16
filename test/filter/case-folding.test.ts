import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldEndsWith, foldEquals, foldIncludes, foldStartsWith } from "../../src/runtime/filter/evaluate/fold.js";

// The allocation-free case-insensitive tests agree with String#toLowerCase exactly,
// including the characters whose lower case is ASCII (U+212A KELVIN SIGN) or longer (U+0130).

// U+017F LATIN SMALL LETTER LONG S upper-cases to "S" but lower-cases to itself: a case
// folding that matched it against "s" would be wrong. "." and "*" probe regex escaping.
const chars = fc.constantFrom("a", "B", "k", "K", "s", "S", "\u017f", "\u212a", "\u0130", "i", "I", "\u0307", "é", "É", "ß", "1", "-", ".", "*", "Σ", "σ", "ς");
const str = fc.array(chars, { maxLength: 8 }).map((xs) => xs.join(""));

describe("ASCII case folding", () => {
  it.each([
    ["BJensen", "bjensen", true],
    ["bjensen", "bjensen", true],
    ["bjensenx", "bjensen", false],
    ["\u212aelvin", "kelvin", true],
    ["\u0130", "i\u0307", true],
  ])("foldEquals(%s, %s) = %s", (v, lit, want) => expect(foldEquals(lit)(v)).toBe(want));

  it.each([
    ["bjensen@Example.COM", "example.com", true],
    ["bjensen@examplexcom", "example.com", false],
    ["\u212aelvin", "kel", true],
    ["\u017fmith", "smith", false],
    ["a.*b", ".*", true],
    ["ab", ".*", false],
    ["x/y-[z]", "/y-[z]", true],
  ])("foldIncludes(%s, %s) = %s", (v, lit, want) => expect(foldIncludes(lit)(v)).toBe(want));

  it("agrees with toLowerCase for eq, sw, ew, co on generated strings", () => {
    fc.assert(
      fc.property(str, str, (v, raw) => {
        const lit = raw.toLowerCase();
        const lower = v.toLowerCase();
        expect(foldEquals(lit)(v)).toBe(lower === lit);
        expect(foldStartsWith(lit)(v)).toBe(lower.startsWith(lit));
        expect(foldEndsWith(lit)(v)).toBe(lower.endsWith(lit));
        expect(foldIncludes(lit)(v)).toBe(lower.includes(lit));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("no quadratic search", () => {
  it("a long literal against a long value stays linear", () => {
    const value = "a".repeat(1_000_000);
    const lit = `${"a".repeat(9_999)}b`;
    const start = performance.now();
    expect(foldIncludes(lit)(value)).toBe(false);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
