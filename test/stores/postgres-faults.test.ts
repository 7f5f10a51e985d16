import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LATEST, migrate, postgresStore, type PgClient, type PgPool } from "../../src/runtime/stores/postgres/index.js";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { scimError, user } from "./contract.js";
import { storeManifest } from "./manifest.js";
import { pgHarness, PG_URL, type PgHarness } from "./pg-harness.js";

// PostgreSQL faults: concurrent migrations, the statement timeout, and the database going
// away mid-request (503, then recovery). Runs on the server at SCIM_TEST_PG_URL, else on
// PGlite; the server-only cases say so when skipped.

let h: PgHarness;
beforeAll(async () => {
  h = await pgHarness();
});
afterAll(async () => h?.close());

/** A pool whose connections run `before(text)` ahead of each statement (fault injection). */
function intercept(pool: PgPool, before: (text: string, client: PgClient) => Promise<void>): PgPool {
  return {
    query: (text, values) => pool.query(text, values),
    async connect() {
      const client = await pool.connect();
      return {
        async query(text: string, values?: unknown[]) {
          await before(text, client);
          return client.query(text, values);
        },
        release: (err?: Error | boolean) => client.release(err),
      } as PgClient;
    },
  };
}

describe("postgres store: faults", () => {
  it("opens a database made at the previous migration level and upgrades it in place", async () => {
    const old = await pgHarness();
    try {
      const client = await old.pool.connect();
      expect(await migrate(client, LATEST - 1)).toBe(LATEST - 1);
      await client.query(
        "INSERT INTO scim_resource (tenant, type, id, version, created, last_modified, data) VALUES ('t', 'User', 'u1', 3, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z', $1::jsonb)",
        [JSON.stringify({ id: "u1", userName: "Old.Timer" })],
      );
      await client.query("INSERT INTO scim_unique (tenant, type, attr, value, id) VALUES ('t', 'User', 'userName', 'sold.timer', 'u1')");
      client.release();
      const store = postgresStore({ pool: old.pool });
      await store.open(storeManifest());
      const t = store.tenant("t");
      expect(await t.get("User", "u1")).toMatchObject({ version: 3, created: "2020-01-01T00:00:00.000Z", data: { userName: "Old.Timer" } });
      expect((await scimError(t.create("User", { id: "u2", userName: "OLD.TIMER" }))).status).toBe(409);
      const r = await old.pool.query<{ level: number }>("SELECT max(version) AS level FROM scim_migration");
      expect(r.rows[0]!.level).toBe(LATEST);
    } finally {
      await old.close();
    }
  });

  it("refuses a database from a newer scim-gen", async () => {
    const future = await pgHarness();
    try {
      const store = postgresStore({ pool: future.pool });
      await store.open(storeManifest());
      await future.pool.query("INSERT INTO scim_migration (version, name) VALUES ($1, 'from the future')", [LATEST + 1]);
      await expect(postgresStore({ pool: future.pool }).open(storeManifest())).rejects.toThrow(/newer/);
    } finally {
      await future.close();
    }
  });

  it("three instances migrating one database at once: every level applied exactly once", async () => {
    const stores = [0, 1, 2].map(() => postgresStore({ pool: h.pool }));
    await Promise.all(stores.map((s) => s.open(storeManifest())));
    const r = await h.pool.query<{ version: number; n: string }>("SELECT version, count(*) AS n FROM scim_migration GROUP BY version ORDER BY version");
    expect(r.rows.map((x) => [x.version, Number(x.n)])).toEqual(Array.from({ length: LATEST }, (_, i) => [i + 1, 1]));
  });

  // PGlite runs in this thread and does not enforce statement_timeout: server only.
  it.skipIf(!PG_URL)("server only: a list that runs past statement_timeout is 400 tooMany and the pool stays usable", async () => {
    const slow = intercept(h.pool, async (text, client) => {
      if (text.startsWith("SELECT count(*)")) await client.query("SELECT pg_sleep(2)");
    });
    const store = postgresStore({ pool: slow, statementTimeoutMs: 100, migrate: false });
    await store.open(storeManifest());
    const started = Date.now();
    const e = await scimError(store.tenant("slow").list("User", { startIndex: 1, count: 10 }));
    expect([e.status, e.scimType]).toEqual([400, "tooMany"]);
    expect(Date.now() - started).toBeLessThan(1500);
    const ok = postgresStore({ pool: h.pool, migrate: false });
    await ok.open(storeManifest());
    expect((await ok.tenant("slow").list("User", { startIndex: 1, count: 10 })).totalResults).toBe(0);
  });

  it("without a clock option, meta times come from the database, to the millisecond clients see", async () => {
    const a = postgresStore({ pool: h.pool, migrate: false });
    const b = postgresStore({ pool: h.pool, migrate: false });
    await a.open(storeManifest());
    await b.open(storeManifest());
    const ta = a.tenant("db-clock");
    const created = await ta.create("User", user("clocked"));
    const replaced = await b.tenant("db-clock").replace("User", created.id, created.data);
    expect(created.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(replaced.lastModified)).toBeGreaterThanOrEqual(Date.parse(created.created));
    expect(await ta.get("User", created.id)).toMatchObject({ created: created.created, lastModified: replaced.lastModified });
    const q = (op: string) => ta.list("User", { filter: parseFilter(`meta.lastModified ${op} "${replaced.lastModified}"`), startIndex: 1, count: 10 });
    expect((await q("eq")).totalResults).toBe(1);
    expect((await q("gt")).totalResults).toBe(0);
  });

  it("a refused connection is 503 and the next request succeeds", async () => {
    let fail = true;
    const flaky: PgPool = {
      query: (text, values) => (fail ? Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })) : h.pool.query(text, values)),
      connect: () => (fail ? Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })) : h.pool.connect()),
    };
    const store = postgresStore({ pool: flaky, migrate: false });
    await store.open(storeManifest());
    const t = store.tenant("flaky");
    for (const call of [t.create("User", user("a")), t.get("User", "x"), t.list("User", { startIndex: 1, count: 1 })]) {
      const e = await scimError(call);
      expect(e.status).toBe(503);
    }
    expect((await scimError(store.ping!())).status).toBe(503);
    fail = false;
    await store.ping!();
    await t.create("User", user("a"));
  });

  it.skipIf(!PG_URL)("server only: a backend terminated mid-request is 503, and the store recovers", async () => {
    const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${h.schema}`, application_name: "scim-fault-test", max: 2 });
    pool.on("error", () => undefined); // idle clients killed by the server must not crash the process
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      const slow = intercept(pool, async (text, client) => {
        if (text.startsWith("SELECT count(*)")) await client.query("SELECT pg_sleep(1)");
      });
      const store = postgresStore({ pool: slow, migrate: false });
      await store.open(storeManifest());
      const pending = scimError(store.tenant("gone").list("User", { startIndex: 1, count: 10 }));
      await new Promise((r) => setTimeout(r, 300));
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scim-fault-test'");
      expect((await pending).status).toBe(503);
      const healthy = postgresStore({ pool, migrate: false });
      await healthy.open(storeManifest());
      await healthy.tenant("gone").create("User", user("back"));
      expect((await healthy.tenant("gone").list("User", { startIndex: 1, count: 10 })).totalResults).toBe(1);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
