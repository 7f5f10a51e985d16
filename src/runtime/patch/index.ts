import { ScimError } from "../errors.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import type { ResourceValidator, ValidateOptions } from "../resource/validator.js";
import type { ResourceData } from "../stores/contract.js";
import { invalidValue, PatchDocument } from "./document.js";
import { readPatchMessage, type PatchOperation } from "./message.js";
import { applyWithoutPath } from "./nopath.js";
import { addOrReplace, remove } from "./operations.js";
import { resolvePatchPolicy, type PatchPolicy, type ResolvedPatchPolicy } from "./policy.js";
import { resolveTarget } from "./target.js";

// The PATCH engine, RFC 7644 §3.5.2. Operations apply in order to a deep copy of the
// stored resource; the first failure throws and the copy is dropped, so a PATCH is
// atomic and the stored resource is never touched. The caller revalidates the result
// (validator mode "patch"), or uses patchResource which does both.

export { PATCH_OP_SCHEMA, readPatchMessage, type PatchOperation, type PatchOpName } from "./message.js";
export { DEFAULT_MAX_OPERATIONS, resolvePatchPolicy, STRICT_PATCH_POLICY, type PatchPolicy, type ResolvedPatchPolicy } from "./policy.js";
export { resolveTarget, type Target } from "./target.js";

function applyOperation(doc: PatchDocument, op: PatchOperation, policy: ResolvedPatchPolicy): void {
  if (op.path === undefined) {
    // §3.5.2.2: remove needs a target
    if (op.op === "remove") throw new ScimError(400, "noTarget", 'remove needs a "path"');
    if (op.value === undefined) throw invalidValue("value", `is required for ${op.op}`);
    return applyWithoutPath(doc, op.op, op.value);
  }
  const target = resolveTarget(op.path, doc.index, policy);
  if (op.op === "remove") return remove(doc, target, op.value);
  if ((op.value === null || op.value === "") && policy.emptyAsRemoval) return remove(doc, target, undefined);
  if (op.value === undefined || op.value === null) {
    throw invalidValue("value", `is required for ${op.op}${op.value === null ? " (null: to clear an attribute use remove)" : ""}`);
  }
  addOrReplace(doc, target, op.value, op.op);
}

function located(e: ScimError, op: PatchOperation): ScimError {
  const path = op.path === undefined ? "" : ` ${op.path.length > 100 ? `${op.path.slice(0, 100)}…` : op.path}`;
  return new ScimError(e.status, e.scimType, `Operations[${op.index}] (${op.op}${path}): ${e.detail}`);
}

/** Applies a PatchOp body to `existing` and returns the new data; `existing` is never
 * changed. Values the PATCH did not touch are shared with `existing`: store the result of
 * the validator (patchResource), which builds fresh objects, rather than this one. */
export function applyPatch(existing: ResourceData, body: unknown, index: ResourceTypeIndex, policy?: PatchPolicy): ResourceData {
  const p = resolvePatchPolicy(policy);
  const ops = readPatchMessage(body, p);
  const doc = new PatchDocument(existing, index, p);
  for (const op of ops) {
    try {
      applyOperation(doc, op, p);
    } catch (e) {
      if (e instanceof ScimError) throw located(e, op);
      if (e instanceof RangeError) throw located(new ScimError(400, "invalidValue", "value is nested too deeply"), op);
      throw e;
    }
  }
  return doc.data;
}

export interface PatchResourceOptions {
  readonly policy?: PatchPolicy;
  readonly validate?: Omit<ValidateOptions, "mode" | "existing">;
}

/** applyPatch, then the generated validator in "patch" mode: the stored-ready result. */
export function patchResource(existing: ResourceData, body: unknown, index: ResourceTypeIndex, validator: ResourceValidator, options: PatchResourceOptions = {}): ResourceData {
  const patched = applyPatch(existing, body, index, options.policy);
  return validator(patched, { ...options.validate, mode: "patch", existing });
}
