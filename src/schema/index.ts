// scim-gen's schema loader: files, directories or globs -> checked JSON -> IR.
export * from "./problem.js";
export { loadSchemas, CORE_SCHEMA_NAMES, type CoreSchemaName, type LoadOptions, type LoadResult } from "./load.js";
export { checkSchema } from "./check-schema.js";
export { checkResourceType } from "./check-resource-type.js";
export { parseJson, readJsonFile, MAX_SCHEMA_BYTES } from "./json.js";
export { expandPattern } from "./glob.js";
