// `npm run bench -- stores`: the stores at 100,000 users (issue 6, deliver 6). Seeds each
// store through its public API, then times the benchmark filters through the store API and
// through the HTTP kernel, and prints the query plans (EXPLAIN) of the SQL behind them.
// BENCH_USERS=n changes the population; PostgreSQL is the server at BENCH_PG_URL or
// SCIM_TEST_PG_URL (skipped, and said so, when neither is set).
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { parseFilter } from "../../src/runtime/filter/index.js";
import type { StoreQuery, TenantStore } from "../../src/runtime/stores/contract.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { coreIndex } from "../../test/support/core-manifest.js";
import { fmt, seed, time } from "./measure.js";
import { benchUser, userName } from "./users.js";
import { explainPostgres, explainSqlite } from "./explain.js";
import { get, startServer } from "./http.js";
import { openPostgres, openSqlite } from "./open.js";

const N = Number(process.env.BENCH_USERS ?? 100_000);
const PG_URL = process.env.BENCH_PG_URL ?? process.env.SCIM_TEST_PG_URL;
const TENANT = "default";
const EMAILS = 'emails[type eq "work" and value co "example"]';
const rnd = (i: number) => (i * 7919 + 13) % N;

const queries: [string, (i: number) => StoreQuery, number][] = [
  ["userName eq", (i) => ({ filter: parseFilter(`userName eq "${userName(rnd(i))}"`), startIndex: 1, count: 100 }), 300],
  [`${EMAILS} &count=100`, () => ({ filter: parseFilter(EMAILS), startIndex: 1, count: 100 }), 20],
  ["externalId eq", (i) => ({ filter: parseFilter(`externalId eq "ext-${rnd(i)}"`), startIndex: 1, count: 100 }), 300],
  ["displayName eq (not unique)", (i) => ({ filter: parseFilter(`displayName eq "Ada Lovelace ${rnd(i) - (rnd(i) % 100)}"`), startIndex: 1, count: 100 }), 100],
  ["sortBy=name.familyName &count=100", () => ({ sortBy: "name.familyName", startIndex: 1, count: 100 }), 5],
];

async function storeQueries(t: TenantStore): Promise<void> {
  for (const [name, q, runs] of queries) {
    const timing = await time(runs, (i) => t.list("User", q(Math.abs(i))));
    console.log(`  store  ${name.padEnd(60)} ${fmt(timing)}`);
  }
  const hits = await t.list("User", { filter: parseFilter(EMAILS), startIndex: 1, count: 100 });
  console.log(`         (${EMAILS} matches ${hits.totalResults} users)`);
}

async function httpQueries(args: string[]): Promise<void> {
  const server = await startServer(args);
  try {
    const q = (f: string, extra = "") => `/scim/v2/Users?filter=${encodeURIComponent(f)}${extra}`;
    const check = await get(server.port, q(`userName eq "${userName(1)}"`));
    if (check.status !== 200 || !check.body.includes(userName(1))) throw new Error(`HTTP check failed: ${check.status} ${check.body.slice(0, 200)}`);
    const a = await time(300, (i) => get(server.port, q(`userName eq "${userName(rnd(Math.abs(i)))}"`)));
    console.log(`  http   ${"GET /Users?filter=userName eq".padEnd(60)} ${fmt(a)}`);
    const b = await time(20, () => get(server.port, q(EMAILS, "&count=100")));
    console.log(`  http   ${`GET /Users?filter=${EMAILS}&count=100`.padEnd(60)} ${fmt(b)}`);
  } finally {
    await server.stop();
  }
}

async function benchMemory(): Promise<void> {
  console.log(`\n--- memory store, ${N} users ---`);
  const store = memoryStore();
  await store.open(coreIndex());
  const t = store.tenant(TENANT);
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const rate = await seed(N, 1, (i) => t.create("User", benchUser(i)));
  globalThis.gc?.();
  console.log(`  seed   ${rate.toFixed(0)} users/s; heap held by ${N} users: ${((process.memoryUsage().heapUsed - heap0) / 1e6).toFixed(0)} MB (RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB)`);
  await storeQueries(t);
  await store.close();
}

async function benchSqlite(): Promise<void> {
  const file = join(tmpdir(), `scim-bench-${process.pid}.db`);
  console.log(`\n--- sqlite store (${file}), ${N} users ---`);
  const full = await openSqlite(join(tmpdir(), `scim-bench-full-${process.pid}.db`), "full");
  const fullRate = await seed(Math.min(N, 2000), 1, (i) => full.tenant.create("User", benchUser(i)));
  await full.close();
  const s = await openSqlite(file, "normal");
  const rate = await seed(N, 1, (i) => s.tenant.create("User", benchUser(i)));
  console.log(`  seed   ${rate.toFixed(0)} users/s (durability "normal"); ${fullRate.toFixed(0)} users/s with "full" (fsync per commit, 2,000 users)`);
  await storeQueries(s.tenant);
  explainSqlite(s.db, TENANT, [`userName eq "${userName(5)}"`, EMAILS, `externalId eq "ext-5"`, `displayName eq "Ada Lovelace 100"`]);
  await s.close();
  await httpQueries(["sqlite", file]);
  for (const f of [file, full.file]) for (const x of ["", "-wal", "-shm"]) rmSync(f + x, { force: true });
}

async function benchPostgres(): Promise<void> {
  if (!PG_URL) {
    console.log("\n--- postgres store: skipped (set BENCH_PG_URL or SCIM_TEST_PG_URL to a server) ---");
    return;
  }
  const schema = `scim_bench_${process.pid}`;
  console.log(`\n--- postgres store (${PG_URL}, schema ${schema}), ${N} users ---`);
  const p = await openPostgres(PG_URL, schema);
  try {
    const rate = await seed(N, 8, (i) => p.tenant.create("User", benchUser(i)));
    console.log(`  seed   ${rate.toFixed(0)} users/s (8 concurrent writers, one transaction per create)`);
    await p.pool.query("VACUUM ANALYZE scim_resource, scim_value");
    await storeQueries(p.tenant);
    await explainPostgres(p.pool, TENANT, [`userName eq "${userName(5)}"`, EMAILS, `externalId eq "ext-5"`, `displayName eq "Ada Lovelace 100"`]);
    await httpQueries(["postgres", PG_URL, schema]);
  } finally {
    await p.close();
  }
}

const only = process.env.BENCH_STORES?.split(",");
if (!only || only.includes("memory")) await benchMemory();
if (!only || only.includes("sqlite")) await benchSqlite();
if (!only || only.includes("postgres")) await benchPostgres();
void pg;
