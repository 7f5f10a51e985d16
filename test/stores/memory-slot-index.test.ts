import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashKey, SlotIndex } from "../../src/runtime/stores/memory/slot-index.js";

// The memory store's off-heap hash index answers exactly what a model multimap of
// (hash, slot) pairs holds, through growth, removals, tombstones, re-adds and rebuilds; its
// probes never walk more than half the table, and it never holds far more buckets than
// pairs. Hashes are drawn from a few values whose low bits collide, so probe chains cross
// each other and wrap around the table's end.

type Op = { kind: "add"; hash: number; slot: number } | { kind: "remove"; pick: number } | { kind: "removeMissing"; hash: number; slot: number };

const hash = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(-1, 15, 31, 0x7fffffff, -0x80000000, 1 << 20, (1 << 20) + 1));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("add" as const), hash, slot: fc.nat(300) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("removeMissing" as const), hash, slot: fc.nat(300) }) },
);

const pairKey = (h: number, s: number) => `${h}/${s}`;

describe("SlotIndex", () => {
  it("holds exactly the model's pairs under any adds and removes", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const ix = new SlotIndex();
        const model = new Map<string, [number, number]>();
        let peak = 0;
        for (const o of ops) {
          if (o.kind === "add") {
            if (model.has(pairKey(o.hash, o.slot))) continue; // the table never adds a pair twice
            ix.add(o.hash, o.slot);
            model.set(pairKey(o.hash, o.slot), [o.hash, o.slot]);
          } else if (o.kind === "remove") {
            if (!model.size) continue;
            const [h, s] = [...model.values()][o.pick % model.size]!;
            expect(ix.remove(h, s)).toBe(true);
            model.delete(pairKey(h, s));
          } else {
            expect(ix.remove(o.hash, o.slot)).toBe(model.delete(pairKey(o.hash, o.slot)));
          }
          peak = Math.max(peak, model.size);
          expect(ix.size).toBe(model.size);
          expect(ix.load).toBeLessThanOrEqual(0.5);
        }
        expect(ix.capacity).toBeLessThanOrEqual(Math.max(16, 8 * (peak + 1)));
        const byHash = new Map<number, number[]>();
        for (const [h, s] of model.values()) byHash.set(h, [...(byHash.get(h) ?? []), s]);
        for (const h of new Set([...byHash.keys(), 0, 7, -1, 99])) {
          const want = (byHash.get(h) ?? []).sort((a, b) => a - b);
          expect(ix.findAll(h, () => true).sort((a, b) => a - b)).toEqual(want);
          for (const s of want) expect(ix.find(h, (x) => x === s)).toBe(s);
          expect(ix.find(h, (x) => x === 1000)).toBe(-1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("asks `match` only about slots under the hash looked up", () => {
    const ix = new SlotIndex();
    for (let s = 0; s < 100; s++) ix.add(s % 4 === 0 ? 5 : 6 + s, s); // hash 5 shares its probe chain with others
    const asked: number[] = [];
    ix.find(5, (s) => (asked.push(s), false));
    expect(asked.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => 4 * i));
  });

  it("shrinks back after most pairs are removed", () => {
    const ix = new SlotIndex();
    for (let s = 0; s < 10_000; s++) ix.add(hashKey(`k${s}`), s);
    const big = ix.capacity;
    for (let s = 0; s < 10_000; s++) ix.remove(hashKey(`k${s}`), s);
    expect(ix.capacity).toBeLessThan(big / 8);
    for (let s = 0; s < 10; s++) ix.add(hashKey(`n${s}`), s);
    expect(ix.find(hashKey("n3"), (s) => s === 3)).toBe(3);
    expect(ix.capacity).toBeLessThan(big / 8);
  });
});

describe("hashKey", () => {
  it.each([
    ["", "\u0000"],
    ["a", "A"],
    ["\ud800", "\udc00"],
    ["\ud83d\ude00", "\ude00\ud83d"],
    ["__proto__", "constructor"],
    ["ab", "ba"],
  ])("tells %j from %j", (a, b) => {
    expect(hashKey(a)).not.toBe(hashKey(b));
    expect(hashKey(a)).toBe(hashKey(a));
  });

  it("spreads 100,000 UUIDs over the low bits a table uses", () => {
    const buckets = new Int32Array(1 << 16);
    for (let i = 0; i < 100_000; i++) buckets[hashKey(crypto.randomUUID()) & 0xffff]!++;
    expect(Math.max(...buckets)).toBeLessThan(16); // Poisson(1.5): a fair hash stays under ~10
  });
});
