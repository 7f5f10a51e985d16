import type { ResourceData } from "../stores/contract.js";

// The contract between the generated `validators.ts` (straight-line code emitted per
// resource type by src/emit/validators) and the kernel, which calls a validator for POST,
// PUT and the result of every PATCH.

export type ValidationMode = "create" | "replace" | "patch";

export interface ValidateOptions {
  readonly mode: ValidationMode;
  /** The stored resource for replace and patch: readOnly values come from it and
   * immutable values must equal it (RFC 7644 §3.5.1). */
  readonly existing?: ResourceData;
  /** Reject values outside canonicalValues (the RFC only says SHOULD; default false). */
  readonly strictCanonicalValues?: boolean;
  /** Compat: drop unknown attributes and unknown schema URNs instead of failing. */
  readonly ignoreUnknownAttributes?: boolean;
  /** Compat: accept "True"/"False" strings for boolean attributes. */
  readonly coerceBooleanStrings?: boolean;
  /** Most values one multi-valued attribute may carry in a create/replace body
   * (default DEFAULT_MAX_VALUES); not applied in "patch" mode, where the result may
   * legitimately grow past it one PATCH at a time. */
  readonly maxValues?: number;
}

/** Returns the canonical resource (declared attribute-name case, readOnly input dropped,
 * `schemas` normalised) or throws a ScimError naming every bad attribute path (bounded).
 * Never mutates `input`. */
export type ResourceValidator = (input: unknown, options: ValidateOptions) => ResourceData;

/** Keyed by resource type name ("User"). */
export type Validators = Readonly<Record<string, ResourceValidator>>;
