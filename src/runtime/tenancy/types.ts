import type { AuthenticationScheme } from "../http/discovery.js";
import type { Principal, ScimHeaders } from "../http/types.js";

// Tenancy and authentication hooks. A TenantResolver finds the SCIM base path (and
// usually the tenant) in a request; an Authenticator turns credentials into a Principal.
// The kernel runs them in that order, then refuses principals not admitted to the tenant.

export interface TenancyInput {
  /** Decoded-nothing request path, without the query. */
  readonly path: string;
  readonly headers: ScimHeaders;
}

export interface TenantMatch {
  /** Undefined when the tenant comes from the credential (`credentialTenant`). */
  readonly tenant: string | undefined;
  /** The SCIM base path as requested, e.g. "/tenants/acme/scim/v2" (no trailing slash). */
  readonly basePath: string;
  /** What follows the base path: "/Users/123", or "" at the root. */
  readonly rest: string;
}

/** Returns undefined when the request is not under any SCIM base (404). */
export type TenantResolver = (input: TenancyInput) => TenantMatch | undefined;

export interface Authenticator {
  /** Undefined means "no valid credentials": 401 with `challenge`. */
  authenticate(headers: ScimHeaders): Principal | undefined | Promise<Principal | undefined>;
  /** WWW-Authenticate value for 401 responses (RFC 7235 §4.1). */
  readonly challenge: string;
  /** Advertised in ServiceProviderConfig.authenticationSchemes (RFC 7643 §5). */
  readonly schemes: readonly AuthenticationScheme[];
}
