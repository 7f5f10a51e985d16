import { fork, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { TOKEN } from "./token.js";

// The HTTP leg of the store bench: a kernel server process on the seeded store, queried
// sequentially over keep-alive so the latency is one request's, not a queue's.

export interface HttpServer {
  readonly port: number;
  stop(): Promise<void>;
}

export async function startServer(args: string[]): Promise<HttpServer> {
  const child: ChildProcess = fork(new URL("./server.ts", import.meta.url).pathname, args, { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { port: number }) => resolve(m.port));
    child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send({ type: "stop" });
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

export function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { authorization: `Bearer ${TOKEN}`, accept: "application/scim+json" } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
