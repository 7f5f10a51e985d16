import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// The conformance suites run against the generated example server (examples/saas-app)
// started as its own process on an ephemeral port, exactly as `npm run example` runs it.
// The third-party suites live in ../shared/conformance beside the repository root (CI
// copies shared/ there); a missing copy is a clear failure, never a silent skip.

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export function sharedFile(name: string): string {
  const path = `${repoRoot}../shared/conformance/${name}`;
  if (!existsSync(path)) {
    throw new Error(`conformance: ${path} is missing; CI needs a copy of shared/ beside the repository (../shared relative to the repo root)`);
  }
  return path;
}

export function readSharedJson<T>(name: string): T {
  return JSON.parse(readFileSync(sharedFile(name), "utf8")) as T;
}

export interface ExampleServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts examples/saas-app with `env` (COMPAT, STORE, SCIM_TOKEN, …) on a free port. */
export function startExample(env: Record<string, string>): Promise<ExampleServer> {
  const child: ChildProcess = spawn(process.execPath, [`${repoRoot}examples/saas-app/start.js`], {
    env: { ...process.env, PORT: "0", FRAMEWORK: "express", STORE: "memory", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`example server did not start in 30 s:\n${output}`)), 30_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(e);
    };
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      output += d.toString();
      const m = /SCIM ready[^:]*: (http:\/\/127\.0\.0\.1:(\d+))\/scim\/v2/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        origin: m[1]!,
        port: Number(m[2]),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
    child.once("exit", (code) => fail(new Error(`example server exited with ${code}:\n${output}`)));
  });
}
