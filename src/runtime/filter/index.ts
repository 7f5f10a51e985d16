// The SCIM filter language (RFC 7644 §3.4.2.2): parser, printer, schema-aware compiled
// evaluator, canonical paths, SQL translation. No runtime dependencies.
export type * from "./ast.js";
export { FILTER_LIMITS, type FilterOptions } from "./options.js";
export { parseFilter, parsePatchPath } from "./parse.js";
export { compileFilter, compileValueFilter, type CompileOptions, type Matcher } from "./evaluate/compile.js";
export { compareAttributeValues, compareSortableValues, sortableValue } from "./evaluate/compare.js";
export { parseDateTime } from "./evaluate/datetime.js";
export { printFilter } from "./print.js";
export { canonicalizeFilter } from "./canonical.js";
export { checkQueryableFilter, checkSortable, isQueryRefusal } from "./queryable.js";
export { FilterCache, type CompiledFilter, type FilterCacheOptions } from "./cache.js";
export { filterToSql } from "./sql/translate.js";
export { sortToSql, type SortOrder } from "./sql/sort.js";
export type { SqlColumn, SqlDialect, SqlFragment, SqlMetaColumns, SqlTarget } from "./sql/target.js";
export { registerSqliteFunctions, SQLITE_UNICODE_LOWER, type SqliteFunctionHost } from "./sql/sqlite-functions.js";
