import fc from "fast-check";
import type { RowArena } from "../../src/runtime/stores/memory/arena.js";

// Random add / set / remove sequences for a RowArena, replayed against a Map model of what
// each slot must read back (memory-arena and memory-common-text tests).

export type ArenaOp = { kind: "add"; text: string } | { kind: "set"; pick: number; text: string } | { kind: "remove"; pick: number };

export function arenaOps(text: fc.Arbitrary<string>): fc.Arbitrary<ArenaOp> {
  return fc.oneof(
    fc.record({ kind: fc.constant("add" as const), text }),
    fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), text }),
    fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
  );
}

/** Applies `o` to the arena and to the model alike (set and remove pick a live slot). */
export function replay(arena: RowArena, model: Map<number, string>, o: ArenaOp): void {
  const slots = [...model.keys()];
  if (o.kind === "add") model.set(arena.add(o.text), o.text);
  else if (slots.length && o.kind === "set") {
    const slot = slots[o.pick % slots.length]!;
    arena.set(slot, o.text);
    model.set(slot, o.text);
  } else if (slots.length && o.kind === "remove") {
    const slot = slots[o.pick % slots.length]!;
    arena.remove(slot);
    model.delete(slot);
  }
}
