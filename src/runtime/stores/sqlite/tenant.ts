import type Database from "better-sqlite3";
import { ScimError } from "../../errors.js";
import type { ResourceData, StoredResource, StoreListResult, StoreQuery, TenantStore, WriteOptions } from "../contract.js";
import { freezeResource, requireId, withoutReference } from "../common/data.js";
import { notFound, staleVersion, unknownResourceType } from "../common/errors.js";
import type { TypeRules } from "../common/rules.js";
import { listSqliteKeyset } from "./keyset.js";
import { listSqlite } from "./list.js";
import { toStored, type Statements } from "./statements.js";
import { syncValues } from "./values.js";
import { addSideRows, checkUnique, dropSideRows, syncSideRows, typeReferences } from "./writes.js";

// One tenant's view of a SQLite store. Every write is one IMMEDIATE transaction: it takes
// the database's write lock before reading, so its checks (version, uniqueness,
// references) and its write are atomic even across processes sharing the file.

export interface SqliteContext {
  readonly db: Database.Database;
  readonly st: Statements;
  readonly rules: ReadonlyMap<string, TypeRules>;
  readonly now: () => string;
  /** A filtered list running longer than this stops with 400 tooMany. */
  readonly queryTimeoutMs: number;
  /** A cached prepared statement for dynamic list SQL (filters and sorts repeat). */
  readonly prepared: (sql: string) => Database.Statement;
}

export class SqliteTenantStore implements TenantStore {
  constructor(
    private readonly c: SqliteContext,
    private readonly tenant: string,
  ) {}

  async create(resourceType: string, data: ResourceData): Promise<StoredResource> {
    const rules = this.rules(resourceType);
    const id = requireId(data);
    const { st, db } = this.c;
    return guard(() =>
      db
        .transaction(() => {
          if (st.exists.get(this.tenant, rules.name, id)) {
            throw ScimError.conflict(`id ${JSON.stringify(id)} is already used by another ${rules.name}`);
          }
          checkUnique(st, this.tenant, rules, data, id);
          const body = freezeResource(typeReferences(st, this.tenant, rules, data, id, false), id);
          const json = JSON.stringify(body);
          const at = this.c.now();
          st.insert.run(this.tenant, rules.name, id, at, at, json);
          addSideRows(st, this.tenant, rules, body, id);
          syncValues(st, this.tenant, rules.name, id, undefined, body);
          return { id, resourceType: rules.name, version: 1, created: at, lastModified: at, data: body };
        })
        .immediate(),
    );
  }

  async get(resourceType: string, id: string): Promise<StoredResource | undefined> {
    const rules = this.rules(resourceType);
    const row = guard(() => this.c.st.get.get(this.tenant, rules.name, id));
    return row && toStored(row);
  }

  async replace(resourceType: string, id: string, data: ResourceData, options?: WriteOptions): Promise<StoredResource> {
    const rules = this.rules(resourceType);
    const { st, db } = this.c;
    return guard(() =>
      db
        .transaction(() => {
          const previous = this.current(rules, id, options);
          checkUnique(st, this.tenant, rules, data, id);
          const keep = options?.keepUnknownReferences === true;
          const body = freezeResource(typeReferences(st, this.tenant, rules, data, id, keep, previous.data), id);
          const json = JSON.stringify(body);
          const at = this.c.now();
          st.update.run(previous.version + 1, at, json, this.tenant, rules.name, id, previous.version);
          syncSideRows(st, this.tenant, rules, id, previous.data, body);
          syncValues(st, this.tenant, rules.name, id, previous.data, body);
          return { ...previous, version: previous.version + 1, lastModified: at, data: body };
        })
        .immediate(),
    );
  }

  async delete(resourceType: string, id: string, options?: WriteOptions): Promise<void> {
    const rules = this.rules(resourceType);
    const { st, db } = this.c;
    guard(() =>
      db
        .transaction(() => {
          const previous = this.current(rules, id, options);
          syncValues(st, this.tenant, rules.name, id, previous.data, undefined);
          st.delete.run(this.tenant, rules.name, id, previous.version);
          dropSideRows(st, this.tenant, rules, previous.data, id);
          this.dropReferencesTo(rules.name, id);
        })
        .immediate(),
    );
  }

  async list(resourceType: string, query: StoreQuery): Promise<StoreListResult> {
    const rules = this.rules(resourceType);
    try {
      // Cursor pages (RFC 9865): one keyset statement, never an OFFSET from the start.
      if (query.keyset) return await listSqliteKeyset(this.c, this.tenant, rules, query);
      return await listSqlite(this.c, this.tenant, rules, query);
    } catch (e) {
      return guard(() => {
        throw e;
      });
    }
  }

  private rules(resourceType: string): TypeRules {
    const rules = this.c.rules.get(resourceType.toLowerCase());
    if (!rules) throw unknownResourceType(resourceType);
    return rules;
  }

  private current(rules: TypeRules, id: string, options: WriteOptions | undefined): StoredResource {
    const row = this.c.st.get.get(this.tenant, rules.name, id);
    if (!row) throw notFound(rules.name, id);
    if (options?.ifVersion !== undefined && options.ifVersion !== row.version) {
      throw staleVersion(rules.name, id, options.ifVersion, row.version);
    }
    return toStored(row);
  }

  /** A deleted resource leaves every membership list of this tenant (a new version each). */
  private dropReferencesTo(resourceType: string, id: string): void {
    const { st } = this.c;
    for (const ref of st.referrers.all(this.tenant, id)) {
      const rules = this.c.rules.get(ref.type.toLowerCase());
      const row = st.get.get(this.tenant, ref.type, ref.id);
      if (!rules || !row) continue;
      const holder = toStored(row);
      const refs = rules.references.filter((r) => r.targets.includes(resourceType));
      const data = withoutReference(holder.data, refs, id);
      if (!data) continue;
      st.update.run(holder.version + 1, this.c.now(), JSON.stringify(data), this.tenant, ref.type, ref.id, holder.version);
      syncValues(st, this.tenant, ref.type, ref.id, holder.data, data);
      st.refDelete.run(this.tenant, id, ref.type, ref.id);
    }
  }
}

/** A UNIQUE/PRIMARY KEY violation that slipped past the checks is still a 409, and a
 * file locked past busy_timeout by another process a 503: never a 500. */
export function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE") {
      throw ScimError.conflict("a unique value is already used by another resource");
    }
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED" || code === "SQLITE_BUSY_SNAPSHOT") {
      throw new ScimError(503, undefined, "the SQLite database is busy; retry later");
    }
    throw e;
  }
}
