import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldEndsWith, foldEquals, foldIncludes, foldStartsWith } from "../../src/runtime/filter/evaluate/fold.js";

// The allocation-free case-insensitive tests agree with String#toLowerCase exactly,
// including the characters whose lower case is ASCII (U+212A KELVIN SIGN) or longer (U+0130).

// U+017F LATIN SMALL LETTER LONG S upper-cases to "S" but lower-cases to itself: a case
// folding that matched it against "s" would be wrong. "." and "*" probe regex escaping.
const chars = fc.constantFrom("a", "B", "k", "K", "s", "S", "\u017f", "\u212a", "\u0130", "i", "I", "\u0307", "é", "É", "ß", "1", "-", ".", "*", "Σ", "σ", "ς");
const str = fc.array(chars, { maxLength: 8 }).map((xs) => xs.join(""));

function agreesWithLowerCase(v: string, raw: string): void {
  const lit = raw.toLowerCase();
  const lower = v.toLowerCase();
  expect(foldEquals(lit)(v)).toBe(lower === lit);
  expect(foldStartsWith(lit)(v)).toBe(lower.startsWith(lit));
  expect(foldEndsWith(lit)(v)).toBe(lower.endsWith(lit));
  expect(foldIncludes(lit)(v)).toBe(lower.includes(lit));
}

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
    ["\u212aey@example.com", "key", true],
    ["\u0130 bjensen@Example.com", "example.com", true],
    ["\u0130 bjensen@example.org", "example.com", false],
    ["x\u0130", "xi", true],
    ["a|b", "a|b", true],
    ["ab", "a|b", false],
    ["anything", "", true],
  ])("foldIncludes(%s, %s) = %s", (v, lit, want) => expect(foldIncludes(lit)(v)).toBe(want));

  it.each([
    ["\u0130ab", "ab", true],
    ["x\u0130", "xi", false],
    ["\u212a", "k", true],
    ["a\u212a", "ak", true],
    ["\u0130", "ab", false],
    ["zo\u00eb", "oe", false],
  ])("foldEndsWith(%s, %s) = %s", (v, lit, want) => expect(foldEndsWith(lit)(v)).toBe(want));

  it.each([
    ["\u0130", "i", true],
    ["\u0130", "ix", false],
    ["\u212a", "k", true],
  ])("foldStartsWith(%s, %s) = %s", (v, lit, want) => expect(foldStartsWith(lit)(v)).toBe(want));

  // foldAt ORs 0x20 into a unit only where the literal has a letter: these pairs differ by
  // exactly that bit but are not letters, so neither may stand for the other.
  it.each(["@`", "[{", "\\|", "]}", "^~", "_\u007f", "Aa"])("only letters fold: %s", (pair) => {
    const [a, b] = [pair[0]!, pair[1]!];
    const letters = a.toLowerCase() === b;
    for (const [v, lit] of [[a, b], [b, a], [`x${a}y`, `x${b}y`], [`x${b}y`, `x${a}y`]] as const) {
      if (lit !== lit.toLowerCase()) continue;
      agreesWithLowerCase(v, lit);
      expect(foldEquals(lit)(v)).toBe(letters && v.toLowerCase() === lit);
    }
  });

  // An exact-case hit is answered by identity with the literal as a property key would
  // hold it: index-like and Object.prototype names included, values from JSON.parse too.
  it.each([
    ["123", "123", true],
    ["0", "0", true],
    ["__PROTO__", "__proto__", true],
    ["__proto__", "__proto__", true],
    ["constructor", "constructor", true],
    ["toString", "tostring", true],
    ["124", "123", false],
    ["__proto_", "__proto__", false],
  ])("foldEquals(%s, %s) = %s, the value also coming from JSON.parse", (v, lit, want) => {
    const parsed = (JSON.parse(JSON.stringify({ v })) as { v: string }).v;
    expect(foldEquals(lit)(v)).toBe(want);
    expect(foldEquals(lit)(parsed)).toBe(want);
    expect(foldEquals(lit)(lit)).toBe(true);
  });

  it.each([
    ["\u0130 abc", "abc", true],
    ["\u0130 abd", "abc", false],
    ["\u212a abc", "bc", true],
    ["x\u212a", "xk", true],
    ["\u212ax", "kx", true],
    ["abc \u212a", "abc", true],
    ["ab\u212a", "abc", false],
  ])("foldIncludes with İ or K before, inside or after the literal (%s, %s) = %s", (v, lit, want) => {
    expect(foldIncludes(lit)(v)).toBe(want);
  });

  it("one compiled test gives the same answers over a sequence of values (no state kept between calls)", () => {
    fc.assert(
      fc.property(str, fc.array(str, { minLength: 2, maxLength: 12 }), (raw, values) => {
        const lit = raw.toLowerCase();
        const tests = [foldEquals(lit), foldStartsWith(lit), foldEndsWith(lit), foldIncludes(lit)];
        for (const v of values) {
          const lower = v.toLowerCase();
          expect(tests.map((t) => t(v))).toEqual([lower === lit, lower.startsWith(lit), lower.endsWith(lit), lower.includes(lit)]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("only U+0130 and U+212A lower-case to something containing ASCII, and only U+0130 changes length", () => {
    const toAscii: number[] = [];
    const longer: number[] = [];
    for (let c = 0x80; c <= 0x10ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCodePoint(c);
      const l = s.toLowerCase();
      if (l.length !== s.length) longer.push(c);
      for (let i = 0; i < l.length; i++) if (l.charCodeAt(i) < 0x80) toAscii.push(c);
    }
    expect([...new Set(toAscii)]).toEqual([0x130, 0x212a]);
    expect(longer).toEqual([0x130]);
  });

  it("agrees with toLowerCase for eq, sw, ew, co on generated strings", () => {
    fc.assert(fc.property(str, str, agreesWithLowerCase), { numRuns: 5000 });
  });

  it("agrees with toLowerCase on longer values: e-mail-like text with the odd special character", () => {
    const part = fc.constantFrom("bjensen", "@", "example", ".", "com", "Example", "COM", "k", "i", "\u212a", "\u0130", "\u0307", "ß", "Zoë", "");
    const text = fc.array(part, { maxLength: 8 }).map((xs) => xs.join(""));
    fc.assert(fc.property(text, text, agreesWithLowerCase), { numRuns: 5000 });
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
