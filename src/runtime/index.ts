// scim-gen/runtime: the kernel. No runtime dependencies (DESIGN.md rule 3).
export * from "./errors.js";
export * from "./manifest/index.js";
export type * from "./filter/ast.js";
export type * from "./stores/contract.js";
export * from "./resource/index.js";
export * from "./http/index.js";
export * from "./tenancy/index.js";
