// Body-read deadlines (408) for every request in flight, kept by one shared timer instead
// of a setTimeout and clearTimeout per request: under load those two cost about as much as
// the rest of reading a small body. A deadline fires at most SWEEP_MS late.

const SWEEP_MS = 50;

interface Deadline {
  readonly at: number;
  readonly expire: () => void;
}

const pending = new Set<Deadline>();
let timer: ReturnType<typeof setInterval> | undefined;

function sweep(): void {
  if (pending.size === 0) {
    clearInterval(timer);
    timer = undefined;
    return;
  }
  const now = Date.now();
  for (const d of pending) {
    if (d.at > now) continue;
    pending.delete(d);
    d.expire();
  }
}

/** Calls `expire` about `ms` from now unless the returned cancel function is called first. */
export function deadline(ms: number, expire: () => void): () => void {
  const d: Deadline = { at: Date.now() + ms, expire };
  pending.add(d);
  if (timer === undefined) {
    timer = setInterval(sweep, SWEEP_MS);
    timer.unref?.(); // a pending read alone never keeps the process alive
  }
  return () => void pending.delete(d);
}

/** Deadlines not yet fired or cancelled (tests and diagnostics). */
export function pendingDeadlines(): number {
  return pending.size;
}
