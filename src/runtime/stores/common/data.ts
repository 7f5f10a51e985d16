import { ScimError } from "../../errors.js";
import type { ResourceData } from "../contract.js";
import type { ReferenceRule, UniqueRule } from "./rules.js";

// Safe handling of resource bodies inside stores: a private deep copy on the way in (so
// neither the caller nor a later reader can change stored data), case-insensitive key
// look-ups (RFC 7643 §2.1), and the values uniqueness and reference rules look at.

const MAX_DEPTH = 32;

/** Plain assignment keeps objects in V8's compact shape; a "__proto__" key must become an
 * own data property, never the prototype. */
function set(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function copy(value: unknown, depth: number, path: string): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth > MAX_DEPTH) throw ScimError.badRequest("invalidValue", `${path}: nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], depth + 1, path);
    return Object.freeze(out);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) set(out, key, copy((value as Record<string, unknown>)[key], depth + 1, key));
  return Object.freeze(out);
}

/** A frozen deep copy of `data` with `id` set and `meta` dropped (the kernel derives meta). */
export function freezeResource(data: ResourceData, id: string): ResourceData {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    const k = key.toLowerCase();
    if (k === "meta" || k === "id") continue;
    set(out, key, copy(data[key], 1, key));
  }
  out.id = id;
  return Object.freeze(out);
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

/** `data` without the elements of reference attributes that point at `id`; undefined if none did. */
export function withoutReference(data: ResourceData, rules: readonly ReferenceRule[], id: string): ResourceData | undefined {
  let changed = false;
  const out: Record<string, unknown> = { ...data };
  for (const rule of rules) {
    for (const key of Object.keys(data)) {
      if (key.toLowerCase() !== rule.attribute.name.toLowerCase()) continue;
      const list = data[key];
      if (!Array.isArray(list)) continue;
      const kept = list.filter((item) => getKey(item, "value") !== id);
      if (kept.length !== list.length) {
        changed = true;
        out[key] = Object.freeze(kept);
      }
    }
  }
  return changed ? Object.freeze(out) : undefined;
}
