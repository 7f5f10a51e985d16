import { ScimError } from "../errors.js";

// Where each attribute expression stood in the filter text, kept beside the AST (whose
// shape is a shared contract) so errors found after parsing (unknown attribute, gt on a
// boolean) still name a position. Hand-built ASTs simply have none.

const positions = new WeakMap<object, number>();

/** Records the 0-based offset of `node` in its source text. */
export function at<T extends object>(node: T, offset: number): T {
  positions.set(node, offset);
  return node;
}

/** Runs `work` for `node`; an "Invalid filter: …" error gains "at position N". */
export function withPosition<T>(node: object, work: () => T): T {
  try {
    return work();
  } catch (e) {
    const offset = positions.get(node);
    if (offset !== undefined && e instanceof ScimError && e.detail.startsWith("Invalid filter: ")) {
      throw new ScimError(e.status, e.scimType, `Invalid filter at position ${offset + 1}: ${e.detail.slice(16)}`);
    }
    throw e;
  }
}
