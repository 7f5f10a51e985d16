// scim-gen: the generator's programmatic API (schema loading, IR, emitters).
export * from "./ir/index.js";
