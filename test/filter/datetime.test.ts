import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
