import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RowArena } from "../../src/runtime/stores/memory/arena.js";
import { arenaOps, replay } from "./arena-model.js";

// The memory store's byte arena: any sequence of add / set / remove reads back exactly what
// a Map would hold, and garbage from replaced or removed rows is reclaimed, so the chunks
// stay within 1.5 times the live rows (plus the active chunk) however many writes there were.

const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "grapheme", maxLength: 20 }), fc.string({ minLength: 500, maxLength: 3000 }));
const op = arenaOps(text);

describe("RowArena", () => {
  it.each([
    ["ASCII", '[1,"2026-01-01T00:00:00.000Z","2026-01-01T00:00:00.000Z",{"userName":"bjensen"}]'],
    ["empty", ""],
    ["multi-byte UTF-8", '{"displayName":"Zoë Ångström 日本 🙂"}'],
    ["lone surrogate as JSON escapes it", JSON.stringify("\ud800x")],
  ])("reads back %s text exactly", (_, t) => {
    const arena = new RowArena();
    const slot = arena.add(t);
    expect(arena.get(slot)).toBe(t);
  });

  it("finds a needle's bytes within one row only", () => {
    const arena = new RowArena();
    const a = arena.add('{"members":[{"value":"u-1"}]}');
    const b = arena.add('{"members":[{"value":"u-2"}]}');
    const needle = Buffer.from(JSON.stringify("u-1"));
    expect([arena.includes(a, needle), arena.includes(b, needle)]).toEqual([true, false]);
  });

  it("matches a Map model under any sequence of writes, and keeps garbage bounded", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const arena = new RowArena();
        const model = new Map<number, string>();
        for (const o of ops) {
          replay(arena, model, o);
          const { live, allocated } = arena.size;
          // Live bytes as stored: the common text is cut out of the rows that hold it once.
          const full = [...model.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
          expect(live).toBeLessThanOrEqual(full);
          // Every chunk but the active one is at least two thirds live; the active one (and
          // a spare one kept for reuse) is at most 1 MB, or one row's size.
          expect(allocated).toBeLessThanOrEqual(1.5 * live + 2 * Math.max(1 << 20, 2 * 3000 * 4));
        }
        for (const [slot, t] of model) expect(arena.get(slot)).toBe(t);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps a row larger than a chunk in a chunk of its own, and frees it when replaced", () => {
    const arena = new RowArena();
    const small = Array.from({ length: 100 }, (_, i) => arena.add(`row ${i}`));
    const big = "x".repeat(3 << 20); // 3 MB, past the 1 MB chunk size
    const slot = arena.add(big);
    const after = arena.add("after the big one");
    expect(arena.get(slot)).toBe(big);
    arena.set(slot, "small now");
    expect(arena.get(slot)).toBe("small now");
    expect(arena.get(after)).toBe("after the big one");
    small.forEach((s, i) => expect(arena.get(s)).toBe(`row ${i}`));
    expect(arena.size.allocated).toBeLessThan(3 << 20); // the 3 MB chunk is gone
  });

  it("rewriting 20,000 rows in a scattered order holds under 1.5 times their bytes", () => {
    const arena = new RowArena();
    const row = (i: number, v: number) => JSON.stringify({ id: `id-${i}`, userName: `user${i}`, version: v, pad: "x".repeat(200) });
    const slots = Array.from({ length: 20_000 }, (_, i) => arena.add(row(i, 0)));
    let worst = 0;
    for (let k = 0; k < 60_000; k++) {
      const i = (k * 7919) % 20_000;
      arena.set(slots[i]!, row(i, k));
      if (k % 1000 === 0) worst = Math.max(worst, arena.size.allocated - 1.5 * arena.size.live);
    }
    expect(worst).toBeLessThanOrEqual(2 << 20); // the active chunk and a spare one
  });

  it("rewriting 1,000 rows 50 times holds no more than a few times their bytes", () => {
    const arena = new RowArena();
    const row = (i: number, v: number) => JSON.stringify({ id: `id-${i}`, userName: `user${i}`, version: v, pad: "x".repeat(200) });
    const slots = Array.from({ length: 1000 }, (_, i) => arena.add(row(i, 0)));
    for (let v = 1; v <= 50; v++) slots.forEach((slot, i) => arena.set(slot, row(i, v)));
    const { live, allocated } = arena.size;
    expect(allocated).toBeLessThanOrEqual(1.5 * live + (2 << 20)); // + the active chunk and a spare one
    slots.forEach((slot, i) => expect(arena.get(slot)).toBe(row(i, 50)));
  });
});
