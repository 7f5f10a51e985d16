import { ScimError } from "../errors.js";
import { META_ATTRIBUTE } from "../manifest/common.js";
import type { AttributeModel } from "../manifest/model.js";
import type { ResolvedAttribute, ResourceTypeIndex } from "../manifest/resolve.js";
import type { Filter } from "./ast.js";
import { invalid } from "./evaluate/predicates.js";
import { stackGuard } from "./guard.js";
import { withPosition, withPositionsOf } from "./positions.js";

// What a list or search query (filter, sortBy) may ask of an attribute, checked once by the
// kernel before any store or handler sees the query, so every store answers alike.
// - RFC 7643 §7: a `returned: "never"` or `writeOnly` value is never disclosed, and §4.1.1
//   lets a password be compared "for equality" only. Ordering and substring operators,
//   and sorting, would disclose it one comparison at a time, so only eq, ne and pr remain.
// - meta.version and meta.location are derived when a resource is returned (RFC 7643 §3.1),
//   not stored data a store can filter or sort on: refused everywhere, not answered by some.

const UNSTORED_META = new Set(["version", "location"]);
const refusals = new WeakSet<object>();

/** True for an error this module threw: the query names an attribute it may not use so. */
export function isQueryRefusal(e: unknown): boolean {
  return typeof e === "object" && e !== null && refusals.has(e);
}

function secrecy(a: AttributeModel): string | undefined {
  if (a.returned === "never") return 'is never returned (returned "never")';
  if (a.mutability === "writeOnly") return 'is write-only (mutability "writeOnly")';
  return undefined;
}

/** Why the value at `container.attribute` may not be disclosed, if it may not. */
function secretReason(container: AttributeModel | undefined, attribute: AttributeModel): string | undefined {
  const own = (container && secrecy(container)) ?? secrecy(attribute);
  if (own || attribute.type !== "complex") return own;
  // RFC 7644 §3.4.2.2/§3.4.2.3: a complex attribute named alone is compared and sorted by `value`.
  const value = attribute.subAttributes?.find((s) => s.name.toLowerCase() === "value");
  return value ? secrecy(value) : undefined;
}

const unstoredMeta = (container: AttributeModel | undefined, extension: boolean, attribute: AttributeModel): boolean =>
  !extension && container === META_ATTRIBUTE && UNSTORED_META.has(attribute.name);

const prefixOf = (r: ResolvedAttribute): string => (r.extension ? `${r.schema}:` : "");

const pathOf = (container: AttributeModel | undefined, attribute: AttributeModel, prefix: string): string =>
  prefix + (container ? `${container.name}.${attribute.name}` : attribute.name);

function checkTerm(f: Filter, container: AttributeModel | undefined, extension: boolean, attribute: AttributeModel, prefix: string): void {
  const path = pathOf(container, attribute, prefix);
  if (unstoredMeta(container, extension, attribute)) {
    throw invalid(`"${path}" cannot be used in a filter: it is derived when a resource is returned, not stored (RFC 7643 §3.1)`);
  }
  if (f.type !== "comparison" || f.operator === "eq" || f.operator === "ne") return;
  const reason = secretReason(container, attribute);
  if (reason) {
    throw invalid(`attribute "${path}" ${reason}: a filter may only test it with eq, ne or pr, not "${f.operator}", which would disclose its value (RFC 7643 §7)`);
  }
}

/**
 * Refuses (400 invalidFilter, with the position) a filter that names a never-returned or
 * write-only attribute with an operator other than eq, ne or pr, or names meta.version or
 * meta.location. Unknown paths are left to canonicalizeFilter/compileFilter to report.
 */
export function checkQueryableFilter(filter: Filter, index: ResourceTypeIndex): void {
  // Inside `attr[...]` a path names one of attr's sub-attributes.
  const inside = (g: Filter, r: ResolvedAttribute): void => {
    if (g.type === "not") inside(g.filter, r);
    else if (g.type === "logical") {
      inside(g.left, r);
      inside(g.right, r);
    } else if (g.type === "comparison" || g.type === "presence") {
      const key = g.attributePath.toLowerCase();
      const sub = r.attribute.subAttributes?.find((s) => s.name.toLowerCase() === key);
      if (sub) withPosition(g, () => checkTerm(g, r.attribute, r.extension, sub, prefixOf(r)));
    }
  };
  const walk = (f: Filter): void => {
    if (f.type === "not") return walk(f.filter);
    if (f.type === "logical") {
      walk(f.left);
      return walk(f.right);
    }
    const r = index.resolve(f.attributePath);
    if (!r) return;
    if (f.type === "valuePath") {
      if (!r.subAttribute) inside(f.filter as Filter, r);
      return;
    }
    const [container, attribute] = r.subAttribute ? [r.attribute, r.subAttribute] : [undefined, r.attribute];
    withPosition(f, () => checkTerm(f, container, r.extension, attribute, prefixOf(r)));
  };
  try {
    withPositionsOf(filter, () => stackGuard(() => walk(filter)));
  } catch (e) {
    if (e instanceof ScimError) refusals.add(e);
    throw e;
  }
}

/** Refuses (400 invalidValue) sortBy on a value the response may not disclose or no store keeps. */
export function checkSortable(r: ResolvedAttribute): void {
  const container = r.subAttribute ? r.attribute : undefined;
  const attribute = r.subAttribute ?? r.attribute;
  if (unstoredMeta(container, r.extension, attribute)) {
    throw new ScimError(400, "invalidValue", `sortBy: "${r.path}" cannot be sorted on: it is derived when a resource is returned, not stored (RFC 7643 §3.1)`);
  }
  const reason = secretReason(container, attribute);
  if (reason) throw new ScimError(400, "invalidValue", `sortBy: attribute "${r.path}" ${reason} and cannot be sorted on, which would disclose its order (RFC 7643 §7)`);
}
