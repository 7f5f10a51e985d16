import { describe, type Issues } from "./issues.js";

// Per-type checks called by the generated validators (RFC 7643 §2.3). Each returns the
// accepted value or undefined after recording a precise issue for `path`.

export function checkString(v: unknown, path: string, is: Issues): string | undefined {
  if (typeof v === "string") return v;
  is.add("invalidValue", path, `must be a string, got ${describe(v)}`);
  return undefined;
}

/** RFC 7643 §2.3.2; `coerce` is the compat switch for "True"/"False" strings. */
export function checkBoolean(v: unknown, path: string, is: Issues, coerce: boolean | undefined): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (coerce && typeof v === "string") {
    const l = v.toLowerCase();
    if (l === "true") return true;
    if (l === "false") return false;
  }
  is.add("invalidValue", path, `must be a boolean, got ${describe(v)}`);
  return undefined;
}

/** RFC 7643 §2.3.3: a real number. */
export function checkDecimal(v: unknown, path: string, is: Issues): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  is.add("invalidValue", path, `must be a decimal number, got ${describe(v)}`);
  return undefined;
}

/** RFC 7643 §2.3.4: a whole number; beyond ±(2^53-1) it cannot be represented exactly. */
export function checkInteger(v: unknown, path: string, is: Issues): number | undefined {
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  if (typeof v === "number" && Number.isInteger(v)) {
    is.add("invalidValue", path, "is an integer beyond the safe range ±9007199254740991");
  } else {
    is.add("invalidValue", path, `must be an integer, got ${typeof v === "number" ? "a fractional number" : describe(v)}`);
  }
  return undefined;
}

// xsd:dateTime (RFC 7643 §2.3.5): date, "T", time, optional fraction, optional zone.
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,12})?(Z|[+-]\d{2}:\d{2})?$/;

export function isDateTime(v: string): boolean {
  if (v.length > 64) return false;
  const m = DATE_TIME.exec(v);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (minute > 59 || second > 59) return false;
  // xsd allows 24:00:00 meaning the end of the day
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0 || (m[7] !== undefined && /[1-9]/.test(m[7]))))) return false;
  const zone = m[8];
  if (zone && zone !== "Z") {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 14 || zm > 59 || (zh === 14 && zm !== 0)) return false;
  }
  return true;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function checkDateTime(v: unknown, path: string, is: Issues): string | undefined {
  if (typeof v === "string" && isDateTime(v)) return v;
  is.add("invalidValue", path, typeof v === "string" ? "must be an xsd:dateTime such as 2011-05-13T04:42:34Z" : `must be a dateTime string, got ${describe(v)}`);
  return undefined;
}

// RFC 7643 §2.3.6: base64 (RFC 4648 §4) with padding.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(v: string): boolean {
  return BASE64.test(v);
}

export function checkBinary(v: unknown, path: string, is: Issues): string | undefined {
  if (typeof v === "string" && BASE64.test(v)) return v;
  is.add("invalidValue", path, typeof v === "string" ? "must be base64-encoded (RFC 4648 §4)" : `must be a base64 string, got ${describe(v)}`);
  return undefined;
}

/** What a reference's referenceTypes let us check (RFC 7643 §2.3.7). */
export type ReferenceKind = "uri" | "resource" | "any";

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/;
const URI_REFERENCE = /^[^\s<>"{}|\\^`]*$/;

/** The fast path of checkReference: true when `v` is acceptable for `kind`. */
export function isReference(v: string, kind: ReferenceKind): boolean {
  if (kind === "uri") return ABSOLUTE_URI.test(v);
  if (kind === "resource") return v !== "" && URI_REFERENCE.test(v);
  return true;
}

export function checkReference(v: unknown, path: string, is: Issues, kind: ReferenceKind): string | undefined {
  if (typeof v !== "string") {
    is.add("invalidValue", path, `must be a reference string, got ${describe(v)}`);
    return undefined;
  }
  // "uri"/"external" need an absolute URI; resource references may be relative (§2.3.7)
  if (kind === "uri" && !ABSOLUTE_URI.test(v)) {
    is.add("invalidValue", path, "must be an absolute URI");
    return undefined;
  }
  if (kind === "resource" && (v === "" || !URI_REFERENCE.test(v))) {
    is.add("invalidValue", path, "must be a URI reference to a resource");
    return undefined;
  }
  return v;
}

/** An error path for element `i` of `path` (or `path` itself when i < 0), built only when needed. */
export function at(path: string, i: number): string {
  return i < 0 ? path : `${path}[${i}]`;
}

/** RFC 7643 §2.3.1 canonicalValues: only enforced under the strict option (the RFC says SHOULD). */
export function checkCanonical(
  v: string,
  values: readonly string[],
  caseExact: boolean,
  path: string,
  is: Issues,
  strict: boolean | undefined,
): void {
  if (!strict) return;
  const hit = caseExact ? values.includes(v) : values.some((c) => c.toLowerCase() === v.toLowerCase());
  if (!hit) is.add("invalidValue", path, `must be one of ${values.map((c) => JSON.stringify(c)).join(", ")}`);
}
