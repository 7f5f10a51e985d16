import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { pglitePool, type PgPool } from "../../src/runtime/stores/postgres/index.js";

// Where PostgreSQL comes from in tests (issue 6, deliver 4): the server at
// SCIM_TEST_PG_URL when set (.ci/run sets it), each harness in a schema of its own that is
// dropped afterwards; otherwise PGlite in-process, so the suite passes on a fresh machine.

export const PG_URL = process.env.SCIM_TEST_PG_URL;

export interface PgHarness {
  readonly pool: PgPool;
  readonly kind: "server" | "pglite";
  /** search_path schema on a real server (undefined on PGlite). */
  readonly schema?: string;
  close(): Promise<void>;
}

export async function pgHarness(): Promise<PgHarness> {
  if (!PG_URL) {
    const db = new PGlite();
    await db.waitReady;
    return { pool: pglitePool(db), kind: "pglite", close: () => db.close() };
  }
  const schema = `scim_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}`, max: 10 });
  return {
    pool,
    kind: "server",
    schema,
    close: async () => {
      await pool.end();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}
