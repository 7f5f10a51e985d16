import { fork, type ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { TOKEN } from "./token.js";

// Starting a server process, seeding it over HTTP, and one autocannon run per scenario.

export interface Target {
  readonly kind: string;
  readonly port: number;
  readonly child: ChildProcess;
}

let bundled: Promise<string> | undefined;

/** Server code bundled to plain JS once (esbuild ships with tsx), so the measured RSS is
 * the server's own and not tsx's loader thread. Packages stay external, resolved from
 * this checkout's node_modules. */
function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    const { build } = await import("esbuild");
    const outfile = fileURLToPath(new URL("./.build/servers.mjs", import.meta.url));
    await build({
      entryPoints: [fileURLToPath(new URL("./servers.ts", import.meta.url))],
      outfile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "warning",
    });
    return outfile;
  })();
  return bundled;
}

export async function startTarget(kind: string): Promise<Target> {
  const file = await serverBundle();
  const root = fileURLToPath(new URL("../../", import.meta.url));
  const child = fork(file, [kind], {
    execArgv: ["--expose-gc", ...(process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean)],
    env: { ...process.env, SCIM_GEN_ROOT: root },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { type: string; port: number }) => (m.type === "ready" ? resolve(m.port) : reject(new Error("bad message"))));
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { kind, port, child };
}

export interface MemoryReport {
  readonly peak: number;
  readonly now: number;
  /** What made up the peak: V8's spaces and external memory when it was reached. */
  readonly peakParts?: string;
  /** Highest RSS per phase named with phase(). */
  readonly phasePeaks?: Readonly<Record<string, number>>;
}

export function rss(target: Target): Promise<MemoryReport> {
  return new Promise((resolve) => {
    target.child.once("message", (m: MemoryReport & { type: string }) => resolve(m));
    target.child.send({ type: "rss" });
  });
}

/** Names the phase the server's RSS peaks are recorded under. */
export function phase(target: Target, name: string): void {
  target.child.send({ type: "phase", name });
}

/** CPU time (user + system, µs) the server process has used so far. */
export function cpu(target: Target): Promise<number> {
  return new Promise((resolve) => {
    target.child.once("message", (m: { type: string; micros: number }) => resolve(m.micros));
    target.child.send({ type: "cpu" });
  });
}

export async function stopTarget(target: Target): Promise<void> {
  target.child.send({ type: "exit" });
  await new Promise((r) => target.child.once("exit", r));
}

export const userBody = (i: number, prefix = "user", active = true): string =>
  JSON.stringify({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    userName: `${prefix}${i}`,
    name: { givenName: `Given${i}`, familyName: `Family${i}` },
    displayName: `User ${i}`,
    active,
    emails: [
      { value: `${prefix}${i}@${i % 3 === 0 ? "example.com" : "corp.test"}`, type: i % 2 === 0 ? "work" : "home", primary: true },
    ],
  });

const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/scim+json" };

function post(agent: Agent, port: number, body: string): Promise<{ status: number; id?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/scim/v2/Users", method: "POST", agent, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => {
        const id = res.statusCode === 201 ? (JSON.parse(text) as { id: string }).id : undefined;
        resolve({ status: res.statusCode ?? 0, ...(id ? { id } : {}) });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** POSTs `count` users, `concurrency` at a time; returns every created id in order. */
export async function seed(port: number, count: number, concurrency = 32): Promise<{ ids: string[]; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const ids: string[] = new Array(count);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const r = await post(agent, port, userBody(i));
        if (r.status !== 201) throw new Error(`seeding user${i}: HTTP ${r.status}`);
        ids[i] = r.id!;
      }
    }),
  );
  agent.destroy();
  return { ids, seconds: (performance.now() - started) / 1000 };
}

export interface Scenario {
  readonly name: string;
  readonly method: "GET" | "POST" | "PUT" | "PATCH";
  readonly path: string;
  readonly body?: () => string;
  /** Overrides the run's connection count. */
  readonly connections?: number;
  /** Times the runner repeats it on each server (default 1). */
  readonly rounds?: number;
}

export interface Result {
  readonly rps: number;
  /** Responses received during the run. */
  readonly total: number;
  readonly p50: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

export async function runScenario(port: number, s: Scenario, seconds: number, connections: number): Promise<Result> {
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    headers,
    requests: [
      {
        method: s.method,
        path: s.path,
        ...(s.body ? { setupRequest: (req: Record<string, unknown>) => ({ ...req, body: s.body!() }) } : {}),
      },
    ],
  });
  return { rps: r.requests.average, total: r.requests.total, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}
