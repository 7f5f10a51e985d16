// The memory store's rows as UTF-8 JSON in buffers outside V8's heap. Held as object
// graphs, 100k users were ~2M heap objects (66 MB live): every full GC marked them all, and
// garbage promoted between them fragmented old space until a server held 260–290 MB. Here
// a row is a slot number and its bytes live in a chunk; nothing per row is on the heap
// (the id and unique indexes are typed arrays of slots, see slot-index.ts).
//
// Rows are appended to the active chunk. Chunks have one size once the table is large
// (1 MB), so malloc reuses freed ones exactly instead of fragmenting, and no write ever
// copies the whole table. A replaced or removed row's bytes are garbage; a chunk whose
// live bytes fall under two thirds is evacuated (its rows rewritten into the active chunk)
// and freed, so at most about a third of any full chunk is garbage (with half, random
// rewrites of 100k users held 1.6 times their bytes; now 1.4, for ~0.5 µs more per write).

import { CommonText, CUT } from "./common-text.js";
import { decodedHead, rowHead, type RowHead } from "./row-head.js";
import { rowKey, rowKeyIs } from "./row-key.js";

const MIN_CHUNK = 4096;
const MAX_CHUNK = 1 << 20;

export class RowArena {
  private readonly chunks: (Buffer | undefined)[] = [];
  /** Live bytes per chunk. */
  private readonly chunkLive: number[] = [];
  private readonly freeChunks: number[] = [];
  /** A freed full-size chunk kept for the next one: a dropped Buffer's memory is returned
   * only when V8 collects it, so under write churn freed chunks piled up until a GC. */
  private spare: Buffer | undefined;
  private active = -1;
  private fill = 0;
  /** Per slot: its chunk, where its row starts there, and its length (-1: a free slot). */
  private chunkOf: Int32Array = new Int32Array(64);
  private starts: Int32Array = new Int32Array(64);
  private lengths: Int32Array = new Int32Array(64).fill(-1);
  /** Per slot: 1 when the common text was cut out of its row (see common-text.ts). */
  private cut: Uint8Array = new Uint8Array(64);
  private readonly common = new CommonText();
  private readonly freeSlots: number[] = [];
  private slots = 0;
  private live = 0;

  /** Stores `text` in a new slot and returns the slot. */
  add(text: string): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slots++;
      if (slot === this.lengths.length) this.growSlots();
    }
    this.write(slot, text);
    return slot;
  }

  /** Replaces the row in `slot`. */
  set(slot: number, text: string): void {
    const chunk = this.chunkOf[slot]!;
    const old = this.lengths[slot]!;
    this.write(slot, text);
    this.release(chunk, old); // after the write, so an evacuation of the old chunk skips this slot
  }

  get(slot: number): string {
    return this.restore(slot, this.stored(slot));
  }

  /** The row in `slot` as stored: its common text, if cut out, is the character U+0001
   * (a scan's prefilter reads this; see prefilter.ts). */
  stored(slot: number): string {
    const start = this.starts[slot]!;
    return this.chunks[this.chunkOf[slot]!]!.toString("utf8", start, start + this.lengths[slot]!);
  }

  /** The full text of the row in `slot`, given `stored`, its stored text. */
  restore(slot: number, stored: string): string {
    if (this.cut[slot] === 0) return stored;
    const at = stored.indexOf("\u0001"); // the row's only U+0001
    return stored.slice(0, at) + this.common.value + stored.slice(at + 1);
  }

  /** Whether the row in `slot` contains `needle`'s bytes, outside the common text cut out
   * of it (nothing is decoded). */
  includes(slot: number, needle: Buffer): boolean {
    const start = this.starts[slot]!;
    return this.chunks[this.chunkOf[slot]!]!.subarray(start, start + this.lengths[slot]!).includes(needle);
  }

  /** The key that starts the row in `slot` (see row-key.ts). */
  key(slot: number): string {
    const start = this.starts[slot]!;
    return rowKey(this.chunks[this.chunkOf[slot]!]!, start, start + this.lengths[slot]!);
  }

  /** The version and creation time that follow the key of the row in `slot`, read from
   * its bytes, or from its decoding when they are not plainly written (see row-head.ts). */
  head(slot: number): RowHead {
    const start = this.starts[slot]!;
    return rowHead(this.chunks[this.chunkOf[slot]!]!, start, start + this.lengths[slot]!) ?? decodedHead(this.get(slot));
  }

  /** Whether the row in `slot` starts with the key `key`; false for a free slot. */
  keyIs(slot: number, key: string): boolean {
    const start = this.starts[slot]!;
    const length = this.lengths[slot]!;
    return length >= 0 && rowKeyIs(this.chunks[this.chunkOf[slot]!]!, start, start + length, key);
  }

  remove(slot: number): void {
    const length = this.lengths[slot]!;
    this.lengths[slot] = -1;
    this.freeSlots.push(slot);
    this.release(this.chunkOf[slot]!, length);
  }

  /** Bytes of live rows as stored, and bytes allocated for chunks (diagnostics and tests). */
  get size(): { readonly live: number; readonly allocated: number } {
    let allocated = this.spare?.length ?? 0;
    for (const chunk of this.chunks) allocated += chunk?.length ?? 0;
    return { live: this.live, allocated };
  }

  /** Writes `text` into a new place for `slot`, with the common text cut out. */
  private write(slot: number, text: string): void {
    const length = Buffer.byteLength(text, "utf8");
    const at = this.common.cutAt(text);
    this.cut[slot] = at < 0 ? 0 : 1;
    if (at < 0) {
      this.place(slot, length).write(text, this.starts[slot]!, length, "utf8");
      return;
    }
    const chunk = this.place(slot, length - this.common.saved);
    const start = this.starts[slot]!;
    const before = chunk.write(text.slice(0, at), start, "utf8");
    chunk[start + before] = CUT;
    chunk.write(text.slice(at + this.common.value.length), start + before + 1, "utf8");
  }

  /** Reserves `length` bytes for `slot` in the active chunk and returns that chunk. */
  private place(slot: number, length: number): Buffer {
    if (this.active < 0 || this.fill + length > this.chunks[this.active]!.length) this.openChunk(length);
    const chunk = this.active;
    this.chunkOf[slot] = chunk;
    this.starts[slot] = this.fill;
    this.lengths[slot] = length;
    this.fill += length;
    this.chunkLive[chunk]! += length;
    this.live += length;
    return this.chunks[chunk]!;
  }

  /** Starts a new active chunk with room for `length` bytes: twice the last one, up to 1 MB
   * (a larger row gets a chunk of its own size). */
  private openChunk(length: number): void {
    const last = this.active < 0 ? 0 : this.chunks[this.active]!.length;
    const size = Math.max(length, Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, 2 * last)));
    const index = this.freeChunks.pop() ?? this.chunks.length;
    const reuse = this.spare?.length === size ? this.spare : undefined;
    this.spare = undefined;
    this.chunks[index] = reuse ?? Buffer.allocUnsafeSlow(size);
    this.chunkLive[index] = 0;
    this.active = index;
    this.fill = 0;
  }

  /** `length` bytes of chunk `chunk` became garbage. */
  private release(chunk: number, length: number): void {
    if (chunk < 0 || length < 0) return;
    this.chunkLive[chunk]! -= length;
    this.live -= length;
    if (chunk === this.active) return;
    const buffer = this.chunks[chunk]!;
    if (this.chunkLive[chunk]! * 3 < buffer.length * 2) this.evacuate(chunk);
  }

  /** Rewrites chunk `chunk`'s live rows into the active chunk and frees it. */
  private evacuate(chunk: number): void {
    const buffer = this.chunks[chunk]!;
    for (let slot = 0; slot < this.slots; slot++) {
      if (this.chunkOf[slot] !== chunk || this.lengths[slot]! < 0) continue;
      const start = this.starts[slot]!;
      const length = this.lengths[slot]!;
      this.live -= length;
      const target = this.place(slot, length);
      buffer.copy(target, this.starts[slot]!, start, start + length);
    }
    this.chunks[chunk] = undefined;
    this.chunkLive[chunk] = 0;
    this.freeChunks.push(chunk);
    if (buffer.length === MAX_CHUNK) this.spare = buffer;
  }

  private growSlots(): void {
    const grow = (a: Int32Array, fill: number): Int32Array => {
      const next = new Int32Array(a.length * 2).fill(fill);
      next.set(a);
      return next;
    };
    this.chunkOf = grow(this.chunkOf, 0);
    this.starts = grow(this.starts, 0);
    this.lengths = grow(this.lengths, -1);
    const cut = new Uint8Array(this.cut.length * 2);
    cut.set(this.cut);
    this.cut = cut;
  }
}
