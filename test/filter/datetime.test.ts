import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderTest } from "../../src/runtime/filter/evaluate/datetime.js";
import { parseDateTime } from "../../src/runtime/filter/index.js";

// xsd:dateTime (RFC 7643 §2.3.5) to instants.

describe("parseDateTime", () => {
  it.each<[string, number | undefined]>([
    ["2011-05-13T04:42:34Z", Date.UTC(2011, 4, 13, 4, 42, 34)],
    ["2011-05-13T06:42:34+02:00", Date.UTC(2011, 4, 13, 4, 42, 34)],
    ["2011-05-12T21:42:34-07:00", Date.UTC(2011, 4, 13, 4, 42, 34)],
    ["2011-05-13t04:42:34z", Date.UTC(2011, 4, 13, 4, 42, 34)],
    ["2011-05-13T04:42:34", Date.UTC(2011, 4, 13, 4, 42, 34)], // no offset: UTC
    ["2011-05-13T04:42:34.5Z", Date.UTC(2011, 4, 13, 4, 42, 34, 500)],
    ["2015-10-10T14:38:21.8617979-07:00", Date.UTC(2015, 9, 10, 21, 38, 21) + 861.7979],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["2023-02-29T00:00:00Z", undefined],
    ["1900-02-29T00:00:00Z", undefined],
    ["2000-02-29T00:00:00Z", Date.UTC(2000, 1, 29)],
    ["2011-13-13T04:42:34Z", undefined],
    ["2011-05-32T04:42:34Z", undefined],
    ["2011-05-13T24:00:00Z", undefined],
    ["2011-05-13 04:42:34Z", undefined],
    ["2011-05-13T04:42:34.Z", undefined],
    ["2011-05-13T04:42:34+0200", undefined],
    ["2011-05-13T04:42:34Zjunk", undefined],
    ["yesterday", undefined],
    ["2011-05-13T04:42:34+02:0", undefined],
    ["2011-05-13T04:42:34+0a:00", undefined],
    ["2011-05-13T04:42:34+02:00x", undefined],
    ["2011-05-13T04:42:34-", undefined],
    ["2a11-05-13T04:42:34Z", undefined],
    ["20/1-05-13T04:42:34Z", undefined],
    ["2011-05-13T04:4:34Z", undefined],
    ["0000-03-01T00:00:00Z", -62162035200000], // year 0 (proleptic Gregorian; Date.UTC would read 1900)
  ])("%s", (text, ms) => {
    expect(parseDateTime(text)).toBe(ms);
  });

  it("reads year 0001 as year 1, not 1901 (Microsoft sends 0001-01-03T00:00:00.0000000Z)", () => {
    const d = new Date(0);
    d.setUTCFullYear(1, 0, 3);
    expect(parseDateTime("0001-01-03T00:00:00.0000000Z")).toBe(d.getTime());
  });

  it("agrees with Date for every instant toISOString prints (years 1000-9999)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }), (d) => {
        expect(parseDateTime(d.toISOString())).toBe(d.getTime());
      }),
      { numRuns: 3000 },
    );
  });
});

/**
 * An independent reading of the same grammar (a regular expression and Date.UTC), to hold
 * the hand-written parser to: every accepted text, every rejected one, the same instant.
 */
const GRAMMAR = /^(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:[Zz]|([+-])(\d\d):(\d\d))?$/;
function reference(text: string): number | undefined {
  const m = GRAMMAR.exec(text);
  if (!m || text.length > 64) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d); // not Date.UTC: it reads years 0-99 as 19xx
  if (mo < 1 || mo > 12 || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  let fraction = 0;
  let scale = 100;
  for (const c of m[7] ?? "") {
    fraction += Number(c) * scale;
    scale /= 10;
  }
  const oh = Number(m[9] ?? 0), om = Number(m[10] ?? 0);
  if (oh > 23 || om > 59) return undefined;
  const offset = (m[8] === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
  return utc.getTime() + h * 3_600_000 + mi * 60_000 + s * 1000 + fraction - offset;
}

describe("parseDateTime against an independent reading of the grammar", () => {
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const text = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.option(fc.stringMatching(/^[0-9]{0,10}$/)),
      fc.constantFrom("", "Z", "z", "+02:00", "-07:00", "+23:59", "-24:00", "+05:3", "+0530", "+05:60", "+ab:00", "x"),
      fc.array(fc.tuple(fc.nat(30), fc.constantFrom(..."0123456789-:TtZz+./ a", "\u0660", "\uff10")), { maxLength: 2 }),
    )
    .map(([y, mo, d, h, mi, s, fraction, offset, edits]) => {
      let t = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${fraction === null ? "" : `.${fraction}`}${offset}`;
      for (const [at, c] of edits) if (at < t.length) t = t.slice(0, at) + c + t.slice(at + 1);
      return t;
    });

  it("accepts and rejects the same texts, with the same instant", () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 30 })), (t) => {
        const want = reference(t);
        const got = parseDateTime(t);
        if (want === undefined || got === undefined) expect(got).toBe(want);
        else expect(Math.abs(got - want)).toBeLessThan(1e-6); // the reference sums in another order
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("orderTest: text order for canonical UTC values agrees with parsing", () => {
  const SIGNS = { gt: (c: number) => c > 0, ge: (c: number) => c >= 0, lt: (c: number) => c < 0, le: (c: number) => c <= 0 };
  const byParsing = (holds: (c: number) => boolean, t: number) => (v: unknown) => {
    const x = parseDateTime(v);
    return x !== undefined && holds(x - t);
  };
  // toISOString text cut to 0-9 fraction digits (0-3 take the text path, longer ones must not).
  const iso = (ms: number, digits: number) => {
    const s = new Date(ms).toISOString();
    return digits === 0 ? `${s.slice(0, 19)}Z` : `${s.slice(0, 20)}${`${s.slice(20, 23)}123456`.slice(0, digits)}Z`;
  };
  const instant = fc.integer({ min: -62_167_219_200_000 + 86_400_000, max: Date.UTC(9999, 11, 30) }); // 0000-01-02 .. 9999-12-30
  const near = (ms: number) => fc.constantFrom(0, 1, -1, 999, 1000, -1000, 60_000, 86_400_000, -86_400_000, 7_200_000).map((d) => ms + d);
  // A stored value: a near instant in some form, case variant, offset, or one character changed.
  const stored = (ms: number) =>
    fc.oneof(
      fc.tuple(near(ms), fc.integer({ min: 0, max: 9 })).map(([m, d]) => iso(m, d)),
      fc.tuple(near(ms), fc.constantFrom("+02:00", "-07:00", "+00:00")).map(([m, o]) => `${new Date(m + (o === "+02:00" ? 7_200_000 : o === "-07:00" ? -25_200_000 : 0)).toISOString().slice(0, 23)}${o}`),
      fc.tuple(near(ms), fc.integer({ min: 0, max: 3 })).map(([m, d]) => iso(m, d).replace("T", "t")),
      fc.tuple(near(ms), fc.integer({ min: 0, max: 3 })).map(([m, d]) => iso(m, d).replace("Z", "z")),
      fc.tuple(near(ms), fc.integer({ min: 0, max: 3 }), fc.nat(23), fc.constantFrom(..."0123456789:-.TZ /")).map(([m, d, at, c]) => {
        const s = iso(m, d);
        return s.slice(0, at) + c + s.slice(at + 1);
      }),
      fc.constantFrom(null, 42, "", "2011-05-13T04:42:34.Z", "9999-99-99T99:99:99Z"),
    );
  const literal = fc.tuple(instant, fc.integer({ min: 0, max: 9 }), fc.boolean()).map(([ms, d, lower]) => {
    const s = iso(ms, d);
    return { ms, text: lower ? s.replace("T", "t") : s };
  });

  it("gt, ge, lt and le answer as the parsing test does", () => {
    fc.assert(
      fc.property(literal.chain((l) => fc.tuple(fc.constant(l), fc.array(stored(l.ms), { minLength: 1, maxLength: 8 }))), ([l, values]) => {
        const t = parseDateTime(l.text)!;
        for (const holds of Object.values(SIGNS)) {
          const fast = orderTest(holds, t, l.text);
          const slow = byParsing(holds, t);
          for (const v of values) expect(fast(v)).toBe(slow(v));
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it.each<[string, string, keyof typeof SIGNS, boolean]>([
    ["2011-05-13T04:42:34Z", "2011-05-13T04:42:34Z", "ge", true],
    ["2011-05-13T04:42:34Z", "2011-05-13T04:42:34Z", "gt", false],
    ["2011-05-13T04:42:34Z", "2011-05-13t04:42:35Z", "le", false],
    ["2011-05-13T04:42:34Z", "2011-05-13t04:42:33Z", "lt", true], // "t" sorts after "T": parsed, not text-ordered
    ["2011-05-13T04:42:34.123Z", "2011-05-13T04:42:34.124Z", "gt", true],
    ["2011-05-13T04:42:34.123Z", "2011-02-30T04:42:34.124Z", "lt", false], // invalid: text order says less, parsing says no value
    ["2011-05-13T04:42:34.1234567Z", "2011-05-13T04:42:34.1234568Z", "le", true], // one instant in double precision
  ])("%s vs stored %s %s: %s", (lit, v, op, want) => {
    expect(orderTest(SIGNS[op], parseDateTime(lit)!, lit)(v)).toBe(want);
  });
});
