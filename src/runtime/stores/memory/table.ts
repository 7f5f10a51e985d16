import type { ResourceData, StoredResource } from "../contract.js";
import { uniqueKey, uniqueRaw } from "../common/data.js";
import { notUnique } from "../common/errors.js";
import type { TypeRules, UniqueRule } from "../common/rules.js";
import { KeyIndex } from "./key-index.js";

// One tenant's resources of one type, with a hash index per unique attribute so that
// `userName eq "…"` (and any unique attribute eq) is an O(1) look-up, and uniqueness is
// checked without a scan (RFC 7643 §2.2 `uniqueness`).

export class Table {
  /** Insertion order is creation order: the default list order. */
  readonly rows = new Map<string, StoredResource>();
  private readonly indexes: KeyIndex<string>[];
  /** externalId -> id, or the ids when several resources share one (externalId is not
   * unique, RFC 7643 §3.1); Entra and Okta look resources up by it. */
  private readonly externalIds = new KeyIndex<string | Set<string>>();

  constructor(readonly rules: TypeRules) {
    this.indexes = rules.unique.map(() => new KeyIndex<string>());
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
    const ext = externalIdOf(row);
    if (ext !== undefined) {
      const held = this.externalIds.get(ext);
      if (held === undefined) this.externalIds.set(ext, row.id);
      else if (typeof held === "string") this.externalIds.set(ext, new Set([held, row.id]));
      else held.add(row.id);
    }
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

  /** Ids holding `externalId` (case-exact), at most a few; undefined when none does. */
  idsByExternalId(externalId: string): string | ReadonlySet<string> | undefined {
    return this.externalIds.get(externalId);
  }

  private unindex(row: StoredResource): void {
    const ext = externalIdOf(row);
    const held = ext === undefined ? undefined : this.externalIds.get(ext);
    if (held === row.id) this.externalIds.delete(ext!);
    else if (held instanceof Set) {
      held.delete(row.id);
      if (held.size === 1) this.externalIds.set(ext!, held.values().next().value!);
    }
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

function externalIdOf(row: StoredResource): string | undefined {
  const v = row.data.externalId;
  return typeof v === "string" ? v : undefined;
}
