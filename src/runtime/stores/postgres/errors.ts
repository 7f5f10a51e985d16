import { ScimError, isScimError } from "../../errors.js";

// Database failures as SCIM errors (DESIGN.md rule 8): a lost or refused connection is a
// 503 the client may retry, a statement cut off by statement_timeout during a query is a
// 400 tooMany (RFC 7644 §3.12: "more results than the server is willing to calculate"),
// and a unique violation that slipped past the checks is still a 409.

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH", "57P01", "57P02", "57P03", "53300"]);

export function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  const message = e instanceof Error ? e.message : "";
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable|timeout exceeded when trying to connect/i.test(message);
}

export function toScimError(e: unknown, reading: boolean): unknown {
  if (isScimError(e)) return e;
  const code = (e as { code?: unknown })?.code;
  if (code === "23505") return ScimError.conflict("a unique value is already used by another resource");
  if (code === "57014") {
    return reading
      ? ScimError.badRequest("tooMany", "the query took longer than the server's statement timeout; narrow the filter")
      : new ScimError(503, undefined, "the database did not finish the write in time; retry later");
  }
  if (code === "55P03" || code === "40001" || code === "40P01") return new ScimError(503, undefined, "the resource is busy; retry later");
  if (isConnectionError(e)) return new ScimError(503, undefined, "the database is unavailable; retry later");
  return e;
}
