import Database from "better-sqlite3";
import { registerSqliteFunctions } from "../../filter/index.js";
import type { ManifestIndex } from "../../manifest/resolve.js";
import type { Store, TenantStore } from "../contract.js";
import { readRules } from "../common/rules.js";
import { migrate } from "./migrations.js";
import { prepare } from "./statements.js";
import { ScimError } from "../../errors.js";
import { guard, SqliteTenantStore, type SqliteContext } from "./tenant.js";

// `scim-gen/stores/sqlite`: the embedded default. One file, WAL journal (readers never
// block the writer), versioned migrations at open, one IMMEDIATE transaction per write.

export interface SqliteStoreOptions {
  /** Database file; default "./scim.db". ":memory:" for a throwaway database. */
  readonly file?: string;
  /** Use this open better-sqlite3 handle instead of opening `file` (the store will not close it). */
  readonly database?: Database.Database;
  /** "full" (default) fsyncs every commit: an acknowledged write survives power loss.
   * "normal" survives a process crash but may lose the last commits on power loss. */
  readonly durability?: "full" | "normal";
  /** How long a write waits for another process's lock before a 503; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** A filtered list that runs longer is stopped with 400 tooMany; default 5000 ms (as PostgreSQL's statement timeout). The
   * scan runs in slices of about 10 ms, so other requests are served meanwhile. */
  readonly queryTimeoutMs?: number;
  /** Clock for meta.created/lastModified; defaults to the system clock. */
  readonly now?: () => Date;
}

export class SqliteStore implements Store {
  private context: SqliteContext | undefined;
  private owned: Database.Database | undefined;

  constructor(private readonly options: SqliteStoreOptions = {}) {}

  async open(manifest: ManifestIndex): Promise<void> {
    const o = this.options;
    const db = o.database ?? new Database(o.file ?? "scim.db");
    if (!o.database) this.owned = db;
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(o.busyTimeoutMs ?? 5000))}`);
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${o.durability === "normal" ? "NORMAL" : "FULL"}`);
    migrate(db);
    // Case-insensitive SQL comparisons must fold exactly as the kernel evaluator does.
    registerSqliteFunctions(db);
    const clock = o.now ?? (() => new Date());
    const cache = new Map<string, Database.Statement>();
    const prepared = (sql: string): Database.Statement => {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = db.prepare(sql);
        if (cache.size >= 256) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    };
    this.context = { db, st: prepare(db), rules: readRules(manifest), now: () => clock().toISOString(), prepared, queryTimeoutMs: Math.max(1, o.queryTimeoutMs ?? 5000) };
  }

  tenant(tenant: string): TenantStore {
    if (!this.context) throw new Error("sqliteStore: open(manifest) must be called before tenant()");
    if (typeof tenant !== "string" || tenant === "") throw new TypeError("sqliteStore: tenant must be a non-empty string");
    return new SqliteTenantStore(this.context, tenant);
  }

  async ping(): Promise<void> {
    if (!this.context) throw new ScimError(503, undefined, "the store is not open");
    guard(() => this.context!.db.prepare("SELECT 1").get());
  }

  async close(): Promise<void> {
    this.context = undefined;
    this.owned?.close();
    this.owned = undefined;
  }
}

export function sqliteStore(options?: SqliteStoreOptions): Store {
  return new SqliteStore(options);
}

export { migrate, MIGRATIONS, LATEST } from "./migrations.js";
