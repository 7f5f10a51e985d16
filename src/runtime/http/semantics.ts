import type { Filter } from "../filter/ast.js";
import { canonicalizeFilter, compileFilter, parseFilter } from "../filter/index.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";

// The one place the pipeline meets the filter, resource and patch modules (owned by the
// filter and resource-semantics issues), so their signatures are adapted here only.
export { compareAttributeValues } from "../filter/index.js";
export { applyPatch } from "../patch/index.js";
export { toRepresentation, projectResource, parseAttributeList, etagFor, ifMatchSatisfied, ifNoneMatchHits } from "../resource/index.js";

const MAX_CACHED = 1000;
const checked = new WeakMap<ResourceTypeIndex, Map<string, Filter>>();

/** Parses `text`, resolves every attribute path against `type` (400 invalidFilter),
 * remembering recent filters per type: IdPs repeat the same few shapes. */
export function checkedFilter(text: string, type: ResourceTypeIndex): Filter {
  let perType = checked.get(type);
  if (!perType) checked.set(type, (perType = new Map()));
  let filter = perType.get(text);
  if (!filter) {
    // Canonical paths (declared case, URN-qualified extensions) so stores and handlers see
    // one spelling; compiling checks operators against attribute types (400 invalidFilter).
    filter = canonicalizeFilter(parseFilter(text), type);
    compileFilter(filter, type);
    if (perType.size >= MAX_CACHED) perType.clear();
    perType.set(text, filter);
  }
  return filter;
}
