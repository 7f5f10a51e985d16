import type { Context } from "hono";
import type { Kernel } from "../http/kernel.js";
import type { ScimHeaders } from "../http/types.js";

// Fetch-API adapter (Hono on Node via @hono/node-server, Bun, Deno, Workers): Request in,
// Response out. The body stays a stream until the kernel reads it under its limit.

async function* chunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

export async function fetchHandler(kernel: Kernel, request: Request): Promise<Response> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const url = request.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const r = await kernel.handle({
    method: request.method,
    url: start < 0 ? "/" : url.slice(start),
    headers: headers as ScimHeaders,
    ...(request.body ? { body: chunks(request.body) } : {}),
    signal: request.signal,
  });
  return new Response(r.body ?? null, { status: r.status, headers: r.headers });
}

/** `app.all("/scim/v2/*", honoHandler(kernel))`, or mount on any fetch-based router. */
export function honoHandler(kernel: Kernel): (c: Context) => Promise<Response> {
  return (c) => fetchHandler(kernel, c.req.raw);
}
