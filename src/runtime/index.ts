// scim-gen/runtime: the kernel. No runtime dependencies (DESIGN.md rule 3).
export * from "./errors.js";
export * from "./manifest/index.js";
export * from "./filter/index.js";
export type * from "./stores/contract.js";
export * from "./resource/index.js";
export * from "./http/index.js";
export * from "./tenancy/index.js";
export * from "./compat/index.js";
export * from "./list/index.js";
export { BULK_REQUEST, BULK_RESPONSE, readBulk, runBulk, type BulkLimits, type BulkDoor, type BulkOpRequest } from "./bulk/index.js";
export { applyPatch, patchResource, readPatchMessage, resolvePatchPolicy, STRICT_PATCH_POLICY, DEFAULT_MAX_OPERATIONS, PATCH_OP_SCHEMA, type PatchPolicy, type ResolvedPatchPolicy, type PatchResourceOptions } from "./patch/index.js";
