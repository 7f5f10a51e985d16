// A string-keyed index that never deletes from its Map while in use. V8's Map keeps a
// deleted entry in its hash bucket's chain until the next rehash, so deleting and
// re-adding one key (a user PATCHed over and over keeps its userName; a userName freed and
// taken again) grows that bucket's chain by one entry per write: at 100k users each look-up
// walked thousands of dead entries (154 µs per write, measured). Here a freed key keeps its
// entry with an `undefined` value (re-setting it updates in place), and the Map is rebuilt
// once dead entries outnumber live ones, which keeps both memory and chains bounded at
// O(1) amortised per write.

export class KeyIndex<V> {
  private map = new Map<string, V | undefined>();
  private dead = 0;

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    const map = this.map;
    if (map.get(key) === undefined && map.has(key)) this.dead--;
    map.set(key, value);
  }

  delete(key: string): void {
    const map = this.map;
    if (map.get(key) === undefined) return;
    map.set(key, undefined);
    if (++this.dead > 1024 && this.dead * 2 > map.size) this.compact();
  }

  /** Live keys (tests and diagnostics). */
  get size(): number {
    return this.map.size - this.dead;
  }

  private compact(): void {
    const next = new Map<string, V | undefined>();
    for (const [key, value] of this.map) if (value !== undefined) next.set(key, value);
    this.map = next;
    this.dead = 0;
  }
}
