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
