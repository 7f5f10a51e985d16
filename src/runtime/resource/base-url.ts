// The origin that meta.location and Location headers are built on (RFC 7644 §3.1: the
// location is the absolute URI of the resource). A configured public base URL always
// wins; X-Forwarded-* / Forwarded (RFC 7239) headers are read only when the deployment
// says its proxy is trusted, since any client can send them.

export interface BaseUrlOptions {
  /** Request headers with lower-case names. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** e.g. "https://scim.example.com" (no trailing slash needed). */
  readonly publicUrl?: string;
  /** Read Forwarded / X-Forwarded-Proto / X-Forwarded-Host (set only behind a known proxy). */
  readonly trustForwarded?: boolean;
  /** Scheme of the connection itself, "http" unless the server terminates TLS. */
  readonly protocol?: "http" | "https";
}

// host[:port] as RFC 3986 reg-name or IP literal; anything else is ignored, not echoed
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function first(v: string | readonly string[] | undefined): string | undefined {
  const s = typeof v === "string" ? v : v?.[0];
  if (s === undefined) return undefined;
  const comma = s.indexOf(",");
  return (comma < 0 ? s : s.slice(0, comma)).trim();
}

function forwardedPair(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 2048) return undefined;
  for (const part of header.split(",")[0]!.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === name) return part.slice(eq + 1).trim().replace(/^"|"$/g, "");
  }
  return undefined;
}

const proto = (p: string | undefined): "http" | "https" | undefined => {
  const l = p?.toLowerCase();
  return l === "http" || l === "https" ? l : undefined;
};
const host = (h: string | undefined): string | undefined => (h && h.length <= 261 && HOST.test(h) ? h : undefined);

/** `scheme://host[:port]` for this request, without a trailing slash. */
export function requestOrigin(options: BaseUrlOptions): string {
  if (options.publicUrl) return options.publicUrl.replace(/\/+$/, "");
  const h = options.headers;
  let scheme = options.protocol ?? "http";
  let authority = host(first(h.host)) ?? "localhost";
  if (options.trustForwarded) {
    const forwarded = first(h.forwarded);
    scheme = proto(forwardedPair(forwarded, "proto")) ?? proto(first(h["x-forwarded-proto"])) ?? scheme;
    authority = host(forwardedPair(forwarded, "host")) ?? host(first(h["x-forwarded-host"])) ?? authority;
  }
  return `${scheme}://${authority}`;
}
