import type { ResourceData, StoredResource } from "../contract.js";
import { uniqueKey, uniqueRaw } from "../common/data.js";
import { notUnique } from "../common/errors.js";
import type { TypeRules, UniqueRule } from "../common/rules.js";
import type { RowSource } from "../common/list.js";
import { RowArena } from "./arena.js";
import type { RowHead } from "./row-head.js";
import { RowOrder } from "./row-order.js";
import { hashKey, SlotIndex } from "./slot-index.js";
import { SlotKeys } from "./slot-keys.js";

// One tenant's resources of one type, with a hash index per unique attribute so that
// `userName eq "…"` (and any unique attribute eq) is an O(1) look-up, and uniqueness is
// checked without a scan (RFC 7643 §2.2 `uniqueness`). Rows are kept as JSON text in a
// RowArena and decoded on every read: each reader gets its own copy. Nothing per row is
// on V8's heap: the indexes hold (hash, slot) pairs in typed arrays and a candidate slot
// is confirmed against the row itself (its id starts its text; a unique value or
// externalId is read from its decoded data, which only a look-up that finds it pays for).
// A write decodes nothing it replaces: it moves the row's index entries from the hashes
// the row was filed under (slot-keys.ts) and the store reads the current version and
// creation time from the row's first bytes (row-head.ts).

/** What a row is stored as: `[id, version, created, lastModified or 0 when it equals
 * created, data without its id]` (data.id is put back, last, on decode). */
type RowText = [string, number, string, string | 0, ResourceData];

export class Table {
  private readonly arena = new RowArena();
  /** hashKey(id) -> slot. */
  private readonly byId = new SlotIndex();
  /** Creation order: the default list order. */
  private readonly order = new RowOrder();
  /** Per unique attribute: hashKey(uniqueKey(rule, value)) -> slot. */
  private readonly byUnique: SlotIndex[];
  /** hashKey(externalId) -> the slots holding it: externalId is not unique (RFC 7643 §3.1);
   * Entra and Okta look resources up by it. */
  private readonly byExternalId = new SlotIndex();

  /** Per slot, the hash each index files the row under (see slot-keys.ts). */
  private readonly uniqueFiled: SlotKeys[];
  private readonly externalIdFiled = new SlotKeys();

  constructor(readonly rules: TypeRules) {
    this.byUnique = rules.unique.map(() => new SlotIndex());
    this.uniqueFiled = rules.unique.map(() => new SlotKeys());
  }

  /** 409 `uniqueness` when `data` repeats a unique value held by a row other than `id`. */
  checkUnique(data: ResourceData, id: string): void {
    const own = this.slotOf(id);
    const { unique } = this.rules;
    for (let i = 0; i < unique.length; i++) {
      const rule = unique[i]!;
      const key = keyOf(data, rule);
      if (key === undefined) continue;
      // The row's own slot needs no decoding: whatever it holds, it is not another row.
      const owner = this.byUnique[i]!.find(hashKey(key), (s) => s !== own && keyOf(this.dataAt(s), rule) === key);
      if (owner >= 0) throw notUnique(this.rules.name, rule, uniqueRaw(data, rule)!);
    }
  }

  /** Row `id`, decoded; undefined when there is none, or when `worth` rejects its stored
   * text (see RowArena.stored). */
  get(id: string, worth?: (text: string) => boolean): StoredResource | undefined {
    const slot = this.slotOf(id);
    return slot < 0 ? undefined : this.read(slot, worth);
  }

  has(id: string): boolean {
    return this.slotOf(id) >= 0;
  }

  /** Every id, in creation order, read live (see scan): replacing a row keeps its place. */
  *ids(): IterableIterator<string> {
    const cursor = this.order.cursor();
    for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) yield this.arena.key(slot);
  }

  /** Every row in creation order through a live cursor, for a sliced scan: a row deleted
   * before the scan reaches it is skipped, one created meanwhile may be seen or not, and no
   * array of every id is made per scan (at 100k users, four concurrent scans held 21 MB). */
  scan(worth?: (text: string) => boolean): RowSource {
    const order = this.order;
    let cursor = order.cursor();
    let next = 0; // the index `cursor` yields next
    return {
      length: order.size,
      at: (index) => {
        if (index < next) {
          cursor = order.cursor();
          next = 0;
        }
        let slot = -1;
        for (; next <= index; next++) if ((slot = cursor.next()) < 0) return undefined;
        return this.read(slot, worth);
      },
    };
  }

  /** Ids of the rows whose stored bytes hold `needle` (a reference's JSON text), in
   * creation order; the others are skipped undecoded. */
  idsHolding(needle: Buffer): string[] {
    const ids: string[] = [];
    const cursor = this.order.cursor();
    for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) if (this.arena.includes(slot, needle)) ids.push(this.arena.key(slot));
    return ids;
  }

  /** Version and creation time of row `id`, read without decoding its data (see
   * row-head.ts); undefined when there is none. */
  head(id: string): RowHead | undefined {
    const slot = this.slotOf(id);
    return slot < 0 ? undefined : this.arena.head(slot);
  }

  /** Stores a version of row `id`, new or in place of the current one, and files it in
   * every index (moved from the keys the current one was filed under, see slot-keys.ts).
   * `data` is a fresh, unfrozen top-level object whose last property is `id` (ownCopy's):
   * it is stored without its id, and the row returned holds `data` itself (what is stored
   * is the text, which no caller can reach). */
  put(id: string, version: number, created: string, lastModified: string, data: ResourceData): StoredResource {
    // The id is the last property ownCopy added, so V8 drops it by going back to the
    // object's previous shape and re-adds it along the same transition: no second copy.
    delete data.id;
    const text = JSON.stringify([id, version, created, lastModified === created ? 0 : lastModified, data] satisfies RowText);
    data.id = id;
    const row: StoredResource = { id, resourceType: this.rules.name, version, created, lastModified, data };
    let slot = this.slotOf(id);
    if (slot < 0) {
      slot = this.arena.add(text);
      this.byId.add(hashKey(id), slot);
      this.order.push(slot);
    } else this.arena.set(slot, text);
    const { unique } = this.rules;
    for (let i = 0; i < unique.length; i++) this.uniqueFiled[i]!.move(this.byUnique[i]!, slot, hashOf(keyOf(data, unique[i]!)));
    this.externalIdFiled.move(this.byExternalId, slot, hashOf(externalIdOf(data)));
    return row;
  }

  /** Removes row `id` from the table and every index, undecoded; false when there is none. */
  remove(id: string): boolean {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    for (let i = 0; i < this.byUnique.length; i++) this.uniqueFiled[i]!.move(this.byUnique[i]!, slot, undefined);
    this.externalIdFiled.move(this.byExternalId, slot, undefined);
    this.byId.remove(hashKey(id), slot);
    this.order.remove(slot);
    this.arena.remove(slot);
    return true;
  }

  /** The row holding normalised key `key` (see uniqueKey) for unique attribute `rule`. */
  findUniqueKey(rule: UniqueRule, key: string): StoredResource | undefined {
    const i = this.rules.unique.indexOf(rule);
    if (i < 0) return undefined;
    let found: StoredResource | undefined;
    this.byUnique[i]!.find(hashKey(key), (s) => {
      const row = this.decode(this.arena.get(s));
      if (keyOf(row.data, rule) === key) found = row;
      return found !== undefined;
    });
    return found;
  }

  /** The rows holding `externalId` (case-exact), decoded, in no particular order: at most a
   * few (the look-up decodes each candidate to confirm it, and returns that decoding). */
  findExternalId(externalId: string): StoredResource[] {
    const rows: StoredResource[] = [];
    this.byExternalId.findAll(hashKey(externalId), (s) => {
      const row = this.decode(this.arena.get(s));
      return externalIdOf(row.data) === externalId && rows.push(row) > 0;
    });
    return rows;
  }

  /** Every index's (hash, slot) pairs, sorted, and the pairs the rows are filed under
   * (slot-keys.ts), with each live row's slot (tests: they must agree). */
  get indexPairs(): IndexPairs {
    const slots = new Map<string, number>();
    const cursor = this.order.cursor();
    for (let slot = cursor.next(); slot >= 0; slot = cursor.next()) slots.set(this.arena.key(slot), slot);
    const filed = (keys: SlotKeys) => sortPairs([...slots.values()].flatMap((s): Pairs => (keys.at(s) === undefined ? [] : [[keys.at(s)!, s]])));
    return {
      slots,
      ids: sortPairs(this.byId.pairs()),
      unique: this.byUnique.map((x) => sortPairs(x.pairs())),
      externalIds: sortPairs(this.byExternalId.pairs()),
      filedUnique: this.uniqueFiled.map(filed),
      filedExternalIds: filed(this.externalIdFiled),
      filedCount: this.uniqueFiled.reduce((n, k) => n + k.count, this.externalIdFiled.count),
    };
  }

  /** Index sizes (tests and diagnostics). */
  get indexSizes(): { readonly ids: number; readonly unique: readonly number[]; readonly externalIds: number } {
    return { ids: this.byId.size, unique: this.byUnique.map((x) => x.size), externalIds: this.byExternalId.size };
  }

  private slotOf(id: string): number {
    return this.byId.find(hashKey(id), (s) => this.arena.keyIs(s, id));
  }

  /** The row in `slot`, decoded unless `worth` rejects its stored text (rejected rows are
   * most of a selective scan: they are neither restored nor parsed). */
  private read(slot: number, worth?: (text: string) => boolean): StoredResource | undefined {
    const stored = this.arena.stored(slot);
    return worth && !worth(stored) ? undefined : this.decode(this.arena.restore(slot, stored));
  }

  private dataAt(slot: number): ResourceData {
    return (JSON.parse(this.arena.get(slot)) as RowText)[4];
  }

  private decode(text: string): StoredResource {
    const [id, version, created, lastModified, data] = JSON.parse(text) as RowText;
    data.id = id;
    return { id, resourceType: this.rules.name, version, created, lastModified: lastModified === 0 ? created : lastModified, data };
  }
}

const hashOf = (key: string | undefined): number | undefined => (key === undefined ? undefined : hashKey(key));

function sortPairs(pairs: Pairs): Pairs {
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

type Pairs = [number, number][];

/** filedCount: slots filed under some hash, live or not (a freed slot is under none). */
export interface IndexPairs {
  readonly slots: ReadonlyMap<string, number>;
  readonly ids: Pairs;
  readonly unique: Pairs[];
  readonly externalIds: Pairs;
  readonly filedUnique: Pairs[];
  readonly filedExternalIds: Pairs;
  readonly filedCount: number;
}

/** The index key of `data`'s value for unique attribute `rule` (lower-cased unless
 * caseExact; strings, numbers and booleans never collide). */
function keyOf(data: ResourceData, rule: UniqueRule): string | undefined {
  const raw = uniqueRaw(data, rule);
  return raw === undefined ? undefined : uniqueKey(rule, raw);
}

function externalIdOf(data: ResourceData): string | undefined {
  const v = data.externalId;
  return typeof v === "string" ? v : undefined;
}
