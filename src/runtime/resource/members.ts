import { ScimError } from "../errors.js";
import { findKey, isRecord } from "./values.js";
import type { AttributeModel } from "../manifest/model.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";

// Membership lists (Group.members, RFC 7643 §4.2): multi-valued complex attributes whose
// `value` is the id of another resource of the tenant. The rules here need only the
// request, so the kernel applies them to every write (POST, PUT, PATCH, Bulk) before any
// handler sees the data; the rules that need the tenant's data (the member exists, its
// real `type`, not the group itself) are the store's (stores/common/references.ts).
//
// - `$ref` is never taken from a client: it is "the URI corresponding to a SCIM resource"
//   (§4.2), i.e. the server's own location of the member, and base URLs differ per
//   request, tenant and publicUrl, so it is computed at representation (member-links.ts).
// - `type` must be one of the attribute's reference types (canonical case; a member's
//   type names a resource type, §4.2 "User" or "Group"), else 400 invalidValue.
// - The same `value` twice is one member (§2.4: multi-valued attributes hold values, a
//   member is its value): POST and PUT keep the first, as PATCH add does; a repeat that
//   names another `type` is a contradiction, 400.
// - A member the stored resource already lists keeps its stored `type` when the body
//   leaves it out, so an IdP's full PUT of unchanged members (Okta, every sync) equals the
//   stored data and writes nothing (RFC 7644 §3.5.1).

type Json = Record<string, unknown>;

/** A multi-valued complex attribute whose `value` is the id of another resource. */
export interface ReferenceRule {
  readonly attribute: AttributeModel;
  /** Resource type names a member may be, from `$ref.referenceTypes`. */
  readonly targets: readonly string[];
}

/** The attribute's membership rule, or undefined when it is no client-written id list. */
export function referenceRule(attribute: AttributeModel, typeNames: ReadonlySet<string>): ReferenceRule | undefined {
  // Only client-writable membership lists: User.groups is readOnly and derived.
  if (attribute.type !== "complex" || !attribute.multiValued || attribute.mutability === "readOnly") return undefined;
  const subs = attribute.subAttributes ?? [];
  if (!subs.some((s) => s.name.toLowerCase() === "value")) return undefined;
  const ref = subs.find((s) => s.name.toLowerCase() === "$ref");
  const targets = (ref?.referenceTypes ?? []).filter((t) => typeNames.has(t.toLowerCase()));
  return targets.length ? { attribute, targets } : undefined;
}

/** The membership rules of a resource type's core schema. */
export function referenceRules(index: ResourceTypeIndex, typeNames: ReadonlySet<string>): ReferenceRule[] {
  const rules: ReferenceRule[] = [];
  for (const attribute of index.coreAttributes()) {
    const r = referenceRule(attribute, typeNames);
    if (r) rules.push(r);
  }
  return rules;
}

const memberText = (attribute: string, value: unknown): string => `${attribute}[value eq ${JSON.stringify(value)}]`;

/** The element without `$ref` and with `type` in canonical case (400 when it names no target). */
function cleanMember(el: Json, rule: ReferenceRule): Json {
  const out: Json = {};
  for (const key of Object.keys(el)) {
    const lower = key.toLowerCase();
    if (lower === "$ref") continue;
    if (lower !== "type") {
      out[key] = el[key];
      continue;
    }
    const given = el[key];
    if (given === undefined || given === null) continue;
    const canonical = typeof given === "string" ? rule.targets.find((t) => t.toLowerCase() === given.toLowerCase()) : undefined;
    if (!canonical) {
      const v = el[findKey(el, "value") ?? "value"];
      throw ScimError.badRequest("invalidValue", `${memberText(rule.attribute.name, v)}.type: ${JSON.stringify(given)} is not ${rule.targets.join(" or ")}`);
    }
    out.type = canonical;
  }
  return out;
}

/** One membership list cleaned and de-duplicated by `value`; elements without a string
 * value are left to the validator and the store. */
function cleanList(list: unknown[], rule: ReferenceRule, stored: ReadonlyMap<string, string>): unknown[] {
  const seen = new Map<string, Json>();
  const out: unknown[] = [];
  for (const el of list) {
    if (!isRecord(el)) {
      out.push(el);
      continue;
    }
    const member = cleanMember(el, rule);
    const value = member[findKey(member, "value") ?? "value"];
    if (typeof value !== "string") {
      out.push(member);
      continue;
    }
    const first = seen.get(value);
    if (!first) {
      if (member.type === undefined && stored.has(value)) member.type = stored.get(value);
      seen.set(value, member);
      out.push(member);
    } else if (member.type !== undefined && first.type !== undefined && member.type !== first.type) {
      throw ScimError.badRequest("invalidValue", `${memberText(rule.attribute.name, value)} is listed twice, as ${first.type} and as ${member.type}`);
    } else if (first.type === undefined && member.type !== undefined) {
      first.type = member.type; // the repeat only adds what the first left out
    }
  }
  return out;
}

/** Member id → stored type, from the resource's stored list. */
function storedTypes(existing: Json | undefined, rule: ReferenceRule): Map<string, string> {
  const types = new Map<string, string>();
  const key = existing && findKey(existing, rule.attribute.name.toLowerCase());
  const list = key === undefined ? undefined : existing![key];
  if (!Array.isArray(list)) return types;
  for (const el of list) {
    if (!isRecord(el)) continue;
    const value = el[findKey(el, "value") ?? "value"];
    const type = el[findKey(el, "type") ?? "type"];
    if (typeof value === "string" && typeof type === "string") types.set(value, type);
  }
  return types;
}

/** `data` (a validated resource) with its membership lists cleaned; the same object when
 * there is nothing to clean. `existing` is the stored resource of a PUT or PATCH. Throws
 * 400 invalidValue naming the member at fault. */
export function cleanMembers(data: Json, rules: readonly ReferenceRule[], existing?: Json): Json {
  let out: Json | undefined;
  for (const rule of rules) {
    const key = findKey(data, rule.attribute.name.toLowerCase());
    const list = key === undefined ? undefined : data[key];
    if (!Array.isArray(list)) continue;
    out ??= { ...data };
    out[key!] = cleanList(list, rule, storedTypes(existing, rule));
  }
  return out ?? data;
}
