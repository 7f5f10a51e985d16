import Database from "better-sqlite3";
import pg from "pg";
import type { TenantStore } from "../../src/runtime/stores/contract.js";
import { postgresStore } from "../../src/runtime/stores/postgres/index.js";
import { sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { coreIndex } from "../../test/support/core-manifest.js";

// Opens the bench's stores, each with a raw handle beside it for EXPLAIN.

export interface OpenSqlite {
  readonly file: string;
  readonly db: Database.Database;
  readonly tenant: TenantStore;
  close(): Promise<void>;
}

export interface OpenPostgres {
  readonly pool: pg.Pool;
  readonly tenant: TenantStore;
  close(): Promise<void>;
}

export async function openSqlite(file: string, durability: "full" | "normal"): Promise<OpenSqlite> {
  const db = new Database(file);
  const store = sqliteStore({ database: db, durability });
  await store.open(coreIndex());
  const tenant: TenantStore = store.tenant("default");
  const close = async (): Promise<void> => {
    await store.close();
    db.close();
  };
  return { file, db, tenant, close };
}

export async function openPostgres(url: string, schema: string): Promise<OpenPostgres> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 10 });
  pool.on("error", () => undefined);
  const store = postgresStore({ pool, statementTimeoutMs: 10_000 });
  await store.open(coreIndex());
  const tenant: TenantStore = store.tenant("default");
  const close = async () => {
    await store.close();
    await pool.end();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  };
  return { pool, tenant, close };
}
