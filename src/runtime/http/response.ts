import { ScimError } from "../errors.js";
import type { Logger, ScimResponse } from "./types.js";

// Responses are always application/scim+json (RFC 7644 §3.1); errors carry the RFC 7644
// §3.12 body with `status` as a string. Anything that is not a ScimError is a bug on our
// side: the client gets a 500 with a request id and no internals, the logger gets the rest.

export const SCIM_CONTENT_TYPE = "application/scim+json";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export function json(status: number, body: unknown, headers?: Record<string, string>): ScimResponse {
  return { status, headers: { "content-type": SCIM_CONTENT_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function empty(status: number, headers?: Record<string, string>): ScimResponse {
  return { status, headers: { ...headers } };
}

export function errorResponse(error: ScimError, headers?: Record<string, string>): ScimResponse {
  const extra: Record<string, string> = { ...headers };
  // The rest of an oversized or slow body is not read: close rather than drain it.
  if (error.status === 413 || error.status === 408) extra.connection = "close";
  return json(error.status, error.toJSON(), extra);
}

export function internalError(err: unknown, requestId: string, logger: Logger): ScimResponse {
  logger.error({ err, requestId }, "scim: unexpected error while handling a request");
  const error = new ScimError(500, undefined, `internal server error (request id ${requestId})`);
  return json(500, error.toJSON(), { "x-request-id": requestId });
}

export function listResponse(totalResults: number, startIndex: number, resources: readonly unknown[]): ScimResponse {
  return json(200, {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    itemsPerPage: resources.length,
    startIndex,
    Resources: resources,
  });
}

/** Writes one JSON line per entry to the console: a stand-in until the user passes pino. */
export const consoleLogger: Logger = {
  error(obj, msg) {
    const o = obj as { err?: unknown };
    const err = o.err instanceof Error ? { message: o.err.message, stack: o.err.stack } : o.err;
    console.error(JSON.stringify({ level: "error", msg, ...obj, err }));
  },
  warn(obj, msg) {
    console.error(JSON.stringify({ level: "warn", msg, ...obj }));
  },
};
