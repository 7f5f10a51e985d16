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

function valueAttribute(attribute: AttributeModel): AttributeModel {
  if (attribute.type !== "complex") return attribute;
  return attribute.subAttributes?.find((s) => s.name.toLowerCase() === "value") ?? { ...attribute, type: "string" };
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
 * Orders two values of `attribute` (each as stored: scalar, complex or multi-valued).
 * Negative when a sorts first in ascending order; values absent or unusable for the
 * attribute's type sort after all others.
 */
export function compareAttributeValues(a: unknown, b: unknown, attribute: AttributeModel): number {
  const attr = valueAttribute(attribute);
  const ci = caseInsensitive(attr);
  const x = typed(sortKey(a, attribute), attr, ci);
  const y = typed(sortKey(b, attribute), attr, ci);
  if (x === undefined) return y === undefined ? 0 : 1;
  if (y === undefined) return -1;
  return x < y ? -1 : x > y ? 1 : 0;
}
