import type { BulkOperation } from "./request.js";

// bulkId references (RFC 7644 §3.7.2): a string "bulkId:<id>" anywhere in an operation's
// data (or as the id segment of its path) stands for the id of the resource a POST with
// that bulkId creates. Operations run in dependency order, whatever their order in the
// request; a reference that closes a cycle is "deferred": its operation is created
// without it first and completed by a PUT once the other side exists (§3.7.1).

export const PREFIX = "bulkId:";
/** A value removed from the first write of a deferred operation. */
const DROP: unique symbol = Symbol("drop");

/** The bulkIds an operation references, in data and path. */
export function referencesOf(op: BulkOperation): string[] {
  const found = new Set<string>();
  const segment = op.path.split("/")[2];
  if (segment?.startsWith(PREFIX)) found.add(segment.slice(PREFIX.length));
  if (op.data) collect(op.data, found);
  return [...found];
}

function collect(value: unknown, found: Set<string>): void {
  if (typeof value === "string") {
    if (value.startsWith(PREFIX)) found.add(value.slice(PREFIX.length));
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, found);
  } else if (value !== null && typeof value === "object") {
    for (const k of Object.keys(value)) collect((value as Record<string, unknown>)[k], found);
  }
}

export interface Plan {
  /** Operation indexes in the order they run. */
  readonly order: number[];
  /** Per operation: bulkIds left out of its first write because they close a cycle. */
  readonly deferred: Map<number, Set<string>>;
}

/** Depth-first, dependencies first, in request order otherwise; iterative so that a long
 * chain of references cannot exhaust the stack. `declared` maps a bulkId to its POST. */
export function plan(operations: readonly BulkOperation[], refs: readonly string[][], declared: ReadonlyMap<string, number>): Plan {
  const state = new Uint8Array(operations.length); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  const deferred = new Map<number, Set<string>>();
  for (let root = 0; root < operations.length; root++) {
    if (state[root] !== 0) continue;
    const stack: { op: number; next: number }[] = [{ op: root, next: 0 }];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const mine = refs[top.op]!;
      if (top.next >= mine.length) {
        state[top.op] = 2;
        order.push(top.op);
        stack.pop();
        continue;
      }
      const bulkId = mine[top.next++]!;
      const dep = declared.get(bulkId);
      if (dep === undefined || state[dep] === 2) continue;
      if (state[dep] === 1) {
        // A cycle (or a self-reference): this reference waits for the completing PUT.
        let set = deferred.get(top.op);
        if (!set) deferred.set(top.op, (set = new Set()));
        set.add(bulkId);
        continue;
      }
      state[dep] = 1;
      stack.push({ op: dep, next: 0 });
    }
  }
  return { order, deferred };
}

/** A copy of `data` with references replaced by ids. A deferred reference takes the
 * array element (e.g. a Group member) or the attribute holding it out of the copy. */
export function substitute(data: Record<string, unknown>, ids: ReadonlyMap<string, string>, deferred?: ReadonlySet<string>): Record<string, unknown> {
  return copy(data, ids, deferred, 0, false) as Record<string, unknown>;
}

function copy(value: unknown, ids: ReadonlyMap<string, string>, deferred: ReadonlySet<string> | undefined, depth: number, keepMembers: boolean): unknown {
  if (typeof value === "string") {
    if (!value.startsWith(PREFIX)) return value;
    const bulkId = value.slice(PREFIX.length);
    if (deferred?.has(bulkId)) return DROP;
    return ids.get(bulkId) ?? value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) {
      const c = copy(v, ids, deferred, depth + 1, false);
      if (c !== DROP) out.push(c);
    }
    return out;
  }
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  // The resource itself and extension objects lose only the member; a value inside an
  // attribute takes its whole attribute (or array element) with it.
  const own = depth === 0 || keepMembers;
  for (const k of Object.keys(value)) {
    const c = copy((value as Record<string, unknown>)[k], ids, deferred, depth + 1, depth === 0 && k.toLowerCase().startsWith("urn:"));
    if (c === DROP) {
      if (!own) return DROP;
      continue;
    }
    out[k] = c;
  }
  return out;
}

/** The path with a "bulkId:" id segment replaced. */
export function substitutePath(path: string, ids: ReadonlyMap<string, string>): string {
  const parts = path.split("/");
  const segment = parts[2];
  if (!segment?.startsWith(PREFIX)) return path;
  const id = ids.get(segment.slice(PREFIX.length));
  if (id === undefined) return path;
  parts[2] = encodeURIComponent(id);
  return parts.join("/");
}
