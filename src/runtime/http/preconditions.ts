import { ScimError } from "../errors.js";
import { header } from "./body.js";
import type { ResourceTypeRuntime } from "./env.js";
import { etagFor, ifMatchSatisfied, ifNoneMatchHits } from "./semantics.js";
import type { RequestContext, ResourceRecord, ScimRequest, WriteConditions } from "./types.js";

// Conditional writes for PUT, PATCH and DELETE (RFC 7644 §3.14 uses RFC 7232): the
// preconditions are evaluated against the version read, and that version is handed to
// the store, which checks it in the same atomic step as the write. So a precondition is
// never decided on one version and the write applied to another: if the resource changed
// in between, the store answers 412 and the whole read-evaluate-write runs again.

/** A write without If-Match that loses a race is retried (the client pinned no version,
 * so a 412 would be wrong), up to this many attempts with jittered backoff so several
 * instances contending for one resource all get through. */
const RETRIES = 24;
const backoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));

const clip = (h: string): string => JSON.stringify(h.slice(0, 100));

export function notFound(rt: ResourceTypeRuntime, id: string): ScimError {
  return ScimError.notFound(`${rt.type.resourceType.name} ${JSON.stringify(id.slice(0, 120))} not found`);
}

/** Whether the request carries a precondition at all (DELETE skips the read without one). */
export function hasPreconditions(req: ScimRequest): boolean {
  return header(req.headers, "if-match") !== undefined || header(req.headers, "if-none-match") !== undefined;
}

/**
 * Throws 412 when a precondition is false for `record` (RFC 7232 §6: If-Match first,
 * then If-None-Match). If-None-Match on a write is false when `*` is sent and the resource
 * exists, or when a listed tag matches weakly (§3.2); the method MUST NOT be performed
 * and the answer is 412. Returns true when If-Match pinned the version: a lost race is
 * then the client's 412, not something to retry.
 */
export function checkPreconditions(req: ScimRequest, record: ResourceRecord): boolean {
  const ifMatch = header(req.headers, "if-match");
  if (ifMatch !== undefined && !ifMatchSatisfied(ifMatch, record.version)) {
    throw ScimError.preconditionFailed(`If-Match ${clip(ifMatch)} does not match the current version ${etagFor(record.version)}`);
  }
  const ifNoneMatch = header(req.headers, "if-none-match");
  if (ifNoneMatchHits(ifNoneMatch, record.version)) {
    throw ScimError.preconditionFailed(`If-None-Match ${clip(ifNoneMatch!)} matches the current version ${etagFor(record.version)}`);
  }
  return ifMatch !== undefined;
}

/** Runs read -> preconditions -> write with the version read pinned; an unpinned lost race
 * (412 from the store) is retried, re-evaluating the preconditions on the fresh read. */
export async function conditionalWrite<T>(
  req: ScimRequest,
  ctx: RequestContext,
  rt: ResourceTypeRuntime,
  id: string,
  write: (existing: ResourceRecord, conditions: WriteConditions) => T | Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const existing = await rt.handler.get(ctx, id); // not a helper: one async frame less per write
    if (!existing) throw notFound(rt, id);
    const pinned = checkPreconditions(req, existing);
    try {
      return await write(existing, { ifVersion: existing.version });
    } catch (e) {
      if (pinned || attempt >= RETRIES || !(e instanceof ScimError) || e.status !== 412) throw e;
    }
    await backoff(attempt);
  }
}
