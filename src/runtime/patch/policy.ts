import type { FilterOptions } from "../filter/options.js";
import { DEFAULT_MAX_VALUES } from "../resource/schemas.js";
import { DEFAULT_MAX_DEPTH } from "../resource/values.js";

// What the PATCH engine tolerates. Strict RFC 7644 §3.5.2 behaviour by default; each
// flag is one named deviation real IdPs need (see shared/reference/idp-request-shapes.md),
// switched on by the compat profiles, never by the engine itself.

export interface PatchPolicy {
  /** Most operations in one request; more → 400 invalidValue. Default 500. */
  readonly maxOperations?: number;
  /** Most values in one operation's multi-valued value. Default DEFAULT_MAX_VALUES. */
  readonly maxValues?: number;
  /** Deepest JSON nesting of an operation value. Default 32. */
  readonly maxDepth?: number;
  /** Accept "Add", "Replace", "Remove" (Entra ID). */
  readonly opCaseInsensitive?: boolean;
  /** `remove` on a multi-valued path with a `value` list removes the elements whose
   * `value` matches (Entra ID group member removal); strict: a remove value is an error. */
  readonly removeByValue?: boolean;
  /** add/replace through a value filter that matches nothing creates the element from the
   * filter's `eq` terms (Entra ID `emails[type eq "work"].value`); strict: noTarget. */
  readonly createOnNoMatch?: boolean;
  /** A remove whose value filter matches nothing succeeds (nothing to remove); strict: noTarget. */
  readonly removeNoMatchIsNoop?: boolean;
  /** No-path values may use attribute paths as keys: "name.givenName",
   * "urn:…:enterprise:2.0:User:employeeNumber" (Entra ID); strict: invalidValue. */
  readonly pathKeysInValue?: boolean;
  /** No-path values may carry read-only attributes (`id`, `meta`), which are ignored. */
  readonly ignoreReadOnlyInValue?: boolean;
  /** Attribute names in values that match nothing in the schema are dropped. */
  readonly ignoreUnknownAttributes?: boolean;
  /** A plain string where a complex element is expected means `{ "value": string }`
   * (`"members": ["2819c223"]`). */
  readonly valueAsString?: boolean;
  /** add/replace with `null` or `""` removes the target (Okta, OneLogin); strict: null is
   * invalidValue and "" is an ordinary string. */
  readonly emptyAsRemoval?: boolean;
  /** "True"/"False" strings for boolean attributes (Entra ID `active`). */
  readonly booleanStrings?: boolean;
  /** A one-element array for a single-valued target is that element
   * (Entra ID `"path":"manager","value":[{"value":"…"}]`); strict: invalidValue. */
  readonly singleValueArrays?: boolean;
  /** A path naming an extension attribute without its URN (`manager`) resolves to it when
   * exactly one extension of the resource type defines it; strict: invalidPath. */
  readonly unqualifiedExtensionPaths?: boolean;
  /** Options for `path` parsing (e.g. lenient filters). */
  readonly filterOptions?: FilterOptions;
}

export type ResolvedPatchPolicy = Required<Omit<PatchPolicy, "filterOptions">> & { readonly filterOptions?: FilterOptions };

export const DEFAULT_MAX_OPERATIONS = 500;

export const STRICT_PATCH_POLICY: ResolvedPatchPolicy = Object.freeze({
  maxOperations: DEFAULT_MAX_OPERATIONS,
  maxValues: DEFAULT_MAX_VALUES,
  maxDepth: DEFAULT_MAX_DEPTH,
  opCaseInsensitive: false,
  removeByValue: false,
  createOnNoMatch: false,
  removeNoMatchIsNoop: false,
  pathKeysInValue: false,
  ignoreReadOnlyInValue: false,
  ignoreUnknownAttributes: false,
  valueAsString: false,
  emptyAsRemoval: false,
  booleanStrings: false,
  singleValueArrays: false,
  unqualifiedExtensionPaths: false,
});

export function resolvePatchPolicy(policy: PatchPolicy | undefined): ResolvedPatchPolicy {
  if (!policy) return STRICT_PATCH_POLICY;
  const out: { -readonly [K in keyof ResolvedPatchPolicy]: ResolvedPatchPolicy[K] } = { ...STRICT_PATCH_POLICY };
  for (const key of Object.keys(STRICT_PATCH_POLICY) as (keyof typeof STRICT_PATCH_POLICY)[]) {
    const v = policy[key];
    if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  }
  if (policy.filterOptions) out.filterOptions = policy.filterOptions;
  return out;
}
