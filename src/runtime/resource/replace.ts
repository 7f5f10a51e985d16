import type { ResourceData } from "../stores/contract.js";
import type { ResourceValidator, ValidateOptions } from "./validator.js";

// PUT, RFC 7644 §3.5.1: the body replaces every mutable attribute. The generated
// validator's "replace" mode does the per-attribute work: readWrite/writeOnly values come
// from the body and attributes left out are cleared; readOnly values (id, groups, …)
// come from the stored resource and body values for them are ignored; an immutable value
// that is already set must match (400 mutability) and, if left out, stays as stored.

export type ReplaceOptions = Omit<ValidateOptions, "mode" | "existing">;

/** The stored data for a PUT of `input` over `existing`; throws the validator's ScimError. */
export function replaceResource(existing: ResourceData, input: unknown, validator: ResourceValidator, options: ReplaceOptions = {}): ResourceData {
  return validator(input, { ...options, mode: "replace", existing });
}
