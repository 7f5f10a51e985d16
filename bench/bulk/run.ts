import { performance } from "node:perf_hooks";
import { memory, pgReachable, postgres, sqlite, type BenchStore } from "./stores.js";
import { send, serve } from "./server.js";

// `npm run bench -- bulk` (issue 8): over HTTP on node:http,
//  1. one Bulk of 1,000 user creates vs 1,000 single POSTs (SQLite, PostgreSQL): time and ratio;
//  2. a full cursor walk over 100,000 users (memory, SQLite; PostgreSQL with BENCH_FULL=1):
//     time, pages, and the process's peak RSS during the walk.
// PostgreSQL runs when SCIM_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/test) answers.

const OPS = 1000;
const WALK = Number(process.env.BENCH_WALK_USERS ?? 100_000);
const PAGE = 1000;
const user = (userName: string) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, name: { givenName: "Bench", familyName: userName }, emails: [{ value: `${userName}@example.com`, type: "work", primary: true }], active: true });

async function bulkVsSingles(make: () => Promise<BenchStore> | BenchStore): Promise<void> {
  const s = await make();
  const server = await serve(s.store);
  try {
    await send(server.base, "POST", "/Users", user("warm-up"));
    let t = performance.now();
    for (let i = 0; i < OPS; i++) {
      const r = await send(server.base, "POST", "/Users", user(`single${i}`));
      if (r.status !== 201) throw new Error(`single POST ${i}: ${r.status}`);
    }
    const singles = performance.now() - t;
    const Operations = Array.from({ length: OPS }, (_, i) => ({ method: "POST", path: "/Users", bulkId: `b${i}`, data: user(`bulk${i}`) }));
    t = performance.now();
    const r = await send(server.base, "POST", "/Bulk", { schemas: ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], Operations });
    const bulk = performance.now() - t;
    const ok = (r.json.Operations as { status: string }[]).filter((o) => o.status === "201").length;
    if (r.status !== 200 || ok !== OPS) throw new Error(`bulk: ${r.status}, ${ok} created`);
    console.log(`${s.name.padEnd(9)} 1,000 single POSTs ${singles.toFixed(0).padStart(6)} ms  | one Bulk of 1,000 ${bulk.toFixed(0).padStart(6)} ms  | bulk is ${(singles / bulk).toFixed(2)}x faster`);
  } finally {
    await server.close();
    await s.dispose();
  }
}

async function cursorWalk(make: () => Promise<BenchStore> | BenchStore): Promise<void> {
  const s = await make();
  const server = await serve(s.store, { maxResults: PAGE });
  try {
    const t0 = performance.now();
    await send(server.base, "GET", "/Users?count=0"); // opens the store
    const tenant = s.store.tenant("default");
    for (let i = 0; i < WALK; i++) await tenant.create("User", { ...user(`walk${String(i).padStart(6, "0")}`), id: crypto.randomUUID() });
    const seeded = performance.now() - t0;
    globalThis.gc?.();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t = performance.now();
    let cursor = "";
    let pages = 0;
    let seen = 0;
    for (;;) {
      const r = await send(server.base, "GET", `/Users?cursor=${cursor}&count=${PAGE}`);
      if (r.status !== 200) throw new Error(`page ${pages}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
      seen += (r.json.Resources as unknown[]).length;
      pages++;
      if (!r.json.nextCursor) break;
      cursor = r.json.nextCursor as string;
    }
    const walk = performance.now() - t;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (seen !== WALK) throw new Error(`walk saw ${seen} of ${WALK}`);
    console.log(`${s.name.padEnd(9)} cursor walk over ${WALK.toLocaleString("en")} users: ${walk.toFixed(0)} ms for ${pages} pages of ${PAGE} (${(walk / pages).toFixed(1)} ms/page), peak RSS ${(peak / 2 ** 20).toFixed(0)} MB  (seeded through the store in ${(seeded / 1000).toFixed(1)} s)`);
  } finally {
    await server.close();
    await s.dispose();
  }
}

const pgUp = await pgReachable();
console.log(`node ${process.version}; PostgreSQL ${pgUp ? "reachable" : "not reachable: skipped"}`);
console.log("\n-- Bulk of 1,000 user creates vs 1,000 single POSTs, over HTTP --");
await bulkVsSingles(sqlite);
if (pgUp) await bulkVsSingles(postgres);
console.log(`\n-- cursor walk (RFC 9865), count=${PAGE}, over HTTP --`);
await cursorWalk(memory);
await cursorWalk(() => sqlite("normal"));
console.log("(sqlite* = synchronous=NORMAL to seed faster; the walk itself only reads)");
if (pgUp && process.env.BENCH_FULL === "1") await cursorWalk(postgres);
