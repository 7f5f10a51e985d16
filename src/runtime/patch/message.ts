import { ScimError } from "../errors.js";
import { describe } from "../resource/issues.js";
import { member } from "../resource/message-members.js";
import { isRecord } from "../resource/values.js";
import type { ResolvedPatchPolicy } from "./policy.js";

// The PatchOp message, RFC 7644 §3.5.2: {"schemas":[PatchOp URN], "Operations":[…]}, each
// operation {"op", "path"?, "value"?}. Message member names are matched case-insensitively
// (RFC 7643 §2.1), and one spelled twice (`Operations`, `operations`) is 400 invalidSyntax;
// op values are lower-case unless the policy says otherwise.

export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export type PatchOpName = "add" | "replace" | "remove";

export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: string;
  /** undefined when the operation has no "value" member. */
  readonly value?: unknown;
  /** Position in Operations, for error details. */
  readonly index: number;
}

const syntax = (detail: string): ScimError => new ScimError(400, "invalidSyntax", detail);

export function readPatchMessage(body: unknown, policy: ResolvedPatchPolicy): PatchOperation[] {
  if (!isRecord(body)) throw syntax(`A PATCH body must be a JSON object, got ${describe(body)}`);
  const schemas = member(body, "schemas", "the PATCH body");
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw syntax(`A PATCH body must list "${PATCH_OP_SCHEMA}" in schemas`);
  }
  const ops = member(body, "Operations", "the PATCH body");
  if (!Array.isArray(ops)) throw syntax(`A PATCH body needs an "Operations" array, got ${describe(ops)}`);
  if (ops.length === 0) throw syntax(`"Operations" must contain at least one operation`);
  if (ops.length > policy.maxOperations) {
    throw new ScimError(400, "invalidValue", `"Operations" has ${ops.length} operations; the limit is ${policy.maxOperations}`);
  }
  return ops.map((raw, index) => readOperation(raw, index, policy));
}

function readOperation(raw: unknown, index: number, policy: ResolvedPatchPolicy): PatchOperation {
  const at = `Operations[${index}]`;
  if (!isRecord(raw)) throw syntax(`${at} must be an object, got ${describe(raw)}`);
  const opRaw = member(raw, "op", at);
  if (typeof opRaw !== "string") throw syntax(`${at}.op must be "add", "replace" or "remove", got ${describe(opRaw)}`);
  const name = policy.opCaseInsensitive ? opRaw.toLowerCase() : opRaw;
  if (name !== "add" && name !== "replace" && name !== "remove") {
    const shown = opRaw.length > 40 ? `${opRaw.slice(0, 40)}…` : opRaw;
    throw syntax(`${at}.op "${shown}" is not one of "add", "replace", "remove"`);
  }
  const path = member(raw, "path", at);
  const value = member(raw, "value", at);
  if (path !== undefined && path !== null && typeof path !== "string") {
    throw new ScimError(400, "invalidPath", `${at}.path must be a string, got ${describe(path)}`);
  }
  const op: { -readonly [K in keyof PatchOperation]: PatchOperation[K] } = { op: name, index };
  // an empty or null path means "no path" (the resource itself)
  if (typeof path === "string" && path.trim() !== "") op.path = path;
  if (value !== undefined) op.value = value;
  return op;
}
