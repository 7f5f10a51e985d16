import type { ServerResponse } from "node:http";
import type { ScimResponse } from "../http/types.js";

// Writing the kernel's responses to node:http: at once, or together at the end of the
// event-loop turn in which they were completed.

export function sendNode(res: ServerResponse, r: ScimResponse): void {
  const body = r.body;
  // A Content-Length of our own: writeHead fixes the framing at once, and without one
  // node:http would send every response chunked (a frame around the body and a last
  // empty chunk: ~10% of a GET's server CPU).
  res.writeHead(r.status, body === undefined ? r.headers : { ...r.headers, "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Responses completed in this turn, as (response, what to write) pairs, oldest first. */
const completed: (ServerResponse | ScimResponse)[] = [];

/**
 * Queues a response to be written when the current turn of the event loop ends (the
 * check phase, right after the poll phase has handed out every request that was ready).
 *
 * Under concurrent load this turns one write per completed request into one burst per
 * turn. A client on the same host (a load balancer, a sidecar proxy, an IdP's connector, a
 * benchmark) is then woken once per burst rather than once per response, and answers with
 * a burst the next poll collects at once, so both sides trade a wake-up per request for one
 * per turn. Measured with 32 connections on loopback (2 cores): 38 → 25 µs of server CPU
 * per GET, 77 → 46 µs per PATCH, p99 latency lower too; with one connection, no change.
 * A response waits at most for the rest of its turn's requests to be computed.
 */
export function sendAtTurnEnd(res: ServerResponse, r: ScimResponse): void {
  if (completed.length === 0) setImmediate(flush);
  completed.push(res, r);
}

function flush(): void {
  const burst = completed.splice(0); // anything queued while writing goes in the next burst
  for (let i = 0; i < burst.length; i += 2) {
    const res = burst[i] as ServerResponse;
    try {
      sendNode(res, burst[i + 1] as ScimResponse);
    } catch (err) {
      // One response that cannot be written (headers already sent by someone else, an
      // invalid header value) loses its connection; the others in the burst still go out.
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
