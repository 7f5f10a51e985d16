import { ScimError } from "../errors.js";
import type { JsonObject } from "./values.js";

// Members of the protocol messages (PatchOp and its operations, BulkRequest and its
// operations, SearchRequest) are matched ignoring case, as attribute names are (RFC 7643
// §2.1). A message spelling one member twice (`Operations` and `operations`) does not say
// which one it means; taking either would be a guess, so it is refused (RFC 7644 §3.12
// invalidSyntax: the message does not conform to its schema).

const clip = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** 400 invalidSyntax naming both spellings; `where` is e.g. "the PATCH body", "Operations[2]". */
export function ambiguousMember(where: string, first: string, second: string): ScimError {
  return ScimError.badRequest(
    "invalidSyntax",
    `${where} has both ${clip(first)} and ${clip(second)}; member names are case-insensitive (RFC 7643 §2.1), so one of them must go`,
  );
}

/** The value of the one member named `name` in any case, or undefined; two spellings → 400. */
export function member(obj: JsonObject, name: string, where: string): unknown {
  const lower = name.toLowerCase();
  let found: string | undefined;
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() !== lower) continue;
    if (found !== undefined) throw ambiguousMember(where, found, k);
    found = k;
  }
  return found === undefined ? undefined : obj[found];
}

/** The members keyed by lower-cased name (no prototype); two spellings of one → 400. */
export function lowerKeys(obj: JsonObject, where: string): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  const spelled = new Map<string, string>();
  for (const k of Object.keys(obj)) {
    const lower = k.toLowerCase();
    const first = spelled.get(lower);
    if (first !== undefined) throw ambiguousMember(where, first, k);
    spelled.set(lower, k);
    out[lower] = obj[k];
  }
  return out;
}
