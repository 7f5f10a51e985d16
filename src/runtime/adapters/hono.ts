import type { Context } from "hono";
import type { Kernel } from "../http/kernel.js";
import type { ScimRequest } from "../http/types.js";

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

export function scimRequestFromFetch(request: Request): ScimRequest {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const url = request.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  return {
    method: request.method,
    url: start < 0 ? "/" : url.slice(start),
    headers,
    ...(request.body ? { body: chunks(request.body) } : {}),
    signal: request.signal,
  };
}

export function toFetchResponse(r: Awaited<ReturnType<Kernel["handle"]>>): Response {
  return new Response(r.body ?? null, { status: r.status, headers: r.headers });
}

/** A plain fetch handler: `export default { fetch: (req) => fetchHandler(kernel, req) }`. */
export async function fetchHandler(kernel: Kernel, request: Request): Promise<Response> {
  return toFetchResponse(await kernel.handle(scimRequestFromFetch(request)));
}

/** `app.use(honoHandler(kernel))`: serves the SCIM base paths, passes other paths on. */
export function honoHandler(kernel: Kernel): (c: Context, next: () => Promise<void>) => Promise<Response | void> {
  return async (c, next) => {
    const request = scimRequestFromFetch(c.req.raw);
    if (!kernel.owns(request.url, request.headers)) return next();
    return toFetchResponse(await kernel.handle(request));
  };
}
