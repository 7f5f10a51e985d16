import { PerformanceObserver } from "node:perf_hooks";
import { getHeapStatistics } from "node:v8";
import { createKernel } from "../../src/runtime/http/kernel.js";
import type { ScimRequest } from "../../src/runtime/http/types.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { bearerTokens, singleTenant } from "../../src/runtime/tenancy/index.js";
import { validators } from "../../test/support/generated/core-validators.js";
import { userBody } from "./load.js";
import { coreManifest } from "./manifest.js";
import { TOKEN } from "./token.js";

// The kernel + memory store without HTTP or autocannon: where the cost of 100k users goes
// (heap held by the stored data, CPU and GC time per request). Run with
// `node --expose-gc --import tsx bench/http/in-process.ts` (BENCH_USERS, BENCH_OPS).

const users = Number(process.env.BENCH_USERS ?? 100_000);
const ops = Number(process.env.BENCH_OPS ?? 20_000);
const MB = 1024 * 1024;
const KIND: Record<number, string> = { 1: "minor", 2: "major", 4: "incremental", 8: "weak" };
const encoder = new TextEncoder();
const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/scim+json", host: "localhost" };
// Alternating values: a PATCH or PUT that changes nothing is not written (RFC 7644 §3.5.2.1).
const patchActive = (active: boolean) => encoder.encode(JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: active }] }));
const PATCHES = [patchActive(false), patchActive(true)] as const;

let gcMs = 0;
let gcs = 0;
const kinds = new Map<number, [number, number]>();
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMs += e.duration;
    gcs++;
    const kind = (e as unknown as { detail: { kind: number } }).detail.kind;
    const k = kinds.get(kind) ?? [0, 0];
    kinds.set(kind, [k[0] + 1, k[1] + e.duration]);
  }
}).observe({ entryTypes: ["gc"] });

const kernel = createKernel({ manifest: coreManifest(), validators, store: memoryStore(), auth: bearerTokens({ default: TOKEN }), tenancy: singleTenant({ basePath: "/scim/v2" }) });
const call = (method: string, url: string, body?: Uint8Array): Promise<{ status: number; body?: string }> => {
  const req: ScimRequest = body ? { method, url, headers, body } : { method, url, headers };
  return kernel.handle(req);
};

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
gc();
const heap0 = getHeapStatistics().used_heap_size;
const ids: string[] = [];
let t = performance.now();
for (let i = 0; i < users; i++) {
  const r = await call("POST", "/scim/v2/Users", encoder.encode(userBody(i)));
  if (r.status !== 201) throw new Error(`seed ${i}: ${r.status} ${r.body}`);
  ids.push((JSON.parse(r.body!) as { id: string }).id);
}
const seedMs = performance.now() - t;
gc();
const held = getHeapStatistics().used_heap_size - heap0;
console.log(`${users} users seeded in ${(seedMs / 1000).toFixed(1)} s; heap held ${(held / MB).toFixed(1)} MB (${Math.round(held / users)} B/user); RSS ${(process.memoryUsage.rss() / MB).toFixed(0)} MB`);

async function measure(name: string, run: (i: number) => Promise<{ status: number }>): Promise<void> {
  gc();
  gcMs = 0;
  gcs = 0;
  kinds.clear();
  const cpu0 = process.cpuUsage();
  t = performance.now();
  for (let i = 0; i < ops; i++) {
    const r = await run(i);
    if (r.status >= 300) throw new Error(`${name}: ${r.status}`);
  }
  const ms = performance.now() - t;
  const c = process.cpuUsage(cpu0);
  await new Promise((r) => setTimeout(r, 20)); // gc entries arrive on a later tick
  console.log(`  ${name.padEnd(10)} ${((1000 * ms) / ops).toFixed(1).padStart(6)} µs/op wall, ${((c.user + c.system) / ops).toFixed(1).padStart(6)} µs/op CPU, GC ${gcs} pauses ${((1000 * gcMs) / ops).toFixed(1)} µs/op (${[...kinds].map(([k, [n, d]]) => `${KIND[k] ?? k} ${n}×${(d / n).toFixed(1)}ms`).join(", ")})`);
}

const target = ids[users - 1]!;
const probe = ids[users >> 1]!;
await measure("GET", () => call("GET", `/scim/v2/Users/${probe}`));
await measure("PATCH", (i) => call("PATCH", `/scim/v2/Users/${target}`, PATCHES[i & 1]!));
// Each op a different user (7919 is prime to the user count), seeded active: all writes.
await measure("PATCH many", (i) => call("PATCH", `/scim/v2/Users/${ids[(i * 7919) % users]}`, PATCHES[0]));
await measure("PUT", (i) => call("PUT", `/scim/v2/Users/${target}`, encoder.encode(userBody(users - 1, "user", (i & 1) === 1))));
await measure("POST", (i) => call("POST", "/scim/v2/Users", encoder.encode(userBody(i, "new-"))));
gc();
console.log(`  heap after: ${((getHeapStatistics().used_heap_size - heap0) / MB).toFixed(1)} MB; RSS ${(process.memoryUsage.rss() / MB).toFixed(0)} MB`);
