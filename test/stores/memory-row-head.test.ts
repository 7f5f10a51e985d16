import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RowArena } from "../../src/runtime/stores/memory/arena.js";
import { rowHead } from "../../src/runtime/stores/memory/row-head.js";

// A write reads the current row's version and creation time from its bytes (row-head.ts)
// instead of decoding it. Against JSON.parse of random rows: the reader answers what
// JSON.parse does or nothing (the caller decodes then), never something else, for any id
// (quotes, backslashes, non-ASCII, lone surrogates), version, creation time and data, for
// rows read in the middle of a buffer or cut short; and it answers for every row a store
// writes (a version up to 15 digits, an ISO timestamp). The arena answers for every row.

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const hostile = fc.constantFrom("", '"', "\\", '\\"', 'a"b', "a\\", "\\\\\"", "\u0000", "\n", "é", "\ud800", "\udc00", "\ud800\udc00", "😀", '",1,"x",', "k".repeat(300));
const idArb = fc.oneof(hostile, fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.uuid());
const iso = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
const plainVersion = fc.oneof(fc.nat(), fc.integer({ min: 0, max: 999_999_999_999_999 }));
const version = fc.oneof(plainVersion, fc.integer(), fc.double(), fc.constant(1e21), fc.maxSafeNat());
const created = fc.oneof(iso, fc.string({ unit: "binary" }), fc.constantFrom('"', "\\", "é", "\u007f", ""));
const lastModified = fc.oneof(fc.constant(0), iso);
const data = fc.oneof(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }), fc.record({ schemas: fc.constant([USER]), userName: fc.string({ unit: "binary" }) }));

type Row = [string, number, string, string | 0, unknown];
const row = (v: fc.Arbitrary<number>, c: fc.Arbitrary<string>) => fc.tuple(idArb, v, c, lastModified, data);
const parsed = (text: string) => {
  const [, v, c] = JSON.parse(text) as Row;
  return { version: v, created: c };
};

describe("row head", () => {
  it("is JSON.parse's version and creation time, or nothing", () => {
    fc.assert(
      fc.property(row(version, created), fc.uint8Array({ maxLength: 8 }), fc.uint8Array({ maxLength: 40 }), (r, before, after) => {
        const text = JSON.stringify(r);
        const bytes = Buffer.concat([before, Buffer.from(text, "utf8"), after]);
        const head = rowHead(bytes, before.length, bytes.length - after.length);
        if (head !== undefined) expect(head).toEqual(parsed(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("answers for every row a store writes", () => {
    fc.assert(
      fc.property(row(plainVersion, iso), fc.uint8Array({ maxLength: 40 }), (r, after) => {
        const text = JSON.stringify(r);
        const bytes = Buffer.concat([Buffer.from(text, "utf8"), after]);
        expect(rowHead(bytes, 0, bytes.length - after.length)).toEqual(parsed(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("a row cut short answers nothing or the truth, reading nothing past its end", () => {
    fc.assert(
      fc.property(row(version, created), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 40 }), (r, cut, after) => {
        const text = JSON.stringify(r);
        const whole = Buffer.from(text, "utf8");
        const end = cut % (whole.length + 1);
        const bytes = Buffer.concat([whole.subarray(0, end), after]);
        const head = rowHead(bytes, 0, end);
        if (head !== undefined) expect(head).toEqual(parsed(text));
      }),
      { numRuns: 3000 },
    );
  });

  it("the arena answers for its rows, common text cut out or not, decoding when it must", () => {
    fc.assert(
      fc.property(fc.array(row(version, created), { minLength: 1, maxLength: 20 }), (rows) => {
        const arena = new RowArena();
        const texts = rows.map((r) => JSON.stringify(r));
        const slots = texts.map((t) => arena.add(t));
        slots.forEach((slot, i) => {
          expect(arena.head(slot)).toEqual(parsed(texts[i]!));
        });
      }),
      { numRuns: 500 },
    );
  });
});
