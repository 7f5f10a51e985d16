import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { NodeScimRequest } from "../../src/runtime/adapters/node.js";

// The node adapter's request object: it reads the stream as the body, aborts its signal
// when the client goes away, and once the response is sent holds nothing of the exchange
// (so a socket's lingering last request does not keep the response alive).

async function exchange(handle: (req: IncomingMessage, res: ServerResponse) => void, body?: string): Promise<void> {
  const server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: body ? "POST" : "GET", path: "/x" }, (res) => res.resume().on("end", resolve));
    req.on("error", reject);
    req.end(body);
  });
  await new Promise((r) => server.close(r));
}

describe("NodeScimRequest", () => {
  it("carries method, url, headers and the stream as body; after send it holds none of them", async () => {
    let seen: NodeScimRequest | undefined;
    await exchange((req, res) => {
      const r = (seen = new NodeScimRequest(req, res, "/scim/v2/Users"));
      expect([r.method, r.url, r.headers.host?.startsWith("127.0.0.1"), r.body]).toEqual(["POST", "/scim/v2/Users", true, req]);
      r.send({ status: 200, headers: { "content-type": "application/scim+json" }, body: "{}" });
    }, "{}");
    expect([seen!.body, seen!.headers]).toEqual([undefined, {}]);
    expect(seen!.signal.aborted).toBe(false); // asked after the response: nothing to abort
  });

  it("uses given bytes as the body instead of the stream", async () => {
    await exchange((req, res) => {
      const bytes = new TextEncoder().encode("{}");
      const r = new NodeScimRequest(req, res, "/x", bytes);
      expect(r.body).toBe(bytes);
      r.send({ status: 204, headers: {} });
    });
  });

  it("aborts its signal when the client goes away before the response", async () => {
    const server = createServer((req, res) => {
      const r = new NodeScimRequest(req, res, "/x");
      r.signal.addEventListener("abort", () => {
        expect(r.signal.aborted).toBe(true);
        server.close();
      });
      req.socket.destroy();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const closed = new Promise((r) => server.on("close", r));
    const { port } = server.address() as { port: number };
    httpRequest({ host: "127.0.0.1", port, path: "/x" }).on("error", () => {}).end();
    await closed;
  });
});
