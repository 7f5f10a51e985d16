import { ScimError } from "../errors.js";
import { json } from "../http/response.js";
import type { ScimResponse } from "../http/types.js";
import { plan, referencesOf, substitute, substitutePath, PREFIX } from "./references.js";
import { BULK_RESPONSE, type BulkOperation, type ParsedBulk } from "./request.js";

// Runs a parsed BulkRequest (RFC 7644 §3.7) through a door into the kernel's pipeline, one
// operation at a time in dependency order, and builds the BulkResponse. Each operation
// is its own request: what one writes is never undone by another's failure, and what
// fails writes nothing (the stores make every single write atomic).

/** One operation as an internal request under the bulk request's context. */
export interface BulkOpRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: Record<string, unknown>;
  readonly ifMatch?: string;
}

/** Routes and runs one operation; resolves with the response even for errors. */
export type BulkDoor = (op: BulkOpRequest) => Promise<ScimResponse>;

interface Outcome {
  status: number;
  location?: string;
  version?: string;
  response?: unknown;
}

export interface BulkRun {
  readonly baseUrl: string;
  readonly door: BulkDoor;
  readonly signal?: AbortSignal;
}

export async function runBulk(bulk: ParsedBulk, run: BulkRun): Promise<ScimResponse> {
  const ops = bulk.operations;
  const declared = new Map<string, number>();
  for (const op of ops) if (!op.error && op.method === "POST" && op.bulkId !== undefined) declared.set(op.bulkId, op.index);
  const refs = ops.map((op) => (op.error ? [] : referencesOf(op)));
  const { order, deferred } = plan(ops, refs, declared);
  const ids = new Map<string, string>();
  const outcomes: (Outcome | undefined)[] = new Array(ops.length);
  const limit = bulk.failOnErrors ?? Infinity;
  let errors = 0;
  const fail = (op: BulkOperation, e: ScimError): void => {
    outcomes[op.index] = { status: e.status, response: e.toJSON(), ...locationFor(op, run.baseUrl, ids) };
    errors++;
  };

  let ran = 0;
  for (const i of order) {
    if (errors >= limit || run.signal?.aborted) break;
    // A store that answers synchronously (memory) would otherwise hold the event loop
    // for the whole bulk job: let other requests in every 64 operations.
    if (++ran % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const op = ops[i]!;
    if (op.error) {
      fail(op, op.error);
      continue;
    }
    const unresolved = unresolvable(op, refs[i]!, declared, ids, deferred.get(i), outcomes);
    if (unresolved) {
      fail(op, unresolved);
      continue;
    }
    const outcome = await call(run, op, ids, deferred.get(i));
    outcomes[i] = outcome;
    if (outcome.status >= 400) errors++;
    else if (deferred.size > 0) errors += await complete(run, ops, deferred, ids, outcomes, false);
  }
  errors += await complete(run, ops, deferred, ids, outcomes, true);

  const notProcessed = bulk.failOnErrors !== undefined && errors >= bulk.failOnErrors ? `failOnErrors (${bulk.failOnErrors}) was reached` : "the request was aborted";
  const Operations = ops.map((op) => entry(op, outcomes[op.index] ?? skipped(op, run.baseUrl, ids, notProcessed)));
  return json(200, { schemas: [BULK_RESPONSE], Operations });
}

/** Why a reference cannot be resolved now, or undefined. */
function unresolvable(
  op: BulkOperation,
  refs: readonly string[],
  declared: ReadonlyMap<string, number>,
  ids: ReadonlyMap<string, string>,
  later: ReadonlySet<string> | undefined,
  outcomes: readonly (Outcome | undefined)[],
): ScimError | undefined {
  for (const bulkId of refs) {
    if (ids.has(bulkId) || later?.has(bulkId)) continue;
    const shown = JSON.stringify(bulkId.slice(0, 120));
    const at = declared.get(bulkId);
    if (at === undefined) return ScimError.badRequest("invalidValue", `Operations[${op.index}]: ${PREFIX}${shown.slice(1, -1)} is not declared by any valid POST operation of this request`);
    const status = outcomes[at]?.status;
    return new ScimError(409, undefined, `Operations[${op.index}]: bulkId ${shown} cannot be resolved: Operations[${at}] ${status ? `failed with status ${status}` : "was not processed"}`);
  }
  return undefined;
}

async function call(run: BulkRun, op: BulkOperation, ids: ReadonlyMap<string, string>, strip?: ReadonlySet<string>): Promise<Outcome> {
  const request: { -readonly [K in keyof BulkOpRequest]: BulkOpRequest[K] } = { method: op.method, path: substitutePath(op.path, ids) };
  if (op.data) request.body = substitute(op.data, ids, strip);
  if (op.version !== undefined) request.ifMatch = op.version;
  const res = await run.door(request);
  const body = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : undefined;
  if (res.status >= 400) return { status: res.status, response: body, ...locationFor(op, run.baseUrl, ids) };
  const outcome: Outcome = { status: res.status };
  const meta = body?.meta as { location?: unknown } | undefined;
  const location = res.headers.location ?? (typeof meta?.location === "string" ? meta.location : undefined);
  if (location) outcome.location = location;
  else Object.assign(outcome, locationFor(op, run.baseUrl, ids));
  if (res.headers.etag) outcome.version = res.headers.etag;
  if (op.method === "POST" && op.bulkId !== undefined && typeof body?.id === "string") (ids as Map<string, string>).set(op.bulkId, body.id);
  return outcome;
}

/** Second writes for operations created without their cyclic references (RFC 7644
 * §3.7.1), run as soon as every reference resolves, before anything else touches the
 * resource. At the end (`last`), one that cannot be completed is deleted again and
 * reports 409, so no resource is left half-written. Returns the number of new errors. */
async function complete(run: BulkRun, ops: readonly BulkOperation[], deferred: Map<number, Set<string>>, ids: ReadonlyMap<string, string>, outcomes: (Outcome | undefined)[], last: boolean): Promise<number> {
  let errors = 0;
  for (const [i, waiting] of deferred) {
    const op = ops[i]!;
    const first = outcomes[i];
    if (!first || first.status >= 400 || !op.data || !first.location) continue;
    const missing = [...waiting].find((b) => !ids.has(b));
    if (missing !== undefined && !last) continue;
    deferred.delete(i);
    const path = `${op.path.replace(/\/+$/, "")}/${encodeURIComponent(ids.get(op.bulkId!) ?? "")}`;
    let outcome: Outcome;
    if (missing !== undefined) {
      const e = new ScimError(409, undefined, `Operations[${i}]: circular bulkId reference ${JSON.stringify(missing.slice(0, 120))} could not be resolved; the resource was not kept`);
      outcome = { status: 409, response: e.toJSON() };
    } else {
      const put = await call(run, { ...op, method: "PUT", path, version: first.version! }, ids);
      outcome = put.status < 400 ? { ...put, status: first.status, location: first.location } : put;
    }
    if (outcome.status >= 400) {
      await run.door({ method: "DELETE", path });
      errors++;
      outcomes[i] = { status: outcome.status, response: outcome.response };
    } else outcomes[i] = outcome;
  }
  return errors;
}

function locationFor(op: BulkOperation, baseUrl: string, ids: ReadonlyMap<string, string>): { location?: string } {
  // RFC 7644 §3.7.3: location is given except for a failed POST.
  if (op.method === "POST" || op.path === "" || op.error) return {};
  return { location: baseUrl + substitutePath(op.path, ids) };
}

function skipped(op: BulkOperation, baseUrl: string, ids: ReadonlyMap<string, string>, why: string): Outcome {
  // 424 Failed Dependency: not attempted because the bulk job stopped first.
  const e = new ScimError(424, undefined, `Operations[${op.index}] was not processed: ${why}`);
  return { status: 424, response: e.toJSON(), ...locationFor(op, baseUrl, ids) };
}

function entry(op: BulkOperation, o: Outcome): Record<string, unknown> {
  const out: Record<string, unknown> = { method: op.method };
  if (op.bulkId !== undefined) out.bulkId = op.bulkId;
  if (o.version !== undefined) out.version = o.version;
  if (o.location !== undefined) out.location = o.location;
  out.status = String(o.status);
  if (o.response !== undefined) out.response = o.response;
  return out;
}
