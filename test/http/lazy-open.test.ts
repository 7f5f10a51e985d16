import { describe, expect, it } from "vitest";
import { lazyOpen } from "../../src/runtime/http/store-handler.js";

// The kernel opens its store on the first request that needs it. Requests arriving while
// it opens share the one open; once open, `ready()` answers undefined so requests go on
// without waiting a tick; a failed open is not remembered: the next request tries again.

describe("lazyOpen", () => {
  it("opens once, shares the open in flight, then answers undefined", async () => {
    let opens = 0;
    const ready = lazyOpen(async () => void opens++);
    const first = ready();
    const second = ready();
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBe(first);
    await first;
    expect([ready(), ready(), opens]).toEqual([undefined, undefined, 1]);
  });

  it("does not call open before the first request", () => {
    let opens = 0;
    lazyOpen(async () => void opens++);
    expect(opens).toBe(0);
  });

  it("a failed open rejects its waiters and is retried by the next call", async () => {
    const outcomes = [new Error("database down"), undefined];
    let opens = 0;
    const ready = lazyOpen(async () => {
      const outcome = outcomes[opens++];
      if (outcome) throw outcome;
    });
    const failing = ready();
    const alsoFailing = ready();
    await expect(failing).rejects.toThrow("database down");
    await expect(alsoFailing).rejects.toThrow("database down");
    const retry = ready();
    expect(retry).toBeInstanceOf(Promise);
    await retry;
    expect([ready(), opens]).toEqual([undefined, 2]);
  });
});
