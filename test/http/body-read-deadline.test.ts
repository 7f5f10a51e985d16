import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { readBody } from "../../src/runtime/http/body.js";
import { deadline, pendingDeadlines } from "../../src/runtime/http/deadlines.js";
import { ScimError } from "../../src/runtime/errors.js";

// Reading a request body through stream events: a shared deadline sweep (not a timer per
// request) turns a stalled sender into 408, an aborted one into 400, and a body read in
// time cancels its deadline.

class FakeStream extends EventEmitter {
  readableEnded = false;
  paused = false;
  pause(): this {
    this.paused = true;
    return this;
  }
  end(): void {
    this.readableEnded = true;
    this.emit("end");
  }
}

const limits = { maxBytes: 100, maxDepth: 32, timeoutMs: 60 };
const statusOf = async (p: Promise<unknown>): Promise<number | string> => p.then(() => "ok", (e: unknown) => (e instanceof ScimError ? e.status : String(e)));

describe("deadline", () => {
  it("fires once, soon after its time, unless cancelled", async () => {
    const fired: string[] = [];
    const started = Date.now();
    deadline(30, () => fired.push("a"));
    const cancel = deadline(30, () => fired.push("b"));
    deadline(1_000, () => fired.push("late"));
    cancel();
    await new Promise((r) => setTimeout(r, 150));
    expect(fired).toEqual(["a"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(30);
  });
});

describe("readBody over stream events", () => {
  it.each([
    ["chunks then end", (s: FakeStream) => (s.emit("data", Buffer.from('{"a":')), s.emit("data", Buffer.from("1}")), s.end()), "ok"],
    ["a sender that stalls", () => undefined, 408],
    ["a sender that aborts", (s: FakeStream) => (s.emit("data", Buffer.from("{")), s.emit("close")), 400],
    ["a stream error", (s: FakeStream) => s.emit("error", new Error("ECONNRESET")), 400],
    ["more than the limit", (s: FakeStream) => s.emit("data", Buffer.alloc(101)), 413],
  ] as [string, (s: FakeStream) => void, number | string][])("%s → %s", async (_, act, expected) => {
    const stream = new FakeStream();
    const before = pendingDeadlines();
    const read = readBody(stream as never, {}, limits);
    expect(pendingDeadlines()).toBe(before + 1);
    act(stream);
    expect(await statusOf(read)).toBe(expected);
    expect(pendingDeadlines()).toBe(before); // settled reads hold no deadline
    // Nothing is left listening, and a failed read pauses the stream rather than destroying it.
    for (const e of ["data", "end", "error", "close"]) expect(stream.listenerCount(e)).toBe(0);
    expect(stream.paused).toBe(expected !== "ok");
  });

  it("a body read in time is not failed later by its deadline", async () => {
    const stream = new FakeStream();
    const read = readBody(stream as never, {}, limits);
    stream.emit("data", Buffer.from("{}"));
    stream.end();
    expect(await statusOf(read)).toBe("ok");
    await new Promise((r) => setTimeout(r, 150));
    expect(stream.paused).toBe(false);
  });
});
