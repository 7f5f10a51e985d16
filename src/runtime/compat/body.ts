import type { AttributeModel } from "../manifest/model.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import type { CompatPolicy } from "./policy.js";
import { modernSchemas } from "./urns.js";

// Shapes of POST/PUT bodies the generated validators rightly refuse, rewritten into their
// RFC form before validation when the tenant's profile allows it:
//   emptyAsRemoval        "title": ""                  → attribute left unassigned
//   stringAsComplexValue  "manager": "u1", "members": ["u1"] → {"value": "u1"}
//   singleAsList          "emails": {"value": …}       → [{"value": …}]
//   displayNameAsDisplay  members [{"displayName": …}]  → [{"display": …}]
//   legacySchemaUrns      "urn:scim:schemas:core:1.0"  → the resource type's core URN
// Copy on write: the input is never changed, untouched values are shared.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

function subNamed(attr: AttributeModel, name: string): boolean {
  return attr.subAttributes?.some((s) => s.name.toLowerCase() === name) === true;
}

/** One complex value in RFC form (exported for PATCH values). */
export function complexValue(v: unknown, attr: AttributeModel, policy: CompatPolicy): unknown {
  const s = policy.switches;
  if (typeof v === "string" && s.stringAsComplexValue && subNamed(attr, "value")) return { value: v };
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  // one pass over the keys: hostile values may carry very many
  const rename = s.displayNameAsDisplay && subNamed(attr, "display") && !subNamed(attr, "displayname") && !keys.some((x) => x.toLowerCase() === "display");
  const empty = s.emptyAsRemoval;
  if (!empty && !rename) return v;
  let any = false;
  for (const k of keys) if (drops(v, k, empty, rename)) any = true;
  if (!any) return v;
  // Built key by key rather than copied and deleted from: deletes turn big objects slow.
  const out: Json = {};
  for (const k of keys) {
    if (!drops(v, k, empty, rename)) setOwn(out, k, v[k]);
    else if (!(empty && v[k] === "")) out.display = v[k]; // dropped but not blank: the displayName renamed
  }
  return out;
}

/** Whether key `k` of complex value `v` leaves it (blank, or displayName to be renamed). */
function drops(v: Json, k: string, empty: boolean, rename: boolean): boolean {
  return (empty && v[k] === "") || (rename && k.length === 11 && k.toLowerCase() === "displayname");
}

/** `out[key] = value` that also works for a "__proto__" key (left for the validator to name). */
function setOwn(out: Json, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** The value for `attr`, or undefined to drop the key. */
function attributeValue(v: unknown, attr: AttributeModel, policy: CompatPolicy): unknown {
  const s = policy.switches;
  if (v === "" && s.emptyAsRemoval) return undefined;
  if (attr.type !== "complex") {
    if (attr.multiValued && s.singleAsList && v !== null && !Array.isArray(v) && typeof v !== "object") return [v];
    return v;
  }
  if (attr.multiValued) {
    let list = v;
    if (!Array.isArray(list)) {
      if ((isObject(list) && s.singleAsList) || (typeof list === "string" && s.stringAsComplexValue && list !== "")) list = [list];
      else return v;
    }
    const arr = list as unknown[];
    let out: unknown[] | undefined = list === v ? undefined : [...arr];
    for (let i = 0; i < arr.length; i++) {
      const next = complexValue(arr[i], attr, policy);
      if (next === arr[i]) continue;
      out ??= [...arr];
      out[i] = next;
    }
    return out ?? list;
  }
  const next = complexValue(v, attr, policy);
  return next !== v && isObject(next) && Object.keys(next).length === 0 ? undefined : next;
}

/** Attribute look-up by body key, built once per resource type: exact declared names
 * first, the lower-cased key only on a miss (RFC 7643 §2.1: names are case-insensitive). */
interface Plan {
  readonly core: Map<string, AttributeModel | null>;
  readonly extensions: Map<string, { readonly id: string; readonly attrs: Map<string, AttributeModel | null> }>;
}

const plans = new WeakMap<ResourceTypeIndex, Plan>();

function byName(attrs: readonly AttributeModel[]): Map<string, AttributeModel | null> {
  const m = new Map<string, AttributeModel | null>();
  for (const a of attrs) m.set(a.name, a).set(a.name.toLowerCase(), a);
  return m;
}

function planFor(type: ResourceTypeIndex): Plan {
  let plan = plans.get(type);
  if (!plan) {
    const core = byName(type.coreSchema.attributes);
    // common keys that are no attribute to rewrite: answered without lower-casing
    for (const k of ["schemas", "id", "externalId", "meta"]) if (!core.has(k)) core.set(k, null);
    const extensions = new Map<string, { id: string; attrs: Map<string, AttributeModel | null> }>();
    for (const e of type.extensions) {
      const entry = { id: e.id, attrs: byName(e.attributes) };
      extensions.set(e.id, entry).set(e.id.toLowerCase(), entry);
    }
    plans.set(type, (plan = { core, extensions }));
  }
  return plan;
}

function lookup<T>(m: Map<string, T | null>, key: string): T | undefined {
  const hit = m.get(key);
  return hit === undefined ? m.get(key.toLowerCase()) ?? undefined : hit ?? undefined;
}

function rewrite(obj: Json, attrs: Map<string, AttributeModel | null>, plan: Plan | undefined, policy: CompatPolicy): Json {
  let out: Json | undefined;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    let next: unknown;
    // an extension object (top level only), else an attribute
    const ext = plan && key.startsWith("urn:") ? lookup(plan.extensions, key) : undefined;
    if (ext) {
      if (!isObject(v)) continue;
      next = rewrite(v, ext.attrs, undefined, policy);
    } else {
      const attr = lookup(attrs, key);
      if (!attr) continue;
      next = attributeValue(v, attr, policy);
    }
    if (next === v) continue;
    out ??= { ...obj };
    if (next === undefined) delete out[key];
    else out[key] = next;
  }
  return out ?? obj;
}

/** The body in RFC form for `type`, or the same object when nothing needed rewriting. */
export function normalizeBody(input: Json, type: ResourceTypeIndex, policy: CompatPolicy): Json {
  const s = policy.switches;
  const body = s.legacySchemaUrns ? modernSchemas(input, type) : input;
  if (!s.emptyAsRemoval && !s.stringAsComplexValue && !s.singleAsList && !s.displayNameAsDisplay) return body;
  const plan = planFor(type);
  return rewrite(body, plan.core, plan, policy);
}
