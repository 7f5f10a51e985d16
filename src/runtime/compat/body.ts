import type { AttributeModel } from "../manifest/model.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import type { CompatPolicy } from "./policy.js";

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
  if (!s.emptyAsRemoval && !rename) return v;
  const drop = (k: string) => (s.emptyAsRemoval && v[k] === "") || (rename && k.toLowerCase() === "displayname");
  if (!keys.some(drop)) return v;
  // Built key by key rather than copied and deleted from: deletes turn big objects slow.
  const out: Json = {};
  for (const k of keys) {
    if (!drop(k)) setOwn(out, k, v[k]);
    else if (rename && k.toLowerCase() === "displayname" && !(s.emptyAsRemoval && v[k] === "")) out.display = v[k];
  }
  return out;
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
  return isObject(next) && Object.keys(next).length === 0 && next !== v ? undefined : next;
}

function rewrite(obj: Json, resolveKey: (key: string) => AttributeModel | undefined, policy: CompatPolicy): Json {
  let out: Json | undefined;
  for (const key of Object.keys(obj)) {
    const attr = resolveKey(key);
    if (!attr) continue;
    const v = obj[key];
    const next = attributeValue(v, attr, policy);
    if (next === v) continue;
    out ??= { ...obj };
    if (next === undefined) delete out[key];
    else out[key] = next;
  }
  return out ?? obj;
}

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const LEGACY_CORE = /^urn:scim:schemas:core:[12]\.0$/i;
const LEGACY_ENTERPRISE = /^urn:scim:schemas:extension:enterprise:[12]\.0$|^urn:ietf:params:scim:schemas:extension:enterprise:2\.0User$/i;

/** The RFC URN a legacy one stands for in `type`, or undefined. */
function modernUrn(urn: string, type: ResourceTypeIndex): string | undefined {
  if (LEGACY_CORE.test(urn)) return type.coreSchema.id;
  if (LEGACY_ENTERPRISE.test(urn)) return type.extension(ENTERPRISE)?.id;
  return undefined;
}

/** `schemas` entries and extension keys in SCIM 1.1 spelling renamed (legacySchemaUrns). */
function modernSchemas(body: Json, type: ResourceTypeIndex): Json {
  let out: Json | undefined;
  const schemas = body.schemas;
  if (Array.isArray(schemas) && schemas.some((u) => typeof u === "string" && modernUrn(u, type))) {
    // Set: linear however long a hostile `schemas` array is
    out = { ...body, schemas: [...new Set(schemas.map((u) => (typeof u === "string" ? modernUrn(u, type) ?? u : u)))] };
  }
  for (const key of Object.keys(body)) {
    const urn = key.includes(":") ? modernUrn(key, type) : undefined;
    if (!urn || urn === type.coreSchema.id || Object.hasOwn(body, urn)) continue;
    out ??= { ...body };
    out[urn] = body[key];
    delete out[key];
  }
  return out ?? body;
}

/** The body in RFC form for `type`, or the same object when nothing needed rewriting. */
export function normalizeBody(input: Json, type: ResourceTypeIndex, policy: CompatPolicy): Json {
  const s = policy.switches;
  const body = s.legacySchemaUrns ? modernSchemas(input, type) : input;
  if (!s.emptyAsRemoval && !s.stringAsComplexValue && !s.singleAsList && !s.displayNameAsDisplay) return body;
  const top = rewrite(body, (key) => {
    const hit = key.startsWith("urn:") ? undefined : type.resolve(key);
    return hit && !hit.extension && !hit.subAttribute ? hit.attribute : undefined;
  }, policy);
  let out = top;
  for (const ext of type.extensions) {
    const key = Object.keys(top).find((k) => k.toLowerCase() === ext.id.toLowerCase());
    const v = key === undefined ? undefined : top[key];
    if (key === undefined || !isObject(v)) continue;
    const next = rewrite(v, (k) => {
      const hit = type.resolve(`${ext.id}:${k}`);
      return hit && !hit.subAttribute ? hit.attribute : undefined;
    }, policy);
    if (next === v) continue;
    if (out === body) out = { ...body };
    out[key] = next;
  }
  return out;
}
