// Reading attribute values out of untrusted JSON-shaped resources.

const hasOwn = Object.prototype.hasOwnProperty;

export type Getter = (container: unknown) => unknown;

/**
 * A reader for one property of a JSON-shaped object. Names that exist on
 * Object.prototype ("constructor", "toString", "__proto__", or any name a polluted
 * prototype carries when the filter is compiled) are read as own properties only, so a
 * custom attribute with such a name never sees an inherited value; other names take the
 * plain keyed read (resources are JSON: their prototype is Object.prototype).
 */
export function getterFor(key: string): Getter {
  if (key in Object.prototype) {
    return (o) => (o !== null && typeof o === "object" && hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined);
  }
  return (o) => (o !== null && typeof o === "object" ? (o as Record<string, unknown>)[key] : undefined);
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
