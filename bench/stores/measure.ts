import { loadavg } from "node:os";

// Small timing helpers for the store bench: percentiles over repeated async calls, each
// with the 1-minute load average when it ended (the machine is shared: a figure means
// little without it).

export interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
  readonly load: number;
}

export async function time(runs: number, call: (i: number) => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  for (let i = 0; i < Math.min(3, runs); i++) await call(-1 - i); // warm caches and JIT
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await call(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
  return { p50: at(0.5), p95: at(0.95), runs, load: loadavg()[0]! };
}

export const fmt = (t: Timing): string => `p50 ${t.p50.toFixed(2)} ms  p95 ${t.p95.toFixed(2)} ms  (${t.runs} runs, load ${t.load.toFixed(2)})`;

/** Runs `task(i)` for i in [0, n) with `concurrency` workers; returns items per second. */
export async function seed(n: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}
