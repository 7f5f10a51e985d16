import { ScimError } from "../../errors.js";
import type { ResourceData, StoredResource, StoreListResult, StoreQuery, TenantStore, WriteOptions } from "../contract.js";
import { freezeResource, requireId, withoutReference } from "../common/data.js";
import { notFound, staleVersion, unknownResourceType } from "../common/errors.js";
import type { TypeRules } from "../common/rules.js";
import { isConnectionError, toScimError } from "./errors.js";
import { listPostgresKeyset } from "./keyset.js";
import { listPinned, listPostgres } from "./list.js";
import type { PgClient, PgPool } from "./pool.js";
import { iso, SQL, toStored, type ResourceRow } from "./sql.js";
import { syncValues } from "./values.js";
import { syncSideRows, typeReferences } from "./writes.js";

// One tenant's view of a PostgreSQL store, safe with many stateless server instances on
// one database: writers lock the row (FOR UPDATE) and write with `WHERE version = $n`, so
// a stale If-Match loses with 412 and no update is lost; the scim_unique primary key
// settles create races (one 201, one 409).

export interface PgContext {
  readonly pool: PgPool;
  readonly rules: ReadonlyMap<string, TypeRules>;
  /** The caller's clock, or null: the database's (one clock for every instance). */
  readonly now: () => string | null;
  /** statement_timeout and lock_timeout for every transaction, in ms. */
  readonly timeoutMs: number;
}

interface Listening {
  on(event: "error", listener: (e: Error) => void): unknown;
  removeListener(event: "error", listener: (e: Error) => void): unknown;
}

/** Runs `work` in one transaction with the store's timeouts; errors become SCIM errors. */
export async function transaction<T>(c: PgContext, reading: boolean, work: (client: PgClient) => Promise<T>): Promise<T> {
  let client: PgClient;
  try {
    client = await c.pool.connect();
  } catch (e) {
    throw toScimError(e, reading);
  }
  let broken: Error | undefined;
  // A pg client emits "error" when its server connection dies while checked out; with no
  // listener that would crash the process. Mark it broken so release() drops it.
  const events = client as Partial<Listening>;
  const onError = (e: Error): void => void (broken = e);
  events.on?.("error", onError);
  try {
    await client.query(SQL.begin(c.timeoutMs));
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (e) {
    if (!broken && isConnectionError(e)) broken = e as Error;
    if (!broken) await client.query("ROLLBACK").catch((err: Error) => (broken = err));
    throw toScimError(e, reading);
  } finally {
    events.removeListener?.("error", onError);
    client.release(broken ?? false);
  }
}

export class PgTenantStore implements TenantStore {
  constructor(
    private readonly c: PgContext,
    private readonly tenant: string,
  ) {}

  async create(resourceType: string, data: ResourceData): Promise<StoredResource> {
    const rules = this.rules(resourceType);
    const id = requireId(data);
    return transaction(this.c, false, async (client) => {
      const body = freezeResource(await typeReferences(client, this.tenant, rules, data, id, false), id);
      const inserted = await client.query<{ created: Date | string }>(SQL.insert, [this.tenant, rules.name, id, this.c.now(), JSON.stringify(body)]);
      if (!inserted.rows.length) throw ScimError.conflict(`id ${JSON.stringify(id)} is already used by another ${rules.name}`);
      const at = iso(inserted.rows[0]!.created);
      await syncSideRows(client, this.tenant, rules, id, undefined, body);
      return { id, resourceType: rules.name, version: 1, created: at, lastModified: at, data: body };
    });
  }

  async get(resourceType: string, id: string): Promise<StoredResource | undefined> {
    const rules = this.rules(resourceType);
    try {
      const r = await this.c.pool.query<ResourceRow>(SQL.get, [this.tenant, rules.name, id]);
      return r.rows[0] && toStored(r.rows[0]);
    } catch (e) {
      throw toScimError(e, true);
    }
  }

  async replace(resourceType: string, id: string, data: ResourceData, options?: WriteOptions): Promise<StoredResource> {
    const rules = this.rules(resourceType);
    return transaction(this.c, false, async (client) => {
      const previous = await this.current(client, rules, id, options);
      const keep = options?.keepUnknownReferences === true;
      const body = freezeResource(await typeReferences(client, this.tenant, rules, data, id, keep, previous.data), id);
      await syncSideRows(client, this.tenant, rules, id, previous.data, body);
      const r = await client.query<{ last_modified: Date | string }>(SQL.update, [this.tenant, rules.name, id, previous.version, this.c.now(), JSON.stringify(body)]);
      if (r.rowCount !== 1 || !r.rows[0]) throw staleVersion(rules.name, id, previous.version, previous.version + 1);
      const at = iso(r.rows[0].last_modified);
      return { ...previous, version: previous.version + 1, lastModified: at, data: body };
    });
  }

  async delete(resourceType: string, id: string, options?: WriteOptions): Promise<void> {
    const rules = this.rules(resourceType);
    await transaction(this.c, false, async (client) => {
      const previous = await this.current(client, rules, id, options);
      // Side rows first: the element rows find their owner by id (the row is locked).
      await syncSideRows(client, this.tenant, rules, id, previous.data, undefined);
      await client.query(SQL.delete, [this.tenant, rules.name, id, previous.version]);
      await this.dropReferencesTo(client, rules.name, id);
    });
  }

  async list(resourceType: string, query: StoreQuery): Promise<StoreListResult> {
    const rules = this.rules(resourceType);
    // Cursor pages (RFC 9865): one indexed keyset statement, never an OFFSET.
    if (query.keyset) return transaction(this.c, true, (client) => listPostgresKeyset(client, this.tenant, rules, query));
    try {
      const hit = await listPinned(this.c.pool, this.tenant, rules, query);
      if (hit) return hit;
    } catch (e) {
      throw toScimError(e, true);
    }
    return transaction(this.c, true, (client) => listPostgres(client, this.tenant, rules, query));
  }

  private rules(resourceType: string): TypeRules {
    const rules = this.c.rules.get(resourceType.toLowerCase());
    if (!rules) throw unknownResourceType(resourceType);
    return rules;
  }

  /** The row, locked until commit; 404 when absent, 412 when `ifVersion` is stale. */
  private async current(client: PgClient, rules: TypeRules, id: string, options: WriteOptions | undefined): Promise<StoredResource> {
    const r = await client.query<ResourceRow>(SQL.getForUpdate, [this.tenant, rules.name, id]);
    const row = r.rows[0];
    if (!row) throw notFound(rules.name, id);
    const stored = toStored(row);
    if (options?.ifVersion !== undefined && options.ifVersion !== stored.version) {
      throw staleVersion(rules.name, id, options.ifVersion, stored.version);
    }
    return stored;
  }

  /** A deleted resource leaves every membership list of this tenant (a new version each). */
  private async dropReferencesTo(client: PgClient, resourceType: string, id: string): Promise<void> {
    const referrers = await client.query<{ type: string; id: string }>(SQL.referrers, [this.tenant, id]);
    for (const ref of referrers.rows) {
      const rules = this.c.rules.get(ref.type.toLowerCase());
      const row = (await client.query<ResourceRow>(SQL.getForUpdate, [this.tenant, ref.type, ref.id])).rows[0];
      if (!rules || !row) continue;
      const holder = toStored(row);
      const data = withoutReference(holder.data, rules.references.filter((r) => r.targets.includes(resourceType)), id);
      if (!data) continue;
      await client.query(SQL.update, [this.tenant, ref.type, ref.id, holder.version, this.c.now(), JSON.stringify(data)]);
      await client.query(SQL.refDelete, [this.tenant, id, ref.type, ref.id]);
      await syncValues(client, this.tenant, ref.type, ref.id, holder.data, data);
    }
  }
}
