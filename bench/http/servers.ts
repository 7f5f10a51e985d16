import { createServer, type Server } from "node:http";
import { getHeapSpaceStatistics } from "node:v8";

// One server per process, chosen by argv[2], so each one's RSS is its own:
//   scim-gen  the kernel + memory store behind the node:http adapter (the fastest door)
//   scimmy    SCIMMY + Express (bench/peers)
//   bare      node:http answering a fixed body: the ceiling for this machine
// Reports its port on stdout and, over IPC when asked, its RSS (after BENCH_GCS forced full
// GCs, default 1), heap and per-space sizes.

import { TOKEN } from "./token.js";

// Modules load per kind, so no server carries another's code in its RSS.
async function build(kind: string): Promise<Server> {
  if (kind === "scim-gen") {
    const [{ nodeHandler, scimClientError }, { createKernel }, { memoryStore }, { bearerTokens, singleTenant }, { validators }, { coreManifest }] = await Promise.all([
      import("../../src/runtime/adapters/node.js"),
      import("../../src/runtime/http/kernel.js"),
      import("../../src/runtime/stores/memory/index.js"),
      import("../../src/runtime/tenancy/index.js"),
      import("../../test/support/generated/core-validators.js"),
      import("./manifest.js"),
    ]);
    const kernel = createKernel({
      manifest: coreManifest(),
      validators,
      store: memoryStore(),
      auth: bearerTokens({ default: TOKEN }),
      tenancy: singleTenant({ basePath: "/scim/v2" }),
    });
    const server = createServer(nodeHandler(kernel));
    server.on("clientError", scimClientError);
    return server;
  }
  if (kind === "scimmy") return (await import("../peers/scimmy-express.js")).scimmyServer(TOKEN);
  if (kind === "bare") {
    const body = JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: "2819c223", userName: "bjensen" });
    return createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "application/scim+json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  }
  throw new Error(`unknown server kind ${kind}`);
}

if (process.argv[2]) {
  const server = await build(process.argv[2]);
  let peak = process.memoryUsage.rss();
  // What made up the peak: V8's spaces and the memory outside them, when it was reached.
  let peakParts = "";
  // The highest RSS seen in each phase the runner names (seeding, each scenario).
  let phase = "start";
  const phasePeaks: Record<string, number> = {};
  setInterval(() => {
    const now = process.memoryUsage.rss();
    phasePeaks[phase] = Math.max(phasePeaks[phase] ?? 0, now);
    if (now <= peak) return;
    peak = now;
    const mb = (n: number) => Math.round(n / 1048576);
    const spaces = getHeapSpaceStatistics().filter((s) => s.space_size > 1048576).map((s) => `${s.space_name.replace("_space", "")} ${mb(s.space_used_size)}/${mb(s.space_size)}`);
    peakParts = `${spaces.join(", ")}; external ${mb(process.memoryUsage().external)}`;
  }, 50).unref();
  process.on("message", (m: { type: string; name?: string }) => {
    if (m.type === "exit") process.exit(0); // a clean exit, so --cpu-prof can write its profile
    if (m.type === "phase") phase = m.name ?? "?";
    if (m.type === "cpu") {
      const c = process.cpuUsage();
      process.send!({ type: "cpu", micros: c.user + c.system, user: c.user, system: c.system });
    }
    if (m.type === "rss") {
      if (typeof globalThis.gc === "function") for (let i = 0; i < Number(process.env.BENCH_GCS ?? 1); i++) globalThis.gc();
      const m = process.memoryUsage();
      const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]));
      process.send!({ type: "rss", peak: Math.max(peak, m.rss), peakParts, phasePeaks, now: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, spaces });
    }
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send!({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
  });
}
