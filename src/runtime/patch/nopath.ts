import type { SchemaModel } from "../manifest/model.js";
import { describe } from "../resource/issues.js";
import { isRecord } from "../resource/values.js";
import { invalidValue, type PatchDocument } from "./document.js";
import { addOrReplace, remove } from "./operations.js";
import type { Target } from "./target.js";
import { mayIgnoreUnknown } from "./unknown.js";

// add/replace without a path (RFC 7644 §3.5.2.1, §3.5.2.3): the value is an object of
// attributes, each applied as if it had been the path; extension URN keys hold objects of
// that extension's attributes. `schemas` in the value is not applied: the validator
// derives it from the extension objects present. It is still checked as a POST body's
// would be (RFC 7643 §3): IdPs send the resource's own URNs, while a URN of another
// schema means the client is describing something we would otherwise silently ignore.
// Names are case-insensitive (RFC 7643 §2.1), so `displayName` and `DisplayName` in one
// value (or an extension attribute both URN-keyed and inside its extension object) name
// one attribute twice: which wins would be a guess, so it is 400.

export function applyWithoutPath(doc: PatchDocument, op: "add" | "replace", value: unknown, extension?: SchemaModel, seen = new Set<string>()): void {
  if (!isRecord(value)) throw invalidValue("value", "must be an object of attributes when the operation has no path");
  const { index, policy } = doc;
  for (const k of Object.keys(value)) {
    const v = value[k];
    if (!extension) {
      if (k.toLowerCase() === "schemas") {
        checkSchemas(doc, v);
        continue;
      }
      const ext = index.extension(k);
      if (ext) {
        once(seen, ext.id, k);
        if ((v === null || v === "") && policy.emptyAsRemoval) doc.removeExtension(ext);
        else if (!isRecord(v)) throw invalidValue(ext.id, "must be an object of extension attributes");
        else applyWithoutPath(doc, op, v, ext, seen);
        continue;
      }
    }
    const name = extension ? `${extension.id}:${k}` : k;
    const r = index.resolve(name);
    if (!r) {
      if (mayIgnoreUnknown(policy, name)) continue;
      throw invalidValue(name, "is not a defined attribute");
    }
    once(seen, r.path, name);
    const isPath = r.subAttribute !== undefined || (!extension && k.includes(":"));
    if (isPath && !policy.pathKeysInValue) {
      throw invalidValue(name, 'is an attribute path, not an attribute name; use the operation\'s "path"');
    }
    const target: Target = {
      text: r.path,
      attribute: r.attribute,
      ...(r.subAttribute ? { sub: r.subAttribute } : {}),
      ...(r.extension ? { extension: index.extension(r.schema)! } : {}),
    };
    if ((r.subAttribute ?? r.attribute).mutability === "readOnly" && policy.ignoreReadOnlyInValue) continue;
    if ((v === null || v === "") && policy.emptyAsRemoval) remove(doc, target, undefined);
    else if (v === null) throw invalidValue(r.path, "is null: to clear an attribute use a remove operation");
    else addOrReplace(doc, target, v, op);
  }
}

/** 400 invalidValue when `path` (canonical) was already named in this value. */
function once(seen: Set<string>, path: string, key: string): void {
  const lower = path.toLowerCase();
  if (seen.has(lower)) throw invalidValue(key, "is given more than once in the value (attribute names are case-insensitive)");
  seen.add(lower);
}

/** 400 invalidValue unless `v` is an array of this resource type's schema URNs (core or
 * extension, any case); unknown URNs pass where unknown attributes may (as in the validator). */
function checkSchemas(doc: PatchDocument, v: unknown): void {
  if (!Array.isArray(v)) throw invalidValue("schemas", `must be an array of schema URNs, got ${describe(v)}`);
  const { index, policy } = doc;
  const core = index.coreSchema.id.toLowerCase();
  for (let i = 0; i < v.length; i++) {
    const urn: unknown = v[i];
    if (typeof urn !== "string") throw invalidValue(`schemas[${i}]`, `must be a schema URN string, got ${describe(urn)}`);
    if (urn.toLowerCase() === core || index.extension(urn) || policy.ignoreUnknownAttributes) continue;
    const shown = urn.length > 80 ? `${urn.slice(0, 80)}…` : urn;
    throw invalidValue(`schemas[${i}]`, `"${shown}" is not a schema of resource type ${index.resourceType.name}`);
  }
}
