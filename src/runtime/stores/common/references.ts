import { ScimError } from "../../errors.js";
import { isRecord } from "../../resource/values.js";
import type { ResourceData } from "../contract.js";
import { getKey } from "./data.js";
import { danglingReference } from "./errors.js";
import type { ReferenceRule } from "./rules.js";

// The membership rules that need the tenant's data (RFC 7643 §4.2), shared by every
// store and applied in the write's own transaction: each member names an existing User
// or Group of this tenant (400 otherwise, unless the caller keeps unknown references),
// its stored `type` is that resource's real type (filled in when absent, 400 when the
// client named another), no `$ref` is stored, and a group is never a member of itself (400).
// A store looks up only the ids `planMembers` lists: members already stored with a type
// keep it, so adding one member to a 10,000-member group costs one look-up.
// Deeper cycles (A ∈ B ∈ A) are allowed: refusing them needs a walk of the tenant's
// membership graph on every write, and RFC 7643 does not forbid nested cycles.

type Json = Record<string, unknown>;

export interface MemberPlan {
  /** Member id → type, for members `before` already stored with a type. */
  readonly known: ReadonlyMap<string, string>;
  /** Ids whose type the store must look up (each once). */
  readonly lookUp: readonly string[];
}

function listOf(data: ResourceData | undefined, rule: ReferenceRule): unknown[] {
  const list = data === undefined ? undefined : getKey(data, rule.attribute.name);
  return Array.isArray(list) ? list : [];
}

export const selfMember = (rule: ReferenceRule, id: string): ScimError =>
  ScimError.badRequest("invalidValue", `${rule.attribute.name}[value eq ${JSON.stringify(id)}]: a group cannot be a member of itself`);

/** What to look up for `rule`'s list in `data` (the resource `id`); 400 when it lists itself. */
export function planMembers(data: ResourceData, rule: ReferenceRule, id: string, before?: ResourceData): MemberPlan {
  const known = new Map<string, string>();
  for (const el of listOf(before, rule)) {
    const value = getKey(el, "value");
    const type = getKey(el, "type");
    if (typeof value === "string" && typeof type === "string") known.set(value, type);
  }
  const lookUp = new Set<string>();
  for (const el of listOf(data, rule)) {
    const value = getKey(el, "value");
    if (typeof value !== "string") continue;
    if (value === id) throw selfMember(rule, id);
    if (!known.has(value)) lookUp.add(value);
  }
  return { known, lookUp: [...lookUp] };
}

/**
 * `data` with every member of `rule`'s list typed from `plan.known` and `found` (id →
 * the target types holding that id, in `rule.targets` order). A member found nowhere is
 * a 400, or, with `keepUnknown`, kept without a type (there is no resource to name).
 */
export function typeMembers(data: ResourceData, rule: ReferenceRule, plan: MemberPlan, found: ReadonlyMap<string, readonly string[]>, keepUnknown: boolean): ResourceData {
  const key = Object.keys(data).find((k) => k.toLowerCase() === rule.attribute.name.toLowerCase());
  const list = key === undefined ? undefined : data[key];
  if (!Array.isArray(list)) return data;
  const typed = list.map((el: unknown) => {
    const value = getKey(el, "value");
    if (!isRecord(el) || typeof value !== "string") return el;
    const knownType = plan.known.get(value);
    const real = knownType !== undefined ? [knownType] : (found.get(value) ?? []);
    const typeKey = Object.keys(el).find((k) => k.toLowerCase() === "type");
    const given = typeKey === undefined ? undefined : el[typeKey];
    const out: Json = {};
    // `$ref` is derived from type and value when represented, never stored (member-links.ts).
    for (const k of Object.keys(el)) if (k !== typeKey && k.toLowerCase() !== "$ref") out[k] = el[k];
    if (real.length === 0) {
      if (!keepUnknown) throw danglingReference(rule.attribute.name, rule.targets, value);
      return out;
    }
    const type = typeof given === "string" ? real.find((t) => t.toLowerCase() === given.toLowerCase()) : real[0];
    if (type === undefined) {
      throw ScimError.badRequest("invalidValue", `${rule.attribute.name}[value eq ${JSON.stringify(value)}].type: ${JSON.stringify(given)} does not match; ${JSON.stringify(value)} is a ${real[0]}`);
    }
    out.type = type;
    return out;
  });
  return { ...data, [key!]: typed };
}
