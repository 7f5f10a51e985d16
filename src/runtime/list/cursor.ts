import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { ScimError } from "../errors.js";
import type { KeysetPosition } from "../stores/contract.js";

// Cursors (RFC 9865): opaque, URL-safe (base64url), tamper-evident tokens. The payload
// holds a keyset position, a direction, an expiry and a digest of what the cursor is
// bound to (tenant, resource type, normalised query); an HMAC-SHA256 under the server's
// key signs it. A cursor that fails the signature, does not parse, or belongs to another
// tenant or query is 400 invalidCursor; one past its expiry is 400 expiredCursor.

export interface CursorKeyOptions {
  /** HMAC key. Several instances behind one load balancer need the same key; when absent a
   * random key is generated at start, so cursors do not survive a restart. */
  readonly key?: string | Uint8Array;
  /** Seconds a cursor stays valid (RFC 9865 cursorTimeout). Default 3600. */
  readonly timeoutSeconds?: number;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

export interface CursorState {
  /** "after": the page following `position`; "before": the page preceding it. */
  readonly direction: "after" | "before";
  /** Absent for the first page. */
  readonly position?: KeysetPosition;
}

/** What a cursor is bound to; any difference makes it invalid. */
export interface CursorScope {
  readonly tenant: string;
  readonly resourceType: string;
  readonly query: unknown;
}

// Sort values travel in the cursor, so a long one makes a long cursor; bounded all the same.
const MAX_TOKEN = 16_384;
const TOKEN = /^[A-Za-z0-9_-]{1,16300}\.[A-Za-z0-9_-]{43}$/;

const invalid = (detail: string): ScimError => ScimError.badRequest("invalidCursor", detail);

interface Payload {
  v: 1;
  /** Digest of the scope. */
  b: string;
  /** Expiry, epoch seconds. */
  x: number;
  d: "a" | "b";
  /** Position: [id] or [id, value]. */
  p?: [string] | [string, string | number | boolean | null];
}

export class CursorCodec {
  readonly timeoutSeconds: number;
  private readonly key: Uint8Array;
  private readonly now: () => number;

  constructor(options: CursorKeyOptions = {}) {
    this.key = options.key === undefined ? randomBytes(32) : typeof options.key === "string" ? Buffer.from(options.key, "utf8") : options.key;
    if (this.key.byteLength < 16) throw new Error("cursor key must be at least 16 bytes");
    this.timeoutSeconds = options.timeoutSeconds ?? 3600;
    this.now = options.now ?? Date.now;
  }

  issue(scope: CursorScope, state: CursorState): string {
    const payload: Payload = { v: 1, b: digest(scope), x: Math.floor(this.now() / 1000) + this.timeoutSeconds, d: state.direction === "after" ? "a" : "b" };
    const p = state.position;
    if (p) payload.p = p.value === undefined ? [p.id] : [p.id, p.value];
    const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
    return `${body}.${this.sign(body)}`;
  }

  /** The state a cursor carries, checked against the scope of the request presenting it. */
  open(token: string, scope: CursorScope): CursorState {
    if (token.length > MAX_TOKEN || !TOKEN.test(token)) throw invalid("cursor is not one this service provider issued");
    const dot = token.indexOf(".");
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), "base64url");
    const expected = Buffer.from(this.sign(body), "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid("cursor signature does not verify: it was altered or issued by another server");
    const payload = parse(body);
    if (payload.b !== digest(scope)) throw invalid("cursor was issued for a different query, resource type or tenant; repeat the original query's filter, sortBy, sortOrder and attributes");
    if (payload.x * 1000 < this.now()) throw ScimError.badRequest("expiredCursor", `cursor expired; cursors are valid for ${this.timeoutSeconds} seconds`);
    const state: { direction: "after" | "before"; position?: KeysetPosition } = { direction: payload.d === "a" ? "after" : "before" };
    if (payload.p) state.position = payload.p.length === 1 ? { id: payload.p[0] } : { id: payload.p[0], value: payload.p[1] };
    return state;
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update("scim-cursor-v1.").update(body).digest("base64url");
  }
}

function digest(scope: CursorScope): string {
  return createHash("sha256").update(JSON.stringify([scope.tenant, scope.resourceType, scope.query])).digest("base64url").slice(0, 22);
}

/** Signed, so only our own payloads get here; the shape is still checked, not trusted. */
function parse(body: string): Payload {
  let p: unknown;
  try {
    p = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw invalid("cursor is not one this service provider issued");
  }
  const o = p as Partial<Payload> | null;
  const position = o?.p;
  const positionOk = position === undefined || (Array.isArray(position) && typeof position[0] === "string" && (position.length === 1 || (position.length === 2 && ["string", "number", "boolean"].includes(typeof position[1])) || position[1] === null));
  if (!o || o.v !== 1 || typeof o.b !== "string" || typeof o.x !== "number" || (o.d !== "a" && o.d !== "b") || !positionOk) {
    throw invalid("cursor is not one this service provider issued");
  }
  return o as Payload;
}
