// SQLite's built-in lower() and NOCASE fold ASCII letters only, while the evaluator (and
// PostgreSQL's lower() under a UTF-8 locale) fold all of Unicode. Registering this
// deterministic function on each connection, and naming it in SqlTarget.lower, makes
// SQLite agree exactly; it can back expression indexes too.

/** What registerSqliteFunctions needs of a connection (better-sqlite3's Database fits). */
export interface SqliteFunctionHost {
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

export const SQLITE_UNICODE_LOWER = "scim_lower";

export function registerSqliteFunctions(db: SqliteFunctionHost): void {
  db.function(SQLITE_UNICODE_LOWER, { deterministic: true }, (value) => (typeof value === "string" ? value.toLowerCase() : value));
}
