import { describe, expect, it } from "vitest";
import type { AnyResourceHandler } from "../../src/runtime/http/handler.js";
import type { RequestContext } from "../../src/runtime/http/types.js";
import { FRAMEWORKS, startServer, TOKENS } from "./support/servers.js";

// RequestContext.signal aborts when the client goes away, so handlers and stores can stop
// work nobody will read.

describe.each(FRAMEWORKS)("abort signal over %s", (framework) => {
  it("a handler sees the signal abort when the client disconnects", async () => {
    let aborted: () => void = () => {};
    const seen = new Promise<void>((resolve) => (aborted = resolve));
    let started: () => void = () => {};
    const waiting = new Promise<void>((resolve) => (started = resolve));
    const slow = {
      list: (ctx: RequestContext) =>
        new Promise((_resolve, reject) => {
          ctx.signal.addEventListener("abort", () => {
            aborted();
            reject(new Error("client went away"));
          });
          started();
        }),
    } as unknown as AnyResourceHandler;
    const server = await startServer(framework, { handlers: { User: slow } });
    const client = new AbortController();
    const request = fetch(`${server.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${TOKENS.default}` }, signal: client.signal }).catch(() => "aborted");
    await waiting;
    client.abort();
    expect(await request).toBe("aborted");
    await expect(Promise.race([seen.then(() => "seen"), new Promise((r) => setTimeout(() => r("timeout"), 3000))])).resolves.toBe("seen");
    await server.close();
  });
});
