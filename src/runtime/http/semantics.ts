// The one place the pipeline meets the filter, resource and patch modules (owned by the
// filter and resource-semantics issues), so their signatures are adapted here only.
export { parseFilter, canonicalizeFilter, compareAttributeValues } from "../filter/index.js";
export { applyPatch } from "../patch/index.js";
export {
  toRepresentation,
  projectResource,
  parseAttributeList,
  etagFor,
  ifMatchSatisfied,
} from "../resource/index.js";
