import { ScimError } from "../../errors.js";
import type { ResourceData } from "../contract.js";
import type { ReferenceRule, UniqueRule } from "./rules.js";

// Safe handling of resource bodies inside stores: a private deep copy on the way in (so
// neither the caller nor a later reader can change stored data), case-insensitive key
// look-ups (RFC 7643 §2.1), and the values uniqueness and reference rules look at.

const MAX_DEPTH = 32;

/** 400 rather than a stack overflow for bodies nested past MAX_DEPTH (allocates nothing). */
function checkDepth(value: unknown, depth: number, path: string): void {
  if (value === null || typeof value !== "object") return;
  if (depth > MAX_DEPTH) throw ScimError.badRequest("invalidValue", `${path}: nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) for (const v of value) checkDepth(v, depth + 1, path);
  else for (const key of Object.keys(value)) checkDepth((value as Record<string, unknown>)[key], depth + 1, key);
}

/** Freezes a fresh JSON.parse result in place. */
function freezeDeep(value: unknown): void {
  if (value === null || typeof value !== "object") return;
  for (const v of Array.isArray(value) ? value : Object.values(value)) freezeDeep(v);
  Object.freeze(value);
}

/** A frozen deep copy of `data` with `id` set and `meta` dropped (the kernel derives meta).
 * Copied through JSON: V8 lays JSON.parse results out compactly, and a "__proto__" key
 * stays an own data property, never a prototype. */
export function freezeResource(data: ResourceData, id: string): ResourceData {
  const out = JSON.parse(JSON.stringify(ownCopy(data, id))) as ResourceData;
  out.id = id;
  freezeDeep(out);
  return out;
}

/** `data`'s top level with `id` set and `meta` dropped (400 when nested too deep); nested
 * values are the caller's, so it is only for serialising. */
export function ownCopy(data: ResourceData, id: string): ResourceData {
  checkDepth(data, 0, "resource");
  const top: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    const k = key.toLowerCase();
    if (k === "meta" || k === "id") continue;
    if (key === "__proto__") Object.defineProperty(top, key, { value: data[key], enumerable: true, writable: true, configurable: true });
    else top[key] = data[key];
  }
  top.id = id;
  return top;
}

/** The caller-chosen id of a new resource; a missing id is a kernel bug, not client input. */
export function requireId(data: ResourceData): string {
  const id = data.id;
  if (typeof id !== "string" || id === "") throw new TypeError("store.create: data.id must be a non-empty string");
  return id;
}

/** `obj[name]` with a case-insensitive key match (own properties only). */
export function getKey(obj: unknown, name: string): unknown {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return undefined;
  const rec = obj as Record<string, unknown>;
  if (Object.hasOwn(rec, name)) return rec[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(rec)) if (key.toLowerCase() === lower) return rec[key];
  return undefined;
}

/** The value a unique rule applies to, or undefined when absent/null. */
export function uniqueRaw(data: ResourceData, rule: UniqueRule): string | number | boolean | undefined {
  const holder = rule.extension ? getKey(data, rule.extension) : data;
  const v = getKey(holder, rule.attribute.name);
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : undefined;
}

/** Normalised key for equality under the rule's case rule; strings and others never collide. */
export function uniqueKey(rule: UniqueRule, value: string | number | boolean): string {
  if (typeof value === "string") return "s" + (rule.caseExact ? value : value.toLowerCase());
  return (typeof value === "number" ? "n" : "b") + String(value);
}

/** The `value` of every element of a reference attribute (e.g. Group.members[].value). */
export function referencedIds(data: ResourceData, rule: ReferenceRule): string[] {
  const list = getKey(data, rule.attribute.name);
  if (!Array.isArray(list)) return [];
  const ids: string[] = [];
  for (const item of list) {
    const v = getKey(item, "value");
    if (typeof v === "string") ids.push(v);
  }
  return ids;
}

/** `data` without the elements of reference attributes that point at `id`; undefined if
 * none did (checked first, so the common case allocates nothing). A list left empty is
 * removed: RFC 7643 §2.5 makes an empty array and an unassigned attribute the same state,
 * and the kernel stores it as absent (the validator drops `[]`, PATCH remove leaves none). */
export function withoutReference(data: ResourceData, rules: readonly ReferenceRule[], id: string): ResourceData | undefined {
  let out: Record<string, unknown> | undefined;
  for (const rule of rules) {
    const name = rule.attribute.name.toLowerCase();
    for (const key of Object.keys(data)) {
      if (key.toLowerCase() !== name) continue;
      const list = data[key];
      if (!Array.isArray(list) || !list.some((item) => getKey(item, "value") === id)) continue;
      out ??= { ...data };
      const rest = list.filter((item) => getKey(item, "value") !== id);
      if (rest.length) out[key] = Object.freeze(rest);
      else delete out[key];
    }
  }
  return out && Object.freeze(out);
}
