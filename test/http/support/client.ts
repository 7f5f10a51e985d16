import { connect } from "node:net";
import { TOKENS } from "./servers.js";

// A small SCIM client over fetch, plus a raw-socket sender for requests fetch refuses to
// make (truncated bodies, oversized headers).

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> & { Resources?: Record<string, unknown>[] };
  readonly text: string;
}

export interface CallOptions {
  readonly body?: unknown;
  readonly raw?: string;
  readonly token?: string | null;
  readonly headers?: Record<string, string>;
}

export function client(base: string) {
  return async (method: string, path: string, options: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? TOKENS.default : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers["content-type"] ??= "application/scim+json";
    const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    if (text) parsed = JSON.parse(text) as Record<string, unknown>;
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
}

/** Writes `request` verbatim and resolves with the raw response (or "" if none). */
export function rawRequest(url: string, request: string, endAfterMs = 0): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let out = "";
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (out += d));
    socket.on("close", () => resolve(out));
    socket.on("error", () => resolve(out));
    socket.write(request);
    if (endAfterMs > 0) setTimeout(() => socket.end(), endAfterMs);
    setTimeout(() => socket.destroy(), 5000);
  });
}

export const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName,
  ...extra,
});
