import { header } from "../http/body.js";
import type { TenantMatch, TenantResolver, TenancyInput } from "./types.js";

// Tenant resolution strategies. Each is a pure function of path and headers; tenant names
// are restricted to a safe alphabet so they can key stores and appear in URLs unescaped.

const TENANT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export function isTenantName(name: string): boolean {
  return TENANT.test(name) && name !== "." && name !== "..";
}

function normalizeBase(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, "");
  return trimmed === "" || trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

/** Splits `path` when it is `base` or starts with `base/`. */
function under(path: string, base: string): string | undefined {
  if (base === "") return path;
  if (path === base) return "";
  if (path.startsWith(base) && path.charCodeAt(base.length) === 47 /* / */) return path.slice(base.length);
  return undefined;
}

/** Every request belongs to one tenant ("default" unless named). */
export function singleTenant(options: { basePath?: string; tenant?: string } = {}): TenantResolver {
  const base = normalizeBase(options.basePath ?? "/scim/v2");
  const tenant = options.tenant ?? "default";
  return ({ path }) => {
    const rest = under(path, base);
    return rest === undefined ? undefined : { tenant, basePath: base, rest };
  };
}

/** The tenant is a path segment: pattern "/tenants/{tenant}/scim/v2". */
export function pathTenant(options: { pattern?: string } = {}): TenantResolver {
  const pattern = normalizeBase(options.pattern ?? "/tenants/{tenant}/scim/v2");
  const at = pattern.indexOf("{tenant}");
  if (at < 0) throw new Error(`pathTenant: pattern ${pattern} has no {tenant} placeholder`);
  const prefix = pattern.slice(0, at);
  const suffix = pattern.slice(at + "{tenant}".length);
  return ({ path }) => {
    if (!path.startsWith(prefix)) return undefined;
    const end = path.indexOf("/", prefix.length);
    const tenant = path.slice(prefix.length, end < 0 ? path.length : end);
    if (!isTenantName(tenant)) return undefined;
    const base = prefix + tenant + suffix;
    const rest = under(path, base);
    return rest === undefined ? undefined : { tenant, basePath: base, rest };
  };
}

/** The tenant is the first label of the Host: acme.scim.example.com under ".scim.example.com". */
export function hostTenant(options: { domain: string; basePath?: string }): TenantResolver {
  const suffix = `.${options.domain.replace(/^\./, "").toLowerCase()}`;
  const base = normalizeBase(options.basePath ?? "/scim/v2");
  return ({ path, headers }) => {
    const host = (header(headers, "host") ?? "").toLowerCase().replace(/:\d+$/, "");
    if (!host.endsWith(suffix)) return undefined;
    const tenant = host.slice(0, host.length - suffix.length);
    const rest = under(path, base);
    return rest === undefined || !isTenantName(tenant) ? undefined : { tenant, basePath: base, rest };
  };
}

/** The tenant is named by a request header, e.g. "x-tenant-id". */
export function headerTenant(options: { header?: string; basePath?: string } = {}): TenantResolver {
  const name = (options.header ?? "x-tenant-id").toLowerCase();
  const base = normalizeBase(options.basePath ?? "/scim/v2");
  return ({ path, headers }) => {
    const tenant = header(headers, name);
    const rest = under(path, base);
    return rest === undefined || tenant === undefined || !isTenantName(tenant) ? undefined : { tenant, basePath: base, rest };
  };
}

/** The tenant is the one the credential is issued for (a principal with a single tenant). */
export function credentialTenant(options: { basePath?: string } = {}): TenantResolver {
  const base = normalizeBase(options.basePath ?? "/scim/v2");
  return ({ path }) => {
    const rest = under(path, base);
    return rest === undefined ? undefined : { tenant: undefined, basePath: base, rest };
  };
}

/** First resolver that matches wins: e.g. a default tenant at /scim/v2 plus path tenants. */
export function anyTenancy(...resolvers: readonly TenantResolver[]): TenantResolver {
  return (input: TenancyInput): TenantMatch | undefined => {
    for (const r of resolvers) {
      const m = r(input);
      if (m) return m;
    }
    return undefined;
  };
}

/** Shorthands for the common strategies (DESIGN.md's `tenancy: "path"`). Host tenancy
 * needs its domain, so it is only available as `hostTenant({ domain })`. */
export type TenancyStrategy = "single" | "path" | "header" | "credential";

export function tenancyFrom(option: TenantResolver | TenancyStrategy | undefined, basePath = "/scim/v2"): TenantResolver {
  if (typeof option === "function") return option;
  switch (option ?? "single") {
    case "single":
      return singleTenant({ basePath });
    case "path":
      return pathTenant({ pattern: `/tenants/{tenant}${normalizeBase(basePath)}` });
    case "header":
      return headerTenant({ basePath });
    case "credential":
      return credentialTenant({ basePath });
    default:
      throw new Error(`tenancy: unknown strategy ${JSON.stringify(option)}; use single, path, header, credential or a resolver`);
  }
}
