import type { Filter } from "../../filter/ast.js";
import type { AttributeModel } from "../../manifest/model.js";
import type { ResolvedAttribute, ResourceTypeIndex } from "../../manifest/resolve.js";
import type { StoredResource } from "../contract.js";
import { getKey } from "./data.js";

// The representation filters and sorts see: stored data plus the meta attributes the
// store owns (RFC 7643 §3.1 meta.resourceType/created/lastModified). Built only when the
// filter or sortBy names meta, so ordinary queries allocate nothing per row.

export type View = Readonly<Record<string, unknown>>;

export function withMeta(row: StoredResource): View {
  return { ...row.data, meta: { resourceType: row.resourceType, created: row.created, lastModified: row.lastModified } };
}

const isMeta = (r: ResolvedAttribute | undefined): boolean => !!r && !r.extension && r.attribute.name === "meta";

/** Does any attribute path in `filter` resolve to meta? */
export function mentionsMeta(filter: Filter, index: ResourceTypeIndex): boolean {
  switch (filter.type) {
    case "comparison":
    case "presence":
    case "valuePath":
      return isMeta(index.resolve(filter.attributePath));
    case "logical":
      return mentionsMeta(filter.left, index) || mentionsMeta(filter.right, index);
    case "not":
      return mentionsMeta(filter.filter, index);
  }
}

export interface SortKey {
  readonly resolved: ResolvedAttribute;
  /** The attribute whose type and caseExact govern the comparison. */
  readonly attribute: AttributeModel;
  readonly meta: boolean;
}

export function sortKey(resolved: ResolvedAttribute): SortKey {
  const { attribute, subAttribute } = resolved;
  const valueSub = attribute.type === "complex" ? attribute.subAttributes?.find((s) => s.name === "value") : undefined;
  return { resolved, attribute: subAttribute ?? valueSub ?? attribute, meta: isMeta(resolved) };
}

/** RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first. */
export function sortValue(view: View, key: SortKey): unknown {
  const { resolved } = key;
  const holder = resolved.extension ? getKey(view, resolved.schema) : view;
  let v = getKey(holder, resolved.attribute.name);
  if (Array.isArray(v)) v = v.find((e) => getKey(e, "primary") === true) ?? v[0];
  if (resolved.subAttribute) return getKey(v, resolved.subAttribute.name);
  if (resolved.attribute.type === "complex") return getKey(v, "value");
  return v;
}
