import { ScimError } from "../errors.js";
import { parseJsonBody, readBody, type BodyLimits } from "../http/body.js";
import type { ScimRequest } from "../http/types.js";
import { lowerKeys } from "../resource/message-members.js";

// The BulkRequest message (RFC 7644 §3.7): limits first (413, §3.7.4), then the envelope
// (400 for the request), then each operation on its own: a malformed operation becomes an
// error for that operation only, so one bad entry never sinks the others. Member names
// are case-insensitive (RFC 7643 §2.1); one spelled twice is ambiguous and refused, for
// the request (`Operations`, `operations`) or for that operation (`data`, `Data`).

export const BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
export const BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

export interface BulkLimits {
  readonly maxOperations: number;
  readonly maxPayloadSize: number;
}

export type BulkMethod = "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const MAX_BULK_ID = 256;
const MAX_PATH = 2048;

/** One entry of Operations; `error` is set when the entry itself is malformed. */
export interface BulkOperation {
  readonly index: number;
  readonly method: string;
  readonly bulkId?: string;
  readonly version?: string;
  readonly path: string;
  readonly data?: Record<string, unknown>;
  error?: ScimError;
}

export interface ParsedBulk {
  readonly failOnErrors?: number;
  readonly operations: BulkOperation[];
}

/** RFC 7644 §3.7.4: 413 with the limit named in the detail. */
function tooLarge(detail: string): ScimError {
  return new ScimError(413, undefined, detail);
}

export async function readBulk(req: ScimRequest, limits: BulkLimits, body: BodyLimits): Promise<ParsedBulk> {
  let bytes: Uint8Array;
  try {
    bytes = await readBody(req.body, req.headers, { ...body, maxBytes: limits.maxPayloadSize });
  } catch (e) {
    if (e instanceof ScimError && e.status === 413) {
      throw tooLarge(`The size of the bulk operation exceeds the maxPayloadSize (${limits.maxPayloadSize}).`);
    }
    throw e;
  }
  // Operations -> operation -> data: three levels above what a single request may nest.
  const message = lowerKeys(parseJsonBody(bytes, body.maxDepth + 3), "the bulk request");
  const schemas = message.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === "string" && s.toLowerCase() === BULK_REQUEST.toLowerCase())) {
    throw ScimError.badRequest("invalidSyntax", `bulk request body must list schema ${BULK_REQUEST}`);
  }
  const ops = message.operations;
  if (!Array.isArray(ops)) throw ScimError.badRequest("invalidSyntax", "bulk request body must have an Operations array");
  if (ops.length > limits.maxOperations) {
    throw tooLarge(`The number of operations (${ops.length}) exceeds the maxOperations (${limits.maxOperations}).`);
  }
  let failOnErrors: number | undefined;
  if (message.failonerrors !== undefined) {
    const f = message.failonerrors;
    if (typeof f !== "number" || !Number.isInteger(f) || f < 1) {
      throw ScimError.badRequest("invalidValue", `failOnErrors must be an integer of at least 1, got ${JSON.stringify(f)?.slice(0, 40)}`);
    }
    failOnErrors = f;
  }
  const operations = ops.map((raw, index) => operation(raw, index));
  markDuplicateBulkIds(operations);
  return failOnErrors === undefined ? { operations } : { failOnErrors, operations };
}

function invalid(index: number, detail: string, scimType: "invalidSyntax" | "invalidValue" = "invalidSyntax"): ScimError {
  return ScimError.badRequest(scimType, `Operations[${index}]: ${detail}`);
}

function operation(raw: unknown, index: number): BulkOperation {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { index, method: "", path: "", error: invalid(index, "an operation must be a JSON object") };
  }
  let o: Record<string, unknown>;
  try {
    o = lowerKeys(raw as Record<string, unknown>, `Operations[${index}]`);
  } catch (e) {
    if (!(e instanceof ScimError)) throw e;
    return { index, method: "", path: "", error: e };
  }
  const method = typeof o.method === "string" ? o.method.toUpperCase() : "";
  const path = typeof o.path === "string" ? o.path : "";
  const op: { -readonly [K in keyof BulkOperation]: BulkOperation[K] } = { index, method: method.slice(0, 20), path: path.slice(0, MAX_PATH) };
  if (typeof o.bulkid === "string") op.bulkId = o.bulkid.slice(0, MAX_BULK_ID);
  if (typeof o.version === "string") op.version = o.version.slice(0, 200);
  op.error = check(o, method, path, index);
  if (!op.error && method !== "DELETE") op.data = o.data as Record<string, unknown>;
  return op;
}

function check(o: Record<string, unknown>, method: string, path: string, index: number): ScimError | undefined {
  if (typeof o.method !== "string") return invalid(index, "method is required (POST, PUT, PATCH or DELETE)");
  if (!METHODS.has(method)) return invalid(index, `method ${JSON.stringify(o.method.slice(0, 20))} is not allowed in a bulk request; use POST, PUT, PATCH or DELETE`, "invalidValue");
  if (typeof o.path !== "string") return invalid(index, "path is required");
  if (path.length > MAX_PATH) return invalid(index, `path is longer than ${MAX_PATH} characters`, "invalidValue");
  // RFC 7644 §3.7: a path relative to the base, e.g. "/Users" or "/Users/{id}".
  if (!path.startsWith("/") || path.startsWith("//") || /[?#\\]|%2f|%5c/i.test(path) || path.split("/").some((s) => s === "." || s === "..")) {
    return invalid(index, `path ${JSON.stringify(path.slice(0, 120))} must be a resource path relative to the SCIM base, e.g. "/Users/{id}"`, "invalidValue");
  }
  if (o.bulkid !== undefined && (typeof o.bulkid !== "string" || o.bulkid === "" || o.bulkid.length > MAX_BULK_ID)) {
    return invalid(index, `bulkId must be a non-empty string of at most ${MAX_BULK_ID} characters`, "invalidValue");
  }
  // RFC 7644 §3.7: bulkId is REQUIRED when method is POST.
  if (method === "POST" && o.bulkid === undefined) return invalid(index, "bulkId is required when method is POST");
  if (o.version !== undefined && typeof o.version !== "string") return invalid(index, "version must be a string (an ETag)", "invalidValue");
  if (method !== "DELETE") {
    const d = o.data;
    if (d === undefined) return invalid(index, `data is required when method is ${method}`);
    if (d === null || typeof d !== "object" || Array.isArray(d)) return invalid(index, `data must be a JSON object, got ${d === null ? "null" : Array.isArray(d) ? "an array" : typeof d}`);
  }
  return undefined;
}

/** A bulkId names one new resource (RFC 7644 §3.7): every operation declaring a repeated
 * one fails, since a reference to it would be ambiguous. */
function markDuplicateBulkIds(operations: BulkOperation[]): void {
  const seen = new Map<string, BulkOperation[]>();
  for (const op of operations) {
    if (op.error || op.bulkId === undefined) continue;
    const list = seen.get(op.bulkId);
    if (list) list.push(op);
    else seen.set(op.bulkId, [op]);
  }
  for (const [bulkId, list] of seen) {
    if (list.length < 2) continue;
    const where = list.map((o) => o.index).join(", ");
    for (const op of list) op.error = invalid(op.index, `bulkId ${JSON.stringify(bulkId.slice(0, 120))} is declared by more than one operation (Operations ${where})`, "invalidValue");
  }
}
