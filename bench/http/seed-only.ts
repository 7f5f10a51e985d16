import { rss, seed, startTarget, stopTarget } from "./load.js";

// Seeds one server over HTTP and prints its memory: `node --import tsx bench/http/seed-only.ts [kind]`
// (BENCH_USERS, default 100000; BENCH_NODE_FLAGS as for run.ts).
const MB = 1024 * 1024;
const t = await startTarget(process.argv[2] ?? "scim-gen");
const before = (await rss(t)) as unknown as Record<string, number>;
const s = await seed(t.port, Number(process.env.BENCH_USERS ?? 100_000));
const m = (await rss(t)) as unknown as Record<string, number>;
const f = (n: number | undefined) => `${((n ?? 0) / MB).toFixed(0)} MB`;
console.log(`start RSS ${f(before.now)}; seeded in ${s.seconds.toFixed(1)} s; RSS ${f(m.now)} (peak ${f(m.peak)}), heap used ${f(m.heapUsed)} of ${f(m.heapTotal)}, external ${f(m.external)}`);
for (const [name, v] of Object.entries((m as unknown as { spaces: Record<string, { size: number; used: number }> }).spaces)) if (v.size > MB) console.log(`  ${name}: ${f(v.used)} used of ${f(v.size)}`);
await stopTarget(t);
