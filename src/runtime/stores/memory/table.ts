import type { ResourceData, StoredResource } from "../contract.js";
import { uniqueKey, uniqueRaw } from "../common/data.js";
import { notUnique } from "../common/errors.js";
import type { TypeRules, UniqueRule } from "../common/rules.js";
import type { RowSource } from "../common/list.js";
import { RowArena } from "./arena.js";
import { RowOrder } from "./row-order.js";
import { hashKey, SlotIndex } from "./slot-index.js";

// One tenant's resources of one type, with a hash index per unique attribute so that
// `userName eq "…"` (and any unique attribute eq) is an O(1) look-up, and uniqueness is
// checked without a scan (RFC 7643 §2.2 `uniqueness`). Rows are kept as JSON text in a
// RowArena and decoded on every read: each reader gets its own copy. Nothing per row is
// on V8's heap: the indexes hold (hash, slot) pairs in typed arrays and a candidate slot
// is confirmed against the row itself (its id starts its text; a unique value or
// externalId is read from its decoded data, which only a look-up that finds it pays for).

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

  constructor(readonly rules: TypeRules) {
    this.byUnique = rules.unique.map(() => new SlotIndex());
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

  /** Stores a new version of row `id` (`data`: a fresh top-level object with `id` set and no
   * `meta`, see ownCopy), replacing `previous` in place and in every index. The row returned
   * holds `data` itself: what is stored is the text, which no caller can reach. */
  put(id: string, version: number, created: string, lastModified: string, data: ResourceData, previous?: StoredResource): StoredResource {
    const { id: _, ...stored } = data;
    const text = JSON.stringify([id, version, created, lastModified === created ? 0 : lastModified, stored] satisfies RowText);
    const row: StoredResource = { id, resourceType: this.rules.name, version, created, lastModified, data };
    let slot = this.slotOf(id);
    if (slot < 0) {
      slot = this.arena.add(text);
      this.byId.add(hashKey(id), slot);
      this.order.push(slot);
    } else this.arena.set(slot, text);
    const { unique } = this.rules;
    for (let i = 0; i < unique.length; i++) {
      move(this.byUnique[i]!, slot, previous && keyOf(previous.data, unique[i]!), keyOf(data, unique[i]!));
    }
    move(this.byExternalId, slot, previous && externalIdOf(previous.data), externalIdOf(data));
    return row;
  }

  remove(row: StoredResource): void {
    const slot = this.slotOf(row.id);
    if (slot < 0) return;
    const { unique } = this.rules;
    for (let i = 0; i < unique.length; i++) move(this.byUnique[i]!, slot, keyOf(row.data, unique[i]!), undefined);
    move(this.byExternalId, slot, externalIdOf(row.data), undefined);
    this.byId.remove(hashKey(row.id), slot);
    this.order.remove(slot);
    this.arena.remove(slot);
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

/** Moves `slot` in `index` from key `before` to key `after` (undefined: none). */
function move(index: SlotIndex, slot: number, before: string | undefined, after: string | undefined): void {
  if (before === after) return;
  if (before !== undefined) index.remove(hashKey(before), slot);
  if (after !== undefined) index.add(hashKey(after), slot);
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
