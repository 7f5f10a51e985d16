#!/usr/bin/env node
// `npm run bench:gen`: wall time of whole `scim-gen` processes on the three golden fixture
// sets (median of RUNS): a cold generate into an empty directory (everything formatted),
// a warm generate with nothing to do, and `check`. Targets on a 2-core machine:
// generate <= 1.5 s, check <= 1 s. Needs the build (`npm run build`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "bin/scim-gen.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SETS = ["core", "enterprise", "custom"];

if (!existsSync(join(root, "dist/cli/main.js"))) {
  console.error("bench:gen needs the build: run `npm run build` first");
  process.exit(1);
}

// CPU time (user + system) of waited-for children, from /proc/self/stat (cutime, cstime;
// Linux, clock ticks of 10 ms). On a machine shared with other work, wall time mostly
// measures the queue for a core; CPU time is what the run itself costs.
function childCpuMs() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

function time(args) {
  const cpuBefore = childCpuMs();
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`scim-gen ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return { wall: ms, cpu: childCpuMs() - cpuBefore };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (runs) => `${median(runs.map((r) => r.wall)).toFixed(0).padStart(5)} ms (cpu ${median(runs.map((r) => r.cpu)).toFixed(0).padStart(4)})`;

console.log(`scim-gen bench (median of ${RUNS} whole-process runs, node ${process.version})`);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${availableParallelism()} cores`);
console.log("set          cold generate           warm generate           check");
let worst = { generate: 0, check: 0 };
for (const set of SETS) {
  const config = join(root, `test/fixtures/${set}/scim-gen.config.json`);
  const cold = [];
  const warm = [];
  const check = [];
  const out = mkdtempSync(join(tmpdir(), `scim-gen-bench-${set}-`));
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { recursive: true, force: true });
    cold.push(time(["generate", "--config", config, "--out", out]));
    warm.push(time(["generate", "--config", config, "--out", out]));
    check.push(time(["check", "--config", config, "--out", out]));
  }
  rmSync(out, { recursive: true, force: true });
  worst = { generate: Math.max(worst.generate, median(cold.map((r) => r.wall))), check: Math.max(worst.check, median(check.map((r) => r.wall))) };
  console.log(`${set.padEnd(12)} ${fmt(cold)}    ${fmt(warm)}    ${fmt(check)}`);
}
const ok = worst.generate <= 1500 && worst.check <= 1000;
console.log(`targets (wall): generate <= 1500 ms (worst ${worst.generate.toFixed(0)}), check <= 1000 ms (worst ${worst.check.toFixed(0)}): ${ok ? "met" : "MISSED"}`);
console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
