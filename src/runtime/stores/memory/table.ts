import type { ResourceData, StoredResource } from "../contract.js";
import { uniqueKey, uniqueRaw } from "../common/data.js";
import { notUnique } from "../common/errors.js";
import type { TypeRules, UniqueRule } from "../common/rules.js";

// One tenant's resources of one type, with a hash index per unique attribute so that
// `userName eq "…"` (and any unique attribute eq) is an O(1) look-up, and uniqueness is
// checked without a scan (RFC 7643 §2.2 `uniqueness`).

export class Table {
  /** Insertion order is creation order: the default list order. */
  readonly rows = new Map<string, StoredResource>();
  private readonly indexes: Map<string, string>[];

  constructor(readonly rules: TypeRules) {
    this.indexes = rules.unique.map(() => new Map<string, string>());
  }

  /** 409 `uniqueness` when `data` repeats a unique value held by a row other than `id`. */
  checkUnique(data: ResourceData, id: string): void {
    const { unique } = this.rules;
    for (let i = 0; i < unique.length; i++) {
      const rule = unique[i]!;
      const raw = uniqueRaw(data, rule);
      if (raw === undefined) continue;
      const owner = this.indexes[i]!.get(uniqueKey(rule, raw));
      if (owner !== undefined && owner !== id) throw notUnique(this.rules.name, rule, raw);
    }
  }

  /** Stores `row`, replacing `previous` (same id) in place and in every index. */
  put(row: StoredResource, previous?: StoredResource): void {
    if (previous) this.unindex(previous);
    this.rows.set(row.id, row);
    const { unique } = this.rules;
    for (let i = 0; i < unique.length; i++) {
      const raw = uniqueRaw(row.data, unique[i]!);
      if (raw !== undefined) this.indexes[i]!.set(uniqueKey(unique[i]!, raw), row.id);
    }
  }

  remove(row: StoredResource): void {
    this.unindex(row);
    this.rows.delete(row.id);
  }

  /** The row holding normalised key `key` (see uniqueKey) for unique attribute `rule`. */
  findUniqueKey(rule: UniqueRule, key: string): StoredResource | undefined {
    const i = this.rules.unique.indexOf(rule);
    const id = i < 0 ? undefined : this.indexes[i]!.get(key);
    return id === undefined ? undefined : this.rows.get(id);
  }

  private unindex(row: StoredResource): void {
    const { unique } = this.rules;
    for (let i = 0; i < unique.length; i++) {
      const raw = uniqueRaw(row.data, unique[i]!);
      if (raw === undefined) continue;
      const index = this.indexes[i]!;
      const key = uniqueKey(unique[i]!, raw);
      if (index.get(key) === row.id) index.delete(key);
    }
  }
}
