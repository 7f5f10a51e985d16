import * as crypto from "node:crypto";
import { header } from "../http/body.js";
import type { Principal, ScimHeaders } from "../http/types.js";
import type { Authenticator } from "./types.js";

// Bearer tokens (RFC 6750) mapped to tenants and principals. Tokens are compared as
// SHA-256 digests with timingSafeEqual against every configured entry, without early exit,
// so response time says nothing about how much of a token was right.

export interface BearerTokenEntry {
  readonly token: string;
  /** Principal id; defaults to the first tenant. */
  readonly id?: string;
  readonly tenants: readonly string[] | "*";
  readonly claims?: Readonly<Record<string, unknown>>;
}

/** `{ acme: "tokenA" }` (tenant -> token or tokens) or a list of entries. */
export type BearerTokenConfig = Readonly<Record<string, string | readonly string[]>> | readonly BearerTokenEntry[];

// crypto.hash (Node 20.12+) is the one-shot form: no Hash object per request.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "buffer") => Buffer }).hash;
const digest = (s: string): Buffer => (oneShot ? oneShot("sha256", s, "buffer") : crypto.createHash("sha256").update(s, "utf8").digest());

function entries(config: BearerTokenConfig): BearerTokenEntry[] {
  if (Array.isArray(config)) return [...(config as readonly BearerTokenEntry[])];
  const out: BearerTokenEntry[] = [];
  for (const [tenant, tokens] of Object.entries(config as Readonly<Record<string, string | readonly string[]>>)) {
    for (const token of typeof tokens === "string" ? [tokens] : tokens) out.push({ token, id: tenant, tenants: [tenant] });
  }
  return out;
}

export function bearerTokens(config: BearerTokenConfig, options: { realm?: string } = {}): Authenticator {
  const table = entries(config).map((e) => {
    if (e.token === "" || /\s/.test(e.token)) throw new Error("bearerTokens: a token must be non-empty and contain no whitespace");
    const principal: Principal = { id: e.id ?? (e.tenants === "*" ? "admin" : e.tenants[0] ?? "client"), tenants: e.tenants, ...(e.claims ? { claims: e.claims } : {}) };
    return { hash: digest(e.token), principal };
  });
  const realm = (options.realm ?? "SCIM").replace(/["\\]/g, "");
  const accepted = new Map<string, Principal>();
  return {
    challenge: `Bearer realm="${realm}"`,
    schemes: [
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description: "Authentication with a bearer token in the Authorization header",
        specUri: "https://www.rfc-editor.org/rfc/rfc6750",
        primary: true,
      },
    ],
    authenticate(headers: ScimHeaders): Principal | undefined {
      const value = header(headers, "authorization");
      if (value === undefined || value.length > 4096) return undefined;
      const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(value);
      if (!match) return undefined;
      const token = match[1]!;
      // A token already proven valid is looked up by its exact text: a hit only says it is
      // valid, as the response would; any other token takes the constant-time path.
      const known = accepted.get(token);
      if (known) return known;
      const presented = digest(token);
      let found: Principal | undefined;
      for (const entry of table) {
        if (crypto.timingSafeEqual(entry.hash, presented) && !found) found = entry.principal;
      }
      if (found) {
        if (accepted.size >= 64) accepted.clear();
        accepted.set(token, found);
      }
      return found;
    },
  };
}

/** No authentication: every caller is an anonymous principal admitted to every tenant.
 * For tests and for deployments that authenticate in front of the SCIM routes. */
export function noAuth(): Authenticator {
  const principal: Principal = { id: "anonymous", tenants: "*" };
  return { challenge: 'Bearer realm="SCIM"', schemes: [], authenticate: () => principal };
}
