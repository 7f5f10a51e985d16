// scim-gen: the generator's programmatic API (schema loading, IR, emitters).
export * from "./ir/index.js";
export { loadSchemas, CORE_SCHEMA_NAMES, formatProblem, type CoreSchemaName, type LoadOptions, type LoadResult, type SchemaProblem, type SchemaRule } from "./schema/index.js";
export { generate, EMITTERS, type EmitOptions, type EmittedFile, type Emitter, type Framework, type RegisteredEmitter } from "./emit/index.js";
