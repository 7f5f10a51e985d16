import { ScimError } from "../errors.js";
import { isEventStream, readEventStream } from "./body-stream.js";
import { refuseDuplicateMembers } from "./json-members.js";
import type { ScimBody, ScimHeaders } from "./types.js";

// Request bodies: content negotiation (RFC 7644 §3.1, §8.1), a byte limit enforced while
// reading (413 without reading the rest), a read timeout for slow senders (408), strict
// UTF-8 and JSON, a nesting limit, no `__proto__` keys and no member name twice in one
// object. The stream is read through its iterator rather than `for await` so that stopping
// early does not destroy the socket before the error response is written.

export interface BodyLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
  readonly timeoutMs: number;
}

const ACCEPTED_TYPES = new Set(["application/scim+json", "application/json"]);

export function header(headers: ScimHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === "string" ? v : v?.[0];
}

/**
 * 415 unless the Content-Type is SCIM or plain JSON in UTF-8; a missing type is tolerated.
 * A body is always decoded as UTF-8 (RFC 7644 §8.1, RFC 8259 §8.1), so a charset naming
 * anything else is refused rather than read wrongly.
 */
export function checkContentType(headers: ScimHeaders): void {
  const type = header(headers, "content-type");
  if (type === undefined || type === "" || type === "application/scim+json" || type === "application/json") return;
  const [mediaType, ...parameters] = type.split(";");
  const media = mediaType!.trim().toLowerCase();
  if (!ACCEPTED_TYPES.has(media)) {
    throw new ScimError(415, undefined, `Content-Type ${JSON.stringify(media.slice(0, 100))} is not supported; send application/scim+json`);
  }
  for (const p of parameters) {
    const eq = p.indexOf("=");
    if (eq < 0 || p.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    const charset = p.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1").toLowerCase();
    if (charset !== "utf-8" && charset !== "utf8") {
      throw new ScimError(415, undefined, `Content-Type charset ${JSON.stringify(charset.slice(0, 40))} is not supported; SCIM bodies are UTF-8`);
    }
  }
}

function tooLarge(limit: number): ScimError {
  return new ScimError(413, undefined, `request body exceeds the limit of ${limit} bytes`);
}

/** Reads at most `maxBytes`; rejects early on a larger Content-Length. */
export async function readBody(body: ScimBody | undefined, headers: ScimHeaders, limits: BodyLimits): Promise<Uint8Array> {
  const declared = header(headers, "content-length");
  if (declared !== undefined && Number(declared) > limits.maxBytes) throw tooLarge(limits.maxBytes);
  if (body === undefined) return new Uint8Array(0);
  if (body instanceof Uint8Array) {
    if (body.byteLength > limits.maxBytes) throw tooLarge(limits.maxBytes);
    return body;
  }
  const chunks = isEventStream(body) ? await readEventStream(body, limits.maxBytes, limits.timeoutMs, () => tooLarge(limits.maxBytes)) : await readIterable(body, limits);
  if (chunks.length === 1) return chunks[0]!;
  let total = 0;
  for (const c of chunks) total += c.byteLength;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

async function readIterable(body: AsyncIterable<Uint8Array>, limits: BodyLimits): Promise<Uint8Array[]> {
  const iterator = body[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ScimError(408, undefined, `request body not received within ${limits.timeoutMs} ms`)), limits.timeoutMs);
  });
  try {
    for (;;) {
      const step = await Promise.race([iterator.next(), timeout]);
      if (step.done) break;
      const chunk = step.value;
      total += chunk.byteLength;
      if (total > limits.maxBytes) throw tooLarge(limits.maxBytes);
      chunks.push(chunk);
    }
  } catch (e) {
    if (e instanceof ScimError) throw e;
    throw ScimError.badRequest("invalidSyntax", "request body was truncated or could not be read");
  } finally {
    clearTimeout(timer);
  }
  return chunks;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * One pass over the text: nesting depth outside strings (before JSON.parse recurses), and
 * the number of member names (each `:` outside strings), for the duplicate check.
 */
function scanStructure(text: string, limit: number): number {
  let depth = 0;
  let members = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) throw ScimError.badRequest("invalidSyntax", `JSON nesting deeper than ${limit} levels at character ${i}`);
    } else if (c === 125 || c === 93) depth--;
    else if (c === 58 /* : */) members++;
  }
  return members;
}

function noProtoKeys(key: string, value: unknown): unknown {
  if (key === "__proto__") throw ScimError.badRequest("invalidValue", 'attribute "__proto__" is not allowed');
  return value;
}

/** Parses a JSON object body; 400 invalidSyntax names the problem and its position. */
export function parseJsonBody(bytes: Uint8Array, maxDepth: number): Record<string, unknown> {
  if (bytes.byteLength === 0) throw ScimError.badRequest("invalidSyntax", "request body is empty; a JSON object is required");
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw ScimError.badRequest("invalidSyntax", "request body is not valid UTF-8");
  }
  const members = scanStructure(text, maxDepth);
  let value: unknown;
  try {
    // The reviver costs time, so it only runs when a `__proto__` key could be present.
    value = text.includes("__proto__") || text.includes("\\u") ? JSON.parse(text, noProtoKeys) : JSON.parse(text);
  } catch (e) {
    if (e instanceof ScimError) throw e;
    const message = e instanceof Error ? e.message : "parse error";
    throw ScimError.badRequest("invalidSyntax", `request body is not valid JSON: ${message.slice(0, 200)}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw ScimError.badRequest("invalidSyntax", "request body must be a JSON object");
  }
  refuseDuplicateMembers(text, value, members);
  return value as Record<string, unknown>;
}
