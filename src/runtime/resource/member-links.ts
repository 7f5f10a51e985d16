import type { ResourceTypeIndex } from "../manifest/resolve.js";
import { isRecord } from "./values.js";
import type { ReferenceRule } from "./members.js";
import { locationFor } from "./representation.js";

// Group.members[].$ref (RFC 7643 §4.2: "The URI corresponding to a SCIM resource that is a
// member of this Group"): computed when a resource is represented, from the member's
// stored `type` and `value`, on the base URL of this request (RFC 7644 §3.1), so it is
// right behind every publicUrl, proxy and tenant path, and a client's own `$ref` is never
// echoed. Stored `$ref`s (written before this rule) are dropped; a member without a type
// (a compat-kept unknown id) gets none: there is no resource for it to name.

type Json = Record<string, unknown>;

export interface MemberLinks {
  readonly rules: readonly ReferenceRule[];
  /** Lower-case resource type name → its index (for the endpoint). */
  readonly types: ReadonlyMap<string, ResourceTypeIndex>;
}

function linked(el: unknown, links: MemberLinks, baseUrl: string): unknown {
  if (!isRecord(el)) return el;
  let value: unknown;
  let type: unknown;
  for (const k of Object.keys(el)) {
    const lower = k.toLowerCase();
    if (lower === "value") value = el[k];
    else if (lower === "type") type = el[k];
  }
  const target = typeof type === "string" ? links.types.get(type.toLowerCase()) : undefined;
  const ref = target && typeof value === "string" ? locationFor(baseUrl, target, value) : undefined;
  const out: Json = {};
  for (const k of Object.keys(el)) {
    if (k.toLowerCase() === "$ref") continue;
    out[k] = el[k];
    if (k.toLowerCase() === "value" && ref !== undefined) out.$ref = ref;
  }
  return out;
}

/** Sets `$ref` on every member of `rep`'s membership lists (in place on `rep`'s top
 * level; the lists and elements are new, the stored ones are not touched). */
export function linkMembers(rep: Json, links: MemberLinks, baseUrl: string): Json {
  for (const rule of links.rules) {
    const lower = rule.attribute.name.toLowerCase();
    for (const key of Object.keys(rep)) {
      const list = rep[key];
      if (key.toLowerCase() === lower && Array.isArray(list)) rep[key] = list.map((el) => linked(el, links, baseUrl));
    }
  }
  return rep;
}
