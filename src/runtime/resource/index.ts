// Resource semantics: validator helpers (used by generated validators.ts), PUT,
// projection, meta and ETags.
export type * from "./validator.js";
export * from "./values.js";
export * from "./issues.js";
export * from "./checks.js";
export * from "./schemas.js";
export * from "./etag.js";
export * from "./representation.js";
export * from "./projection.js";
export * from "./replace.js";
export * from "./base-url.js";
