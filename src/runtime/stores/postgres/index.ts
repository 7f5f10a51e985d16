import type { ManifestIndex } from "../../manifest/resolve.js";
import { ScimError } from "../../errors.js";
import type { Store, TenantStore } from "../contract.js";
import { readRules } from "../common/rules.js";
import { toScimError } from "./errors.js";
import { migrate } from "./migrations.js";
import type { PgPool } from "./pool.js";
import { PgTenantStore, type PgContext } from "./tenant.js";

// `scim-gen/stores/postgres`: jsonb documents on a pool the user supplies (a `pg` Pool,
// or `pglitePool(new PGlite())`), for many stateless server instances on one database.

export interface PostgresStoreOptions {
  readonly pool: PgPool;
  /** statement_timeout and lock_timeout per transaction, in ms; default 5000. */
  readonly statementTimeoutMs?: number;
  /** Apply pending migrations at open (default true); false to run them from a deploy step. */
  readonly migrate?: boolean;
  /** Clock for meta.created/lastModified; by default the database's, so instances with
   * skewed clocks still write one monotonic timeline (lastModified never goes back). */
  readonly now?: () => Date;
}

export class PostgresStore implements Store {
  private context: PgContext | undefined;

  constructor(private readonly options: PostgresStoreOptions) {}

  async open(manifest: ManifestIndex): Promise<void> {
    const o = this.options;
    if (o.migrate !== false) {
      const client = await o.pool.connect().catch((e: unknown) => {
        throw toScimError(e, false);
      });
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    }
    const clock = o.now;
    const timeoutMs = Math.max(1, Math.floor(Number(o.statementTimeoutMs ?? 5000)) || 5000);
    this.context = { pool: o.pool, rules: readRules(manifest), now: clock ? () => clock().toISOString() : () => null, timeoutMs };
  }

  tenant(tenant: string): TenantStore {
    if (!this.context) throw new Error("postgresStore: open(manifest) must be called before tenant()");
    if (typeof tenant !== "string" || tenant === "") throw new TypeError("postgresStore: tenant must be a non-empty string");
    return new PgTenantStore(this.context, tenant);
  }

  async ping(): Promise<void> {
    if (!this.context) throw new ScimError(503, undefined, "the store is not open");
    try {
      await this.context.pool.query("SELECT 1");
    } catch (e) {
      throw toScimError(e, true);
    }
  }

  /** Forgets the pool; ending it is its owner's job. */
  async close(): Promise<void> {
    this.context = undefined;
  }
}

export function postgresStore(options: PostgresStoreOptions): Store {
  return new PostgresStore(options);
}

export { pglitePool, type PgPool, type PgClient, type PGliteLike } from "./pool.js";
export { migrate, MIGRATIONS, LATEST } from "./migrations.js";
