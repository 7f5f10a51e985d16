import type { AttributeModel } from "../../manifest/model.js";
import { parseDateTime } from "./datetime.js";
import { caseInsensitive } from "./predicates.js";
import { isObject } from "./values.js";

// sortBy ordering (RFC 7644 §3.4.2.3): strings case-insensitively unless caseExact,
// dateTime as instants, numbers numerically, false before true. A resource with no value
// sorts as greater than any value: last when ascending, first when descending, as the RFC
// asks, once the caller negates the result for "descending".

const hasOwn = Object.prototype.hasOwnProperty;

/** The value a (possibly multi-valued or complex) attribute sorts by: the primary element's, else the first. */
export function sortKey(v: unknown, attribute: AttributeModel): unknown {
  if (Array.isArray(v)) {
    let chosen: unknown = v[0];
    for (const el of v) {
      if (isObject(el) && el.primary === true) {
        chosen = el;
        break;
      }
    }
    v = chosen;
  }
  if (attribute.type === "complex") v = isObject(v) && hasOwn.call(v, "value") ? v.value : undefined;
  return v === null || v === "" ? undefined : v;
}

const valueAttributes = new WeakMap<AttributeModel, AttributeModel>();

/** The attribute whose values order a complex one (its `value`), found once per model. */
function valueAttribute(attribute: AttributeModel): AttributeModel {
  if (attribute.type !== "complex") return attribute;
  let found = valueAttributes.get(attribute);
  if (!found) {
    found = attribute.subAttributes?.find((s) => s.name.toLowerCase() === "value") ?? { ...attribute, type: "string" };
    valueAttributes.set(attribute, found);
  }
  return found;
}

function typed(v: unknown, attribute: AttributeModel, ci: boolean): string | number | undefined {
  switch (attribute.type) {
    case "dateTime":
      return parseDateTime(v);
    case "integer":
    case "decimal":
      return typeof v === "number" && !Number.isNaN(v) ? v : undefined;
    case "boolean":
      return typeof v === "boolean" ? Number(v) : undefined;
    default:
      if (typeof v !== "string") return undefined;
      return ci ? v.toLowerCase() : v;
  }
}

/**
 * What a stored value of `attribute` sorts by, typed (and lower-cased) once: an instant, a
 * number, a string, or undefined for none. Sorting many rows, compute it once per row and
 * order with compareSortableValues: a dateTime is then parsed n times, not n log n times.
 */
export function sortableValue(value: unknown, attribute: AttributeModel): string | number | undefined {
  const attr = valueAttribute(attribute);
  return typed(sortKey(value, attribute), attr, caseInsensitive(attr));
}

/** The order of two sortableValue results; no value sorts after every value. */
export function compareSortableValues(x: string | number | undefined, y: string | number | undefined): number {
  if (x === undefined) return y === undefined ? 0 : 1;
  if (y === undefined) return -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Orders two values of `attribute` (each as stored: scalar, complex or multi-valued).
 * Negative when a sorts first in ascending order; values absent or unusable for the
 * attribute's type sort after all others.
 */
export function compareAttributeValues(a: unknown, b: unknown, attribute: AttributeModel): number {
  const attr = valueAttribute(attribute);
  if (caseInsensitive(attr)) {
    // The common sortBy (userName, emails): fold while comparing, no lower-cased copies.
    const x = sortKey(a, attribute);
    const y = sortKey(b, attribute);
    if (typeof x !== "string") return typeof y === "string" ? 1 : 0;
    if (typeof y !== "string") return -1;
    return foldCompare(x, y);
  }
  return compareSortableValues(typed(sortKey(a, attribute), attr, false), typed(sortKey(b, attribute), attr, false));
}

/**
 * Sign of `a.toLowerCase()` vs `b.toLowerCase()` in code units. ASCII folds one to one, so
 * up to the first non-ASCII character the folded strings differ where the originals fold
 * differently; from there (U+0130 grows, final sigma depends on what follows) the
 * strings are lower-cased whole.
 */
export function foldCompare(a: string, b: string): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if ((x | y) >= 0x80) {
      const la = a.toLowerCase(), lb = b.toLowerCase();
      return la < lb ? -1 : la > lb ? 1 : 0;
    }
    if (x === y) continue;
    if (x >= 0x41 && x <= 0x5a) x += 0x20;
    if (y >= 0x41 && y <= 0x5a) y += 0x20;
    if (x !== y) return x < y ? -1 : 1;
  }
  // An all-ASCII common prefix: the longer string folds to a longer one (nothing folds to "").
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
