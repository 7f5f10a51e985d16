import { createServer, request, type ServerResponse } from "node:http";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { nodeHandler, sendAtTurnEnd } from "../../src/runtime/adapters/node.js";
import { atTurnEnd, turnEnd } from "../../src/runtime/adapters/turn-end.js";
import { createKernel } from "../../src/runtime/http/kernel.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { bearerTokens, singleTenant } from "../../src/runtime/tenancy/index.js";
import { coreManifest } from "../support/core-manifest.js";
import { validators } from "../support/generated/core-validators.js";

// Responses completed in one event-loop turn are written together when it ends (node:http
// and Express queue them, Fastify awaits turnEnd): none before, all of them then, in the
// order they completed; one that cannot be written loses its connection without holding
// back the others.

/** A ServerResponse stand-in that records what is done to it in a shared log. */
function fakeResponse(name: string, log: string[], failOn?: "writeHead"): ServerResponse {
  const res = {
    writeHead(status: number, headers: Record<string, string>) {
      if (failOn === "writeHead") throw new Error(`${name}: invalid header`);
      log.push(`${name} head ${status} ${headers["content-length"] ?? "-"}`);
      return res;
    },
    end(body?: string) {
      log.push(`${name} end ${body ?? ""}`);
      return res;
    },
    destroy(err?: Error) {
      log.push(`${name} destroyed: ${err?.message ?? ""}`);
      return res;
    },
  };
  return res as unknown as ServerResponse;
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r));
const ok = (body: string) => ({ status: 200, headers: { "content-type": "application/scim+json" }, body });

describe("sendAtTurnEnd", () => {
  it("writes nothing during the turn and every response at its end, oldest first", async () => {
    const log: string[] = [];
    sendAtTurnEnd(fakeResponse("a", log), ok("{}"));
    await Promise.resolve(); // microtasks of the same turn
    sendAtTurnEnd(fakeResponse("b", log), { status: 204, headers: {} });
    sendAtTurnEnd(fakeResponse("c", log), ok('{"é":1}'));
    expect(log).toEqual([]);
    await nextTurn();
    expect(log).toEqual(["a head 200 2", "a end {}", "b head 204 -", "b end ", "c head 200 8", "c end {\"é\":1}"]);
  });

  it("destroys a response that cannot be written and still writes the rest of the burst", async () => {
    const log: string[] = [];
    sendAtTurnEnd(fakeResponse("a", log, "writeHead"), ok("{}"));
    sendAtTurnEnd(fakeResponse("b", log), ok("{}"));
    await nextTurn();
    expect(log).toEqual(["a destroyed: a: invalid header", "b head 200 2", "b end {}"]);
  });

  it("sends a response queued while a burst is written in the next burst", async () => {
    const log: string[] = [];
    const late = fakeResponse("late", log);
    const first = fakeResponse("first", log);
    const end = first.end.bind(first);
    first.end = ((body?: string) => {
      sendAtTurnEnd(late, ok("[]"));
      return end(body);
    }) as ServerResponse["end"];
    sendAtTurnEnd(first, ok("{}"));
    await nextTurn();
    expect(log).toEqual(["first head 200 2", "first end {}"]);
    await nextTurn();
    expect(log).toEqual(["first head 200 2", "first end {}", "late head 200 2", "late end []"]);
  });
});

describe("a client that leaves before the turn ends", () => {
  it("has its response dropped quietly, and the server keeps serving", async () => {
    const server = createServer((req, res) => {
      if (req.url === "/leave") req.socket.destroy();
      sendAtTurnEnd(res, ok("{}"));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const get = (path: string) =>
      new Promise<number | string>((resolve) => {
        const req = request({ host: "127.0.0.1", port, path }, (res) => res.resume().on("end", () => resolve(res.statusCode ?? 0)));
        req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? "error")).end();
      });
    expect(await get("/leave")).toBe("ECONNRESET");
    expect(await get("/stay")).toBe(200);
    await new Promise((r) => server.close(r));
  });
});

describe("atTurnEnd", () => {
  it("runs the tasks after one that throws, and rethrows its error after them", async () => {
    const log: string[] = [];
    const thrown = new Promise<unknown>((resolve) => process.once("uncaughtException", resolve));
    atTurnEnd(() => log.push("before"));
    atTurnEnd(() => {
      throw new Error("task failed");
    });
    atTurnEnd(() => log.push("after"));
    await nextTurn();
    expect(log).toEqual(["before", "after"]);
    expect(((await thrown) as Error).message).toBe("task failed");
  });
});

describe("turnEnd", () => {
  it("resolves every waiter of a turn with one promise, after the tasks queued before it", async () => {
    const log: string[] = [];
    atTurnEnd(() => log.push("task 1"));
    const first = turnEnd();
    expect(turnEnd() === first).toBe(true);
    atTurnEnd(() => log.push("task 2"));
    const waiters = [first.then(() => log.push("waiter a")), turnEnd().then(() => log.push("waiter b"))];
    await Promise.all(waiters);
    expect(log).toEqual(["task 1", "task 2", "waiter a", "waiter b"]);
    expect(turnEnd() === first).toBe(false); // a new turn, a new promise
    await turnEnd();
  });
});

describe("nodeHandler writes at turn end", () => {
  /** Three pipelined requests on one socket, one raw read of everything the server sent back. */
  async function pipelined(coalesceWrites: boolean): Promise<string[]> {
    const kernel = createKernel({ manifest: coreManifest(), validators, store: memoryStore(), auth: bearerTokens({ default: "t0123456789abcdef" }), tenancy: singleTenant({ basePath: "/scim/v2" }) });
    const server = createServer(nodeHandler(kernel, { coalesceWrites }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const socket = connect(port, "127.0.0.1");
    const get = (path: string, last = false) => `GET ${path} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer t0123456789abcdef\r\n${last ? "connection: close\r\n" : ""}\r\n`;
    socket.write(get("/scim/v2/Users/missing") + get("/scim/v2/ServiceProviderConfig") + get("/scim/v2/Users?count=0", true));
    let text = "";
    socket.setEncoding("utf8").on("data", (d: string) => (text += d));
    await new Promise((r) => socket.on("end", r));
    await new Promise((r) => server.close(r));
    return [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]!);
  }

  it.each([true, false])("answers pipelined requests in their order (coalesceWrites %s)", async (coalesceWrites) => {
    expect(await pipelined(coalesceWrites)).toEqual(["404", "200", "200"]);
  });
});
