import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RowOrder, type OrderCursor } from "../../src/runtime/stores/memory/row-order.js";

// The memory store's creation order, walked by live cursors while rows come and go: a
// cursor's next slot is always the first row still there that was created after the last
// row it yielded (so a deleted row is skipped, a created one is seen, nothing repeats),
// through the squeezes that drop removed rows' holes. Slots are reused as the arena
// reuses them, so a reused slot must not be mistaken for its earlier row.

type Op = { kind: "push" } | { kind: "remove"; pick: number; count: number } | { kind: "open" } | { kind: "step"; cursor: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: "push" as const }) },
  // Mostly one row, sometimes a run of them: enough holes for squeezes.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat(), count: fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.nat(150) }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "open" as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("step" as const), cursor: fc.nat() }) },
);

describe("RowOrder", () => {
  it("cursors yield exactly the model's next live row through pushes, removes and squeezes", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), fc.integer({ min: 0, max: 300 }), (ops, preload) => {
        const order = new RowOrder();
        const rows: { slot: number; created: number }[] = []; // live rows in creation order
        const free: number[] = [];
        let slots = 0;
        let created = 0;
        const cursors: { cursor: OrderCursor; last: number }[] = [];
        const push = () => {
          const slot = free.pop() ?? slots++;
          order.push(slot);
          rows.push({ slot, created: created++ });
        };
        for (let i = 0; i < preload; i++) push();
        for (const o of ops) {
          if (o.kind === "push") push();
          else if (o.kind === "remove" && rows.length) {
            for (const gone of rows.splice(o.pick % rows.length, o.count)) {
              order.remove(gone.slot);
              free.push(gone.slot);
            }
          } else if (o.kind === "open") cursors.push({ cursor: order.cursor(), last: -1 });
          else if (o.kind === "step" && cursors.length) {
            const c = cursors[o.cursor % cursors.length]!;
            const want = rows.find((r) => r.created > c.last);
            expect(c.cursor.next()).toBe(want ? want.slot : -1);
            if (want) c.last = want.created;
          }
          expect(order.size).toBe(rows.length);
          expect(order.positions).toBeLessThanOrEqual(2 * rows.length + 64);
        }
        const all: number[] = [];
        const c = order.cursor();
        for (let s = c.next(); s >= 0; s = c.next()) all.push(s);
        expect(all).toEqual(rows.map((r) => r.slot));
      }),
      { numRuns: 300 },
    );
  });

  it("a cursor resumes after the row it yielded last when a squeeze moves every row", () => {
    const order = new RowOrder();
    for (let s = 0; s < 1000; s++) order.push(s);
    const c = order.cursor();
    for (let i = 0; i < 500; i++) expect(c.next()).toBe(i);
    for (let s = 0; s < 1000; s += 2) order.remove(s);
    order.remove(501); // the 501st hole of 1000: squeezed
    for (let s = 0; s < 300; s += 2) order.push(s); // reused slots, created last
    order.remove(503); // found at its new position
    const rest: number[] = [];
    for (let s = c.next(); s >= 0; s = c.next()) rest.push(s);
    expect(rest).toEqual([...Array.from({ length: 248 }, (_, i) => 505 + 2 * i), ...Array.from({ length: 150 }, (_, i) => 2 * i)]);
  });
});
