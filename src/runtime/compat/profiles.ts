import type { CompatSwitches } from "./switches.js";

// Named profiles: the switches each identity provider's documented requests need
// (shared/reference/idp-request-shapes.md; the README's compat section lists the request
// behind every switch). Profiles combine by union: `["entra", "okta"]` tolerates both.

export type CompatProfile = Readonly<Partial<CompatSwitches>>;

const entra: CompatProfile = {
  patchOpCaseInsensitive: true,
  booleanStrings: true,
  removeByValue: true,
  createOnNoMatch: true,
  removeNoMatchIsNoop: true,
  lenientFilters: true,
  pathKeysInValue: true,
  ignoreReadOnlyInValue: true,
  stringAsComplexValue: true,
  singleValueArrays: true,
  unqualifiedExtensionPaths: true,
  ignoreUnknownAttributes: true,
  legacySchemaUrns: true,
  relativeReferences: true,
  emptyAsRemoval: true,
};

export const PROFILES: Readonly<Record<string, CompatProfile>> = Object.freeze({
  /** Strict RFC 7643/7644: the default. */
  strict: {},
  /** Microsoft Entra ID provisioning (default and aadOptscim062020 shapes). */
  entra,
  /** The Microsoft "SCIM Tests" Postman collection and SCIM Validator: Entra plus 204 on
   * PATCH, the /serviceConfiguration alias, User listed first, member `displayName`,
   * members that name no resource. */
  "microsoft-suite": { ...entra, displayNameAsDisplay: true, resourceTypesUserFirst: true, keepUnknownMembers: true, patchNoContent: true, serviceConfigurationAlias: true },
  /** Okta (OIN and AIW apps): no-path replace carrying the read-only group `id`,
   * `replace members []`, re-sent removals, blank values from profile mappings. */
  okta: { ignoreReadOnlyInValue: true, removeNoMatchIsNoop: true, emptyAsRemoval: true },
  /** Google Workspace auto-provisioning sends RFC-shaped requests; no tolerance is
   * documented, so the profile only names the provider. */
  google: {},
  /** OneLogin SCIM JSON templates: quoted booleans, SCIM 1.1 URNs, blanks, single objects. */
  onelogin: { legacySchemaUrns: true, booleanStrings: true, ignoreUnknownAttributes: true, emptyAsRemoval: true, singleAsList: true, stringAsComplexValue: true, lenientFilters: true },
  /** PingFederate SCIM Provisioner: PUT for users, groups by listing; RFC-shaped otherwise. */
  ping: {},
  /** JumpCloud: Entra-style member removal by a `value` list. */
  jumpcloud: { removeByValue: true, removeNoMatchIsNoop: true },
});

export const PROFILE_NAMES = Object.freeze(Object.keys(PROFILES));
