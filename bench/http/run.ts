import { cpu, phase, rss, runScenario, seed, startTarget, stopTarget, userBody, type MemoryReport, type Result, type Scenario, type Target } from "./load.js";

// `npm run bench -- http`: scim-gen (memory store, node:http adapter) against SCIMMY +
// Express serving the same users, and a bare node:http server (the ceiling), over real
// HTTP with autocannon. Environment: BENCH_SIZES (default "10000,100000"),
// BENCH_SECONDS per scenario (default 3; use 10+ for published figures),
// BENCH_CONNECTIONS (default 32), BENCH_TARGETS (default "scim-gen,scimmy,bare"),
// BENCH_ROUNDS (default 3: GET, PATCH and PUT run that many times on each server in
// turn, and the median round is reported), BENCH_NODE_FLAGS (extra node flags for the servers). Besides req/s and latency it reports
// the server's CPU time per request, which stays meaningful on a busy shared machine.

const sizes = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const targets = (process.env.BENCH_TARGETS ?? "scim-gen,scimmy,bare").split(",");
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

// PATCH and PUT alternate `active`, so every request changes the user: a write that changes
// nothing is skipped (RFC 7644 §3.5.2.1), and the bench measures writes.
const patchActive = (active: boolean): string => JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: active }] });
const PATCHES = [patchActive(false), patchActive(true)] as const;
const MB = 1024 * 1024;

function scenarios(ids: readonly string[], size: number, kind: string): Scenario[] {
  const probe = ids[Math.floor(size / 2)]!;
  const target = ids[size - 1]!;
  const wanted = `user${Math.floor(size * 0.77)}`;
  let created = 0;
  let patches = 0;
  let puts = 0;
  const replacements = [userBody(size - 1, "user", false), userBody(size - 1, "user", true)] as const;
  // Writes first and full-scan queries last: a slow server's backlog of unanswered queries
  // must not eat into the next scenario. Queries run with at most 4 connections so that
  // backlog stays bounded; both targets get the same settings.
  const queries = Math.min(connections, 4);
  return [
    // POST runs once: every round would add ~30k users.
    { name: "GET by id", method: "GET", path: `/scim/v2/Users/${probe}`, rounds },
    { name: "POST", method: "POST", path: "/scim/v2/Users", body: () => userBody(created++, `${kind}-new-`) },
    { name: "PATCH active", method: "PATCH", path: `/scim/v2/Users/${target}`, body: () => PATCHES[patches++ & 1]!, rounds },
    { name: "PUT", method: "PUT", path: `/scim/v2/Users/${target}`, body: () => replacements[puts++ & 1]!, rounds },
    { name: "filter userName eq", method: "GET", path: `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${wanted}"`)}`, connections: queries },
    { name: "emails[work, co example] count=100", method: "GET", path: `/scim/v2/Users?filter=${encodeURIComponent('emails[type eq "work" and value co "example"]')}&count=100`, connections: queries },
  ];
}

/** Waits until a slow scenario's queued requests have drained before the next one starts. */
async function settle(port: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  let quick = 0;
  while (Date.now() < deadline && quick < 3) {
    const started = Date.now();
    await fetch(`http://127.0.0.1:${port}/scim/v2/Users/settle`, { headers: { authorization: "Bearer x" } }).catch(() => undefined);
    quick = Date.now() - started < 100 ? quick + 1 : 0;
  }
}

/** The middle run by req/s (the lower middle of an even count). */
function median<T extends { rps: number }>(runs: readonly T[]): T {
  return [...runs].sort((a, b) => a.rps - b.rps)[(runs.length - 1) >> 1]!;
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

async function main(): Promise<void> {
  console.log(`bench/http: ${seconds}s per scenario, ${connections} connections, Node ${process.version}`);
  // The ceiling is measured right around each GET-by-id run (before and after, averaged):
  // on a shared machine, figures taken minutes apart are not comparable.
  const bare = targets.includes("bare") ? await startTarget("bare") : undefined;
  const fixed: Scenario = { name: "fixed body", method: "GET", path: "/scim/v2/Users/x" };
  if (bare) await runScenario(bare.port, fixed, 1, connections); // warm-up
  for (const size of sizes) {
    const table = new Map<string, Map<string, Result & { cpuPerRequest: number; rounds: number[] }>>();
    const memory = new Map<string, MemoryReport & { seed: number }>();
    const ceilings = new Map<string, Result & { cpuPerRequest: number }>();
    // Every server is seeded first; then each scenario runs on one server after the other,
    // so the ratios compare runs seconds apart: this machine's speed drifts by a third or
    // more over minutes, and runs taken a whole server apart were not comparable.
    const running: { kind: string; t: Target; list: Scenario[] }[] = [];
    for (const kind of targets.filter((t) => t !== "bare")) {
      const t = await startTarget(kind);
      phase(t, "seed");
      const seeded = await seed(t.port, size);
      memory.set(kind, { ...(await rss(t)), seed: seeded.seconds });
      running.push({ kind, t, list: scenarios(seeded.ids, size, kind) });
      table.set(kind, new Map());
    }
    for (const { t, list } of running) await runScenario(t.port, list[0]!, 1, connections); // warm-up: JIT and GC after seeding
    for (let i = 0; i < (running[0]?.list.length ?? 0); i++) {
      // Rounds alternate the servers; each keeps its median round (by req/s) and its CPU
      // over all rounds, and the ceiling its median beside that server's GET runs.
      const samples = new Map<string, { runs: Result[]; cpu: number; ceilings: (Result & { cpuPerRequest: number })[] }>();
      for (let round = 0; round < (running[0]!.list[i]!.rounds ?? 1); round++) {
        for (const { kind, t, list } of running) {
          const s = list[i]!;
          const sample = samples.get(kind) ?? samples.set(kind, { runs: [], cpu: 0, ceilings: [] }).get(kind)!;
          const first = bare && i === 0;
          const bareCpu = first ? await cpu(bare) : 0;
          const before = first ? await runScenario(bare.port, fixed, seconds, connections) : undefined;
          phase(t, s.name);
          const cpuBefore = await cpu(t);
          const r = await runScenario(t.port, s, seconds, s.connections ?? connections);
          await settle(t.port); // the CPU of requests still queued belongs to this scenario
          sample.cpu += (await cpu(t)) - cpuBefore;
          sample.runs.push(r);
          if (before && bare) {
            const after = await runScenario(bare.port, fixed, seconds, connections);
            const perRequest = ((await cpu(bare)) - bareCpu) / Math.max(before.total + after.total, 1);
            sample.ceilings.push({ ...after, rps: (before.rps + after.rps) / 2, cpuPerRequest: perRequest });
          }
        }
      }
      for (const [kind, { runs, cpu: micros, ceilings: beside }] of samples) {
        const total = runs.reduce((n, r) => n + r.total, 0);
        table.get(kind)!.set(running[0]!.list[i]!.name, { ...median(runs), cpuPerRequest: micros / Math.max(total, 1), rounds: runs.map((r) => r.rps) });
        if (beside.length) ceilings.set(kind, median(beside));
      }
    }
    for (const { kind, t } of running) {
      // The server's peak covers the whole run; `now` stays the figure after seeding.
      const after = await rss(t);
      const m = memory.get(kind)!;
      memory.set(kind, { ...after, now: m.now, seed: m.seed });
      await stopTarget(t);
    }
    console.log(`\n${fmt(size)} users`);
    for (const [kind, m] of memory) {
      console.log(`  ${kind.padEnd(9)} seeded over HTTP in ${fmt(m.seed, 1)} s (${fmt(size / m.seed)} users/s); RSS after seeding ${fmt(m.now / MB)} MB, peak ${fmt(m.peak / MB)} MB (at the peak, MB used/size: ${m.peakParts ?? "?"})`);
      const phases = Object.entries(m.phasePeaks ?? {}).map(([name, bytes]) => `${name} ${fmt(bytes / MB)}`);
      // POST keeps what it creates, so later phases hold more users than were seeded.
      const post = table.get(kind)?.get("POST");
      const added = post ? ` (POST added ${fmt(post.total - post.non2xx)} users: ${fmt(size + post.total - post.non2xx)} from the POST phase on)` : "";
      if (phases.length) console.log(`            peak RSS by phase (MB): ${phases.join(", ")}${added}`);
    }
    console.log(`  ${"scenario".padEnd(36)} ${"target".padEnd(9)} ${"req/s".padStart(9)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"non-2xx".padStart(8)} ${"CPU µs/req".padStart(11)}  ratio (req/s of the median round; server CPU per request over all rounds)`);
    const ours = table.get("scim-gen");
    const peer = table.get("scimmy");
    for (const name of (ours ?? peer)?.keys() ?? []) {
      for (const [kind, results] of table) {
        const r = results.get(name)!;
        let ratio = "";
        if (kind === "scim-gen" && peer) {
          const p = peer.get(name)!;
          ratio = `${fmt(r.rps / Math.max(p.rps, 0.01), 1)}x SCIMMY; ${fmt(p.cpuPerRequest / Math.max(r.cpuPerRequest, 0.01), 1)}x less CPU`;
        }
        const ceiling = ceilings.get(kind);
        if (ceiling && name === "GET by id") {
          ratio += `${ratio ? "; " : ""}${fmt((100 * r.rps) / ceiling.rps)}% of bare (${fmt(ceiling.rps)} req/s, ${fmt(ceiling.cpuPerRequest)} µs/req alongside)`;
        }
        if (r.rounds.length > 1) ratio += `${ratio ? "; " : ""}rounds ${r.rounds.map((x) => fmt(x)).join(" / ")} req/s`;
        console.log(`  ${name.padEnd(36)} ${kind.padEnd(9)} ${fmt(r.rps).padStart(9)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${fmt(r.non2xx + r.errors).padStart(8)} ${fmt(r.cpuPerRequest).padStart(11)}  ${ratio}`);
      }
    }
  }
  if (bare) await stopTarget(bare);
}

await main();
