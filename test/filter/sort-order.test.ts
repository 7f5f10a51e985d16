import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AttributeModel } from "../../src/runtime/manifest/model.js";
import { compareAttributeValues, compareSortableValues, sortableValue } from "../../src/runtime/filter/index.js";
import { foldCompare } from "../../src/runtime/filter/evaluate/compare.js";
import { generateUsers } from "./generate.js";
import { filterTestIndex, TEST_EXT } from "./test-manifest.js";

// sortBy order without lower-cased copies (foldCompare) and with values typed once per row
// (sortableValue + compareSortableValues) is exactly the order of lower-casing and typing
// on every comparison.

const users = filterTestIndex().resourceType("User")!;
const attr = (path: string): AttributeModel => {
  const r = users.resolve(path)!;
  return r.subAttribute ?? r.attribute;
};
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const reference = (a: string, b: string): number => {
  const x = a.toLowerCase(), y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

// U+0130 lower-cases to two code units, Σ to σ or ς by what follows, U+212A to ASCII "k".
const chars = fc.constantFrom("a", "A", "b", "Z", "k", "K", "\u212a", "\u0130", "i", "\u0307", "Σ", "σ", "ς", "é", "É", "@", "_", "0", "\uffff");
const str = fc.array(chars, { maxLength: 6 }).map((xs) => xs.join(""));

describe("foldCompare", () => {
  it.each([
    ["alice", "Bob", -1],
    ["BOB", "bob", 0],
    ["a", "A\u0307", -1],
    ["AΣ", "aσ", -1], // final sigma: "aς" (U+03C2) < "aσ" (U+03C3)
    ["AΣB", "aσb", 0], // not final: σ
    ["\u212aa", "kA", 0],
    ["ab", "a", 1],
  ])("%s vs %s -> %d", (a, b, want) => {
    expect(foldCompare(a, b)).toBe(want);
    expect(foldCompare(b, a)).toBe(-want || 0);
  });

  it("orders as toLowerCase on generated strings", () => {
    fc.assert(
      fc.property(str, str, (a, b) => {
        expect(sign(foldCompare(a, b))).toBe(reference(a, b));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("sortableValue + compareSortableValues order as compareAttributeValues", () => {
  const PATHS = ["userName", "externalId", "emails", "emails.value", "meta.lastModified", "active", "name.familyName", `${TEST_EXT}:level`, `${TEST_EXT}:score`, `${TEST_EXT}:hiredAt`, `${TEST_EXT}:tags`, `${TEST_EXT}:code`];
  const rows = [...generateUsers(150, 9), {}, { userName: "" }, { userName: 5 }, { meta: { lastModified: "not a date" } }, { emails: [] }];
  const read = (row: Record<string, unknown>, path: string): unknown => {
    const r = users.resolve(path)!;
    let v: unknown = r.extension ? (row[r.schema] as Record<string, unknown> | undefined)?.[r.attribute.name] : row[r.attribute.name];
    if (r.subAttribute) v = Array.isArray(v) ? v.map((e) => (e as Record<string, unknown>)?.[r.subAttribute!.name]) : (v as Record<string, unknown> | undefined)?.[r.subAttribute.name];
    return v;
  };

  it.each(PATHS)("%s", (path) => {
    const a = attr(path);
    const values = rows.map((row) => read(row, path));
    const keys = values.map((v) => sortableValue(v, a));
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j += 7) {
        const want = sign(compareAttributeValues(values[i], values[j], a));
        expect([path, i, j, sign(compareSortableValues(keys[i], keys[j]))]).toEqual([path, i, j, want]);
      }
    }
  });
});
