import { coerceFilterLiterals } from "../compat/filter.js";
import type { CompatPolicy } from "../compat/policy.js";
import type { Filter } from "../filter/ast.js";
import { canonicalizeFilter, compileFilter, parseFilter } from "../filter/index.js";
import { checkQueryableFilter } from "../filter/index.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";

// The one place the pipeline meets the filter, resource and patch modules (owned by the
// filter and resource-semantics issues), so their signatures are adapted here only.
export { checkSortable, compareAttributeValues, isQueryRefusal } from "../filter/index.js";
export { applyPatch } from "../patch/index.js";
export { toRepresentation, projectResource, parseAttributeList, etagFor, ifMatchSatisfied, ifNoneMatchHits, sameValue } from "../resource/index.js";

const MAX_CACHED = 1000;
const checked = new WeakMap<ResourceTypeIndex, Map<string, Filter>>();

/** Parses `text`, resolves every attribute path against `type` (400 invalidFilter),
 * refuses what a list filter may not ask (never-returned values beyond eq/ne/pr, meta.version),
 * remembering recent filters per type: IdPs repeat the same few shapes. A compat policy
 * may parse leniently and coerce literals (its own cache key: strict text never shares
 * an entry with a tolerated one). */
export function checkedFilter(text: string, type: ResourceTypeIndex, compat?: CompatPolicy): Filter {
  let perType = checked.get(type);
  if (!perType) checked.set(type, (perType = new Map()));
  const tolerant = compat !== undefined && !compat.strict;
  const key = tolerant ? `\u0000${compat.key}\u0000${text}` : text;
  let filter = perType.get(key);
  if (!filter) {
    // Canonical paths (declared case, URN-qualified extensions) so stores and handlers see
    // one spelling; compiling checks operators against attribute types (400 invalidFilter).
    const parsed = parseFilter(text, tolerant ? compat.filter : undefined);
    checkQueryableFilter(parsed, type); // on the parsed tree, whose nodes have positions
    filter = canonicalizeFilter(parsed, type);
    if (tolerant) filter = coerceFilterLiterals(filter, type, compat);
    compileFilter(filter, type);
    if (perType.size >= MAX_CACHED) perType.clear();
    perType.set(key, filter);
  }
  return filter;
}
