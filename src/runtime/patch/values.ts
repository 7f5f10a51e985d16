import { ScimError } from "../errors.js";
import type { AttributeModel } from "../manifest/model.js";
import { caseInsensitive } from "../filter/evaluate/predicates.js";
import { cloneJson, isRecord, sameValue, setOwn, type JsonObject } from "../resource/values.js";
import type { ResolvedPatchPolicy } from "./policy.js";
import { subAttributeOf } from "./target.js";
import { mayIgnoreUnknown } from "./unknown.js";

// Operation values are copied (depth-bounded) before they touch the working resource, and
// sub-attribute names are canonicalised to the schema's case so that duplicate detection,
// immutability checks and the validator all see one spelling. Unknown names are kept for
// the validator to report (or dropped under ignoreUnknownAttributes).

const invalid = (path: string, why: string): ScimError => new ScimError(400, "invalidValue", `'${path}' ${why}`);

function booleanOf(v: unknown, attr: AttributeModel, policy: ResolvedPatchPolicy): unknown {
  if (attr.type !== "boolean" || !policy.booleanStrings || typeof v !== "string") return v;
  const l = v.toLowerCase();
  return l === "true" ? true : l === "false" ? false : v;
}

/** One (single) value of `attr`, copied and canonicalised. */
export function prepareSingle(v: unknown, attr: AttributeModel, path: string, policy: ResolvedPatchPolicy): unknown {
  if (policy.singleValueArrays && Array.isArray(v) && v.length === 1) v = v[0];
  if (attr.type !== "complex") return booleanOf(cloneJson(v, path, policy.maxDepth), attr, policy);
  if (typeof v === "string" && policy.valueAsString && subAttributeOf(attr, "value")) return { value: v };
  if (!isRecord(v)) return cloneJson(v, path, policy.maxDepth); // the validator names the type error
  const out: JsonObject = {};
  for (const k of Object.keys(v)) {
    const sub = subAttributeOf(attr, k);
    if (!sub && mayIgnoreUnknown(policy, k)) continue;
    const name = sub ? sub.name : k;
    const value = cloneJson(v[k], `${path}.${name}`, policy.maxDepth - 1);
    setOwn(out, name, sub ? booleanOf(value, sub, policy) : value);
  }
  return out;
}

/** The values for a multi-valued attribute: an array, or one value standing for itself. */
export function prepareMulti(v: unknown, attr: AttributeModel, path: string, policy: ResolvedPatchPolicy): unknown[] {
  const list = Array.isArray(v) ? v : [v];
  if (list.length > policy.maxValues) throw invalid(path, `has ${list.length} values; the limit is ${policy.maxValues}`);
  const out: unknown[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = prepareSingle(list[i], attr, `${path}[${i}]`, policy);
  return out;
}

/** Strings of a caseExact:false attribute are the same value in any case (RFC 7643 §2.2). */
function folded(v: unknown, attr: AttributeModel | undefined): unknown {
  return typeof v === "string" && attr && caseInsensitive(attr) ? v.toLowerCase() : v;
}

/** Identity of a multi-valued element for "add does not duplicate" (RFC 7644 §3.5.2.1).
 * Complex values with a `value` sub-attribute are keyed by it (folded per its caseExact),
 * with `type` kept apart (see elementType); other values by their canonical JSON. */
export function identity(element: unknown, attr: AttributeModel): string {
  if (attr.type === "complex" && isRecord(element) && Object.prototype.hasOwnProperty.call(element, "value")) {
    const value = folded(element.value, subAttributeOf(attr, "value"));
    // length-prefixed, so no two values share a key; JSON for the rare non-strings
    return typeof value === "string" ? `${value.length}:${value}` : `j${JSON.stringify(value)}`;
  }
  const value = attr.type === "complex" ? element : folded(element, attr);
  return typeof value === "string" ? `${value.length}:${value}` : stableJson(value);
}

/** The `type` of a complex element (folded per its caseExact), or null: two elements with
 * the same `value` are the same unless both carry different types (a member added with and
 * without "type"). */
export function elementType(element: unknown, attr: AttributeModel): unknown {
  return isRecord(element) && Object.prototype.hasOwnProperty.call(element, "type") ? folded(element.type, subAttributeOf(attr, "type")) : null;
}

/** Whether two values of `attr` are equal, strings compared per its caseExact. */
export function sameAttributeValue(a: unknown, b: unknown, attr: AttributeModel | undefined): boolean {
  return typeof a === "string" && typeof b === "string" ? folded(a, attr) === folded(b, attr) : sameValue(a, b);
}

function stableJson(v: unknown): string {
  if (!isRecord(v)) return Array.isArray(v) ? `[${v.map(stableJson).join(",")}]` : JSON.stringify(v) ?? "null";
  return `{${Object.keys(v)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
    .join(",")}}`;
}
