import type { ResourceData, StoredResource, StoreListResult, StoreQuery, TenantStore, WriteOptions } from "../contract.js";
import { ownCopy, requireId, withoutReference } from "../common/data.js";
import { notFound, staleVersion, unknownResourceType } from "../common/errors.js";
import { planMembers, typeMembers } from "../common/references.js";
import { ScimError } from "../../errors.js";
import type { TypeRules } from "../common/rules.js";
import { listTable } from "./query.js";
import type { RowHead } from "./row-head.js";
import { Table } from "./table.js";

// One tenant's view of the memory store. Every method runs synchronously between its
// checks and its write, so a version check (RFC 7644 §3.14) and the write it guards are
// atomic without locks: no other call can interleave in a single-threaded event loop.

export class MemoryTenantStore implements TenantStore {
  constructor(
    private readonly tables: Map<string, Table>,
    private readonly rules: ReadonlyMap<string, TypeRules>,
    private readonly now: () => string,
    private readonly queryTimeoutMs: number,
  ) {}

  async create(resourceType: string, data: ResourceData): Promise<StoredResource> {
    const table = this.table(resourceType);
    const id = requireId(data);
    if (table.has(id)) throw ScimError.conflict(`id ${JSON.stringify(id)} is already used by another ${table.rules.name}`);
    const copy = ownCopy(data, id);
    table.checkUnique(copy, id);
    const typed = this.typeReferences(table.rules, copy, false);
    const at = this.now();
    return table.put(id, 1, at, at, typed);
  }

  async get(resourceType: string, id: string): Promise<StoredResource | undefined> {
    return this.table(resourceType).get(id);
  }

  async replace(resourceType: string, id: string, data: ResourceData, options?: WriteOptions): Promise<StoredResource> {
    const table = this.table(resourceType);
    const current = this.current(table, id, options);
    const copy = ownCopy(data, id);
    table.checkUnique(copy, id);
    const typed = this.typeReferences(table.rules, copy, options?.keepUnknownReferences === true);
    return table.put(id, current.version + 1, current.created, this.now(), typed);
  }

  async delete(resourceType: string, id: string, options?: WriteOptions): Promise<void> {
    const table = this.table(resourceType);
    this.current(table, id, options);
    table.remove(id);
    this.dropReferencesTo(table.rules.name, id);
  }

  async list(resourceType: string, query: StoreQuery): Promise<StoreListResult> {
    return listTable(this.table(resourceType), query, this.queryTimeoutMs);
  }

  private table(resourceType: string): Table {
    const key = resourceType.toLowerCase();
    let table = this.tables.get(key);
    if (!table) {
      const rules = this.rules.get(key);
      if (!rules) throw unknownResourceType(resourceType);
      table = new Table(rules);
      this.tables.set(key, table);
    }
    return table;
  }

  /** The version and creation time of row `id`, undecoded (404, or 412 when they differ
   * from `options.ifVersion`). */
  private current(table: Table, id: string, options: WriteOptions | undefined): RowHead {
    const head = table.head(id);
    if (!head) throw notFound(table.rules.name, id);
    if (options?.ifVersion !== undefined && options.ifVersion !== head.version) {
      throw staleVersion(table.rules.name, id, options.ifVersion, head.version);
    }
    return head;
  }

  /** Group.members[].value must name an existing resource of this tenant; its type is
   * that resource's (stores/common/references.ts). Every member is looked up: a Map probe. */
  private typeReferences(rules: TypeRules, data: ResourceData, keepUnknown: boolean): ResourceData {
    let out = data;
    for (const ref of rules.references) {
      const plan = planMembers(out, ref, data.id as string);
      const found = new Map<string, string[]>();
      for (const id of plan.lookUp) found.set(id, ref.targets.filter((t) => this.tables.get(t.toLowerCase())?.has(id)));
      out = typeMembers(out, ref, plan, found, keepUnknown);
    }
    return out;
  }

  /** A deleted resource leaves every membership list of this tenant (a new version each). */
  private dropReferencesTo(resourceType: string, id: string): void {
    // A row that references `id` holds its JSON text (JSON.stringify is deterministic), so
    // rows without those bytes are skipped undecoded.
    const needle = Buffer.from(JSON.stringify(id));
    for (const table of this.tables.values()) {
      const refs = table.rules.references.filter((r) => r.targets.includes(resourceType));
      if (!refs.length) continue;
      // Only rewrites follow, which keep every row in place: the ids stay valid.
      for (const holderId of table.idsHolding(needle)) {
        const row = table.get(holderId)!;
        const data = withoutReference(row.data, refs, id);
        // withoutReference's copy is frozen; put takes an object of its own (see Table.put).
        if (data) table.put(row.id, row.version + 1, row.created, this.now(), ownCopy(data, row.id));
      }
    }
  }
}
