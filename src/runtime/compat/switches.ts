// The tolerances a compat profile may switch on. Every switch is off by default (strict
// RFC 7644), names one deviation a real identity provider needs, and maps onto an option
// of the module that owns the behaviour (PATCH policy, validator, filter parser); none
// touches authentication, tenancy, uniqueness or the mutability of `id` and `meta`.

export interface CompatSwitches {
  /** PATCH `op` in any case: "Add", "Replace", "Remove" (Entra ID without aadOptscim062020). */
  readonly patchOpCaseInsensitive: boolean;
  /** "True"/"False" strings for boolean attributes in bodies, PATCH values and filter
   * literals (Entra ID `{"op":"Replace","path":"active","value":"False"}`, OneLogin templates). */
  readonly booleanStrings: boolean;
  /** `{"op":"Remove","path":"members","value":[{"value":"<id>"}]}` removes the members whose
   * `value` matches, never by deep equality (Entra ID, JumpCloud). */
  readonly removeByValue: boolean;
  /** add/replace through a value filter that matches nothing creates the element
   * (Entra ID `emails[type eq "work"].value`); strict: 400 noTarget. */
  readonly createOnNoMatch: boolean;
  /** remove through a value filter that matches nothing succeeds (Okta re-sends removals). */
  readonly removeNoMatchIsNoop: boolean;
  /** Lenient filter grammar: unquoted literals (`externalId eq jyoung`), Entra's
   * `emails[type eq "work"].value eq "x"`, `+`/tab as space, trailing `&`. */
  readonly lenientFilters: boolean;
  /** A no-path PATCH value may use attribute paths as keys: "name.givenName",
   * "urn:…:enterprise:2.0:User:employeeNumber" (Entra ID with aadOptscim062020). */
  readonly pathKeysInValue: boolean;
  /** A no-path PATCH value may carry read-only `id`/`meta`, which are ignored (Okta group rename). */
  readonly ignoreReadOnlyInValue: boolean;
  /** A plain string where a complex value is expected means `{"value": string}`
   * (`"members": "id"`, `"manager": "id"`). */
  readonly stringAsComplexValue: boolean;
  /** A one-element array for a single-valued PATCH target is that element (older Entra docs:
   * `{"op":"Add","path":"manager","value":[{"value":"<id>"}]}`). */
  readonly singleValueArrays: boolean;
  /** A PATCH path naming an extension attribute without its URN (`manager`) resolves to it
   * when exactly one extension defines it (older Entra docs). */
  readonly unqualifiedExtensionPaths: boolean;
  /** A single object where a multi-valued attribute is expected is a one-element list
   * (OneLogin `"emails": {…}`). */
  readonly singleAsList: boolean;
  /** SCIM 1.1-style URNs (`urn:scim:schemas:core:1.0`, OneLogin's `urn:scim:schemas:core:2.0`,
   * `urn:scim:schemas:extension:enterprise:2.0`) and Entra's old typo
   * `…:enterprise:2.0User` name the resource type's core schema and enterprise extension. */
  readonly legacySchemaUrns: boolean;
  /** `external`/`uri` references may be relative URI references (RFC 7643 §2.3.7; the
   * Microsoft SCIM Validator sends `"profileUrl":"MFGMUGTYPBKA"`); strict: absolute URI. */
  readonly relativeReferences: boolean;
  /** Unknown schema URNs in `schemas` and unknown attributes are dropped instead of 400
   * (Entra's ADSCIM group URN, OneLogin's SCIM 1.1 URNs, the Microsoft suite's misspelt PUT). */
  readonly ignoreUnknownAttributes: boolean;
  /** `""` (and `null`) values mean "remove / leave unassigned" in bodies and PATCH values
   * (OneLogin unmapped template macros, Entra manager `{"value":""}`). */
  readonly emptyAsRemoval: boolean;
  /** `displayName` inside a complex value whose attribute declares `display` (and no
   * `displayName`) is read as `display` (the Microsoft suite's member adds). */
  readonly displayNameAsDisplay: boolean;
  /** GET /ResourceTypes lists User first (the Microsoft suite reads Resources[0]). */
  readonly resourceTypesUserFirst: boolean;
  /** Group members whose `value` names no resource of the tenant are kept on PUT/PATCH
   * (the Microsoft suite adds `"string id 1"`); strict: 400 invalidValue. Never reaches
   * another tenant: stores resolve references inside the tenant only. */
  readonly keepUnknownMembers: boolean;
  /** PATCH answers 204 No Content instead of 200 with the resource (the Microsoft suite). */
  readonly patchNoContent: boolean;
  /** `GET /serviceConfiguration` serves the ServiceProviderConfig (the Microsoft suite). */
  readonly serviceConfigurationAlias: boolean;
}

export type CompatSwitch = keyof CompatSwitches;

export const STRICT_SWITCHES: CompatSwitches = Object.freeze({
  patchOpCaseInsensitive: false,
  booleanStrings: false,
  removeByValue: false,
  createOnNoMatch: false,
  removeNoMatchIsNoop: false,
  lenientFilters: false,
  pathKeysInValue: false,
  ignoreReadOnlyInValue: false,
  stringAsComplexValue: false,
  singleValueArrays: false,
  unqualifiedExtensionPaths: false,
  singleAsList: false,
  legacySchemaUrns: false,
  relativeReferences: false,
  ignoreUnknownAttributes: false,
  emptyAsRemoval: false,
  displayNameAsDisplay: false,
  resourceTypesUserFirst: false,
  keepUnknownMembers: false,
  patchNoContent: false,
  serviceConfigurationAlias: false,
});

export const SWITCH_NAMES = Object.freeze(Object.keys(STRICT_SWITCHES) as CompatSwitch[]);
