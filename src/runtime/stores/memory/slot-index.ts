// A hash index from keys to arena slots that holds no key and no JavaScript object: two
// Int32Arrays (a key's 32-bit hash and slot + 1 per bucket), outside V8's heap. As Maps of
// strings, the id map and the unique indexes of 100k users were ~24 MB of long-lived heap
// (3.7 MB backing stores in large-object space, 100k key strings each) that made V8 commit
// three times the old space it used.
//
// Keys are not stored: the caller confirms a candidate slot against the row it names (the
// row's id is in its text; a unique value is in its data). Several slots may share a hash
// (externalId is not unique, and 32-bit hashes collide), so this is a multimap of
// (hash, slot) pairs and every look-up filters candidates through the caller's `match`.
//
// Open addressing with linear probing. A removed pair leaves a tombstone so later probes
// walk past it, unless the next bucket is empty (then it and the tombstones before it
// become empty). Inserts reuse tombstones, and the table is rebuilt once used buckets
// (live + tombstones) pass half of it, so probe lengths stay bounded under any churn of
// removes and re-adds, unlike a V8 Map's chains (see the churn test).

const EMPTY = 0;
const TOMB = -1;
const MIN_BUCKETS = 16;

export class SlotIndex {
  private hashes = new Int32Array(MIN_BUCKETS);
  /** Per bucket: slot + 1, EMPTY or TOMB. */
  private slots = new Int32Array(MIN_BUCKETS);
  private live = 0;
  private tombs = 0;

  /** Pairs held (tests and diagnostics). */
  get size(): number {
    return this.live;
  }

  /** Buckets allocated (tests and diagnostics). */
  get capacity(): number {
    return this.slots.length;
  }

  /** Share of buckets a probe may have to walk past (pairs and tombstones): at most 1/2. */
  get load(): number {
    return (this.live + this.tombs) / this.slots.length;
  }

  add(hash: number, slot: number): void {
    if (2 * (this.live + this.tombs + 1) > this.slots.length) this.rebuild();
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i]! > 0) i = (i + 1) & mask;
    if (this.slots[i] === TOMB) this.tombs--;
    this.hashes[i] = hash;
    this.slots[i] = slot + 1;
    this.live++;
  }

  /** Removes the pair (hash, slot); false when it is not held. */
  remove(hash: number, slot: number): boolean {
    const mask = this.slots.length - 1;
    for (let i = hash & mask; this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      if (this.slots[i] !== slot + 1 || this.hashes[i] !== hash) continue;
      this.live--;
      if (this.slots.length > MIN_BUCKETS && 16 * this.live < this.slots.length) {
        this.slots[i] = TOMB; // skipped by the rebuild: most buckets are idle, give them back
        this.rebuild();
        return true;
      }
      if (this.slots[(i + 1) & mask] !== EMPTY) {
        this.slots[i] = TOMB;
        this.tombs++;
        return true;
      }
      // Nothing probes past an empty bucket: this one and the tombstones before it empty too.
      this.slots[i] = EMPTY;
      for (let j = (i - 1) & mask; this.slots[j] === TOMB; j = (j - 1) & mask) {
        this.slots[j] = EMPTY;
        this.tombs--;
      }
      return true;
    }
    return false;
  }

  /** The first slot under `hash` for which `match` holds, or -1. */
  find(hash: number, match: (slot: number) => boolean): number {
    const mask = this.slots.length - 1;
    for (let i = hash & mask; this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      const s = this.slots[i]!;
      if (s > 0 && this.hashes[i] === hash && match(s - 1)) return s - 1;
    }
    return -1;
  }

  /** Every slot under `hash` for which `match` holds, in no particular order. */
  findAll(hash: number, match: (slot: number) => boolean): number[] {
    const found: number[] = [];
    const mask = this.slots.length - 1;
    for (let i = hash & mask; this.slots[i] !== EMPTY; i = (i + 1) & mask) {
      const s = this.slots[i]!;
      if (s > 0 && this.hashes[i] === hash && match(s - 1)) found.push(s - 1);
    }
    return found;
  }

  /** Every (hash, slot) pair held, in bucket order (tests and diagnostics). */
  pairs(): [number, number][] {
    const pairs: [number, number][] = [];
    for (let b = 0; b < this.slots.length; b++) if (this.slots[b]! > 0) pairs.push([this.hashes[b]!, this.slots[b]! - 1]);
    return pairs;
  }

  /** Re-inserts the live pairs into a table filled to at most 3/8 (so the next rebuild is
   * far off): it doubles as pairs are added, and shrinks once under 1/16 is used. */
  private rebuild(): void {
    let size = MIN_BUCKETS;
    while (3 * size < 8 * (this.live + 1)) size *= 2;
    const { hashes, slots } = this;
    this.hashes = new Int32Array(size);
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (let b = 0; b < slots.length; b++) {
      if (slots[b]! <= 0) continue;
      let i = hashes[b]! & mask;
      while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
      this.hashes[i] = hashes[b]!;
      this.slots[i] = slots[b]!;
    }
    this.tombs = 0;
  }
}

const SEED = crypto.getRandomValues(new Int32Array(1))[0]!;

/** A 32-bit hash of every UTF-16 code unit of `key` (exact for lone surrogates), seeded
 * per process so that colliding keys cannot be prepared in advance. */
export function hashKey(key: string): number {
  let h = SEED ^ key.length;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
