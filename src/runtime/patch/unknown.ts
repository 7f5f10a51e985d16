import type { ResolvedPatchPolicy } from "./policy.js";

// ignoreUnknownAttributes (Entra sends attributes a schema may not declare) drops names
// that resolve to nothing. A name that is, or ends in, a property of Object.prototype
// (`__proto__`, `name.constructor`, `urn:…:User:toString`) is never a tolerated typo but a
// probe: it stays a 400 under every profile, as it is in strict mode.

/** True when an unknown `name` may be skipped; false when the caller must refuse it. */
export function mayIgnoreUnknown(policy: ResolvedPatchPolicy, name: string): boolean {
  return policy.ignoreUnknownAttributes && !prototypeName(name);
}

function prototypeName(name: string): boolean {
  for (const segment of name.split(/[.:]/)) if (segment in Object.prototype) return true;
  return false;
}
