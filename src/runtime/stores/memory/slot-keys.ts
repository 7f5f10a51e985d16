import type { SlotIndex } from "./slot-index.js";

// Per slot, the hash of the key a row is filed under in one index (a unique attribute's or
// externalId's), so that a write or delete moves the row's index entry without decoding the
// row it replaces: the old entry is the pair (stored hash, slot). Two typed arrays outside
// V8's heap, like the indexes themselves (slot-index.ts), grown with the arena's slots.
//
// Exact although only hashes are kept: a SlotIndex holds (hash, slot) pairs and every
// look-up confirms a candidate against the row, so a row is filed correctly as long as
// its index holds exactly the pair (hashKey(its key), its slot). Equal old and new hashes
// mean the pair is already there, even when two different keys collide.

export class SlotKeys {
  private hashes = new Int32Array(64);
  /** Per slot: 1 when the row is filed under hashes[slot], 0 when it has no key. */
  private filed = new Uint8Array(64);

  /** Files `slot` in `index` under `hash` (undefined: the row has no key), moving it from
   * the key it was filed under before. */
  move(index: SlotIndex, slot: number, hash: number | undefined): void {
    if (slot >= this.filed.length) this.grow(slot);
    const was = this.filed[slot] === 1;
    if (was && hash === this.hashes[slot]) return;
    if (was) index.remove(this.hashes[slot]!, slot);
    if (hash === undefined) {
      this.filed[slot] = 0;
      return;
    }
    index.add(hash, slot);
    this.hashes[slot] = hash;
    this.filed[slot] = 1;
  }

  /** The hash `slot` is filed under, or undefined (tests and diagnostics). */
  at(slot: number): number | undefined {
    return slot < this.filed.length && this.filed[slot] === 1 ? this.hashes[slot] : undefined;
  }

  /** Slots filed under some hash (tests and diagnostics). */
  get count(): number {
    let n = 0;
    for (const f of this.filed) n += f;
    return n;
  }

  private grow(slot: number): void {
    let size = this.filed.length;
    while (size <= slot) size *= 2;
    const hashes = new Int32Array(size);
    hashes.set(this.hashes);
    const filed = new Uint8Array(size);
    filed.set(this.filed);
    this.hashes = hashes;
    this.filed = filed;
  }
}
