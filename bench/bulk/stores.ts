import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { Store } from "../../src/runtime/stores/contract.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { postgresStore } from "../../src/runtime/stores/postgres/index.js";
import { sqliteStore } from "../../src/runtime/stores/sqlite/index.js";

// The stores the bulk bench runs on, each fresh: SQLite in a temporary file (WAL,
// synchronous=FULL, the default), PostgreSQL in a schema of its own when reachable.

export const PG_URL = process.env.SCIM_BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface BenchStore {
  readonly name: string;
  readonly store: Store;
  dispose(): Promise<void>;
}

export async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export function memory(): BenchStore {
  return { name: "memory", store: memoryStore(), dispose: async () => undefined };
}

/** `durability: "normal"` (synchronous=NORMAL) for seeding large walks quickly. */
export function sqlite(durability: "full" | "normal" = "full"): BenchStore {
  const dir = mkdtempSync(join(tmpdir(), "scim-bulk-bench-"));
  const name = durability === "full" ? "sqlite" : "sqlite*";
  return { name, store: sqliteStore({ file: join(dir, "scim.db"), durability }), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function postgres(): Promise<BenchStore> {
  const schema = `scim_bulk_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}`, max: 10 });
  pool.on("error", () => undefined);
  return {
    name: "postgres",
    store: postgresStore({ pool }),
    dispose: async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}
