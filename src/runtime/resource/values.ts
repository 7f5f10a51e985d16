import { ScimError } from "../errors.js";

// Small JSON-value helpers shared by the generated validators, the PATCH engine and
// projection. Every body is hostile: keys such as `__proto__` must never reach a plain
// object through assignment (that would set its prototype), so writes go through setOwn.

export type JsonObject = { [key: string]: unknown };

/** Deepest JSON nesting accepted in any value the kernel copies (PATCH values, bodies). */
export const DEFAULT_MAX_DEPTH = 32;

export function isRecord(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An own property only: `own(obj, "constructor")` is undefined for `{}`. */
export function own(obj: unknown, key: string): unknown {
  return isRecord(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** Assigns an own, enumerable property even for `__proto__`. */
export function setOwn(obj: JsonObject, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** The own key of `obj` equal to `name` ignoring case (RFC 7643 §2.1), exact match first. */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return k;
  return undefined;
}

/** RFC 7643 §2.5: null, an empty array and an absent attribute are the same state. */
export function isUnassigned(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/** Deep copy of a JSON value; deeper than `maxDepth` → 400 invalidValue naming `path`. */
export function cloneJson(v: unknown, path = "value", maxDepth = DEFAULT_MAX_DEPTH): unknown {
  return cloneAt(v, path, maxDepth, 0);
}

function cloneAt(v: unknown, path: string, max: number, depth: number): unknown {
  if (typeof v !== "object" || v === null) return v;
  if (depth >= max) {
    throw new ScimError(400, "invalidValue", `'${path}' is nested deeper than ${max} levels`);
  }
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneAt(v[i], path, max, depth + 1);
    return out;
  }
  const out: JsonObject = {};
  for (const k of Object.keys(v)) {
    const c = cloneAt((v as JsonObject)[k], path, max, depth + 1);
    if (k === "__proto__") setOwn(out, k, c);
    else out[k] = c;
  }
  return out;
}

/** JSON equality; object keys compared exactly (values here are already canonical). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as JsonObject)[k], (b as JsonObject)[k])) return false;
  }
  return true;
}
