import { ScimError } from "../errors.js";
import { describe, type Issues } from "./issues.js";
import { isRecord, type JsonObject } from "./values.js";

// The `schemas` attribute of a resource body (RFC 7643 §3): it must list the resource
// type's core schema URN and may list only that type's extension URNs. The validator
// rebuilds it from the extension objects actually present.

/** Default bound on values in one multi-valued attribute of a POST/PUT body or PATCH value. */
export const DEFAULT_MAX_VALUES = 5000;

const clip = (s: string): string => (s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** `extensionsLower` are the resource type's extension URNs in lower case. */
export function checkSchemas(
  v: unknown,
  core: string,
  extensionsLower: readonly string[],
  is: Issues,
  ignoreUnknown: boolean | undefined,
): void {
  if (v === undefined || v === null) {
    is.add("invalidValue", "schemas", `is required and must contain "${core}"`);
    return;
  }
  if (!Array.isArray(v)) {
    is.add("invalidValue", "schemas", `must be an array of schema URNs, got ${describe(v)}`);
    return;
  }
  const coreLower = core.toLowerCase();
  let hasCore = false;
  for (let i = 0; i < v.length; i++) {
    const s: unknown = v[i];
    if (typeof s !== "string") {
      is.add("invalidValue", `schemas[${i}]`, `must be a schema URN string, got ${describe(s)}`);
      continue;
    }
    const l = s.toLowerCase();
    if (l === coreLower) hasCore = true;
    else if (!ignoreUnknown && !extensionsLower.includes(l)) {
      is.add("invalidValue", `schemas[${i}]`, `"${clip(s)}" is not a schema of this resource type`);
    }
  }
  if (!hasCore) is.add("invalidValue", "schemas", `must contain "${core}"`);
}

/** A body that is not a JSON object cannot be a resource (RFC 7644 §3.12 invalidSyntax). */
export function requireObject(v: unknown): JsonObject {
  if (isRecord(v)) return v;
  throw new ScimError(400, "invalidSyntax", `The resource must be a JSON object, got ${describe(v)}`);
}

/** Non-empty object → itself, empty → undefined (an empty complex value is unassigned). */
export function nonEmpty(o: JsonObject): JsonObject | undefined {
  for (const _ in o) return o;
  return undefined;
}
