// Reading attribute values out of untrusted JSON-shaped resources.

const hasOwn = Object.prototype.hasOwnProperty;

export type Getter = (container: unknown) => unknown;

/**
 * A reader for one own property: inherited values (a polluted Object.prototype, a
 * custom attribute named "constructor") are never seen. The own-property check runs only
 * when a value was found, so absent attributes cost one property read.
 */
export function getterFor(key: string): Getter {
  return (o) => {
    if (o === null || typeof o !== "object") return undefined;
    const v = (o as Record<string, unknown>)[key];
    return v !== undefined && hasOwn.call(o, key) ? v : undefined;
  };
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** RFC 7644 §3.4.2.2 `pr`: null, "", [] and {} are absent; so is an array of absent values. */
export function isPresent(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) {
    for (const x of v) if (isPresent(x)) return true;
    return false;
  }
  if (typeof v === "object") {
    for (const k in v) if (hasOwn.call(v, k) && isPresent((v as Record<string, unknown>)[k])) return true;
    return false;
  }
  return true;
}

/** True when `test` holds for `v` or, when `v` is an array, for any of its items. */
export function anyValue(v: unknown, test: (x: unknown) => boolean): boolean {
  if (!Array.isArray(v)) return test(v);
  for (const x of v) if (test(x)) return true;
  return false;
}
