import { ScimError } from "../errors.js";
import type { Filter } from "../filter/ast.js";
import { compileValueFilter, parsePatchPath } from "../filter/index.js";
import type { AttributeModel, SchemaModel } from "../manifest/model.js";
import type { ResolvedAttribute, ResourceTypeIndex } from "../manifest/resolve.js";
import type { ResolvedPatchPolicy } from "./policy.js";

// A PATCH path resolved against the resource type (RFC 7644 §3.5.2, §3.10): which
// container (core or an extension object), which attribute, which sub-attribute and which
// value filter. Unknown names are `invalidPath`; a filter on a non-multi-valued or
// non-complex attribute is `invalidPath` too.

export interface Target {
  /** The path as written, for error details. */
  readonly text: string;
  /** The extension holding the attribute, or the whole extension when `attribute` is unset. */
  readonly extension?: SchemaModel;
  readonly attribute?: AttributeModel;
  /** From `name.givenName` or `emails[…].value`. */
  readonly sub?: AttributeModel;
  /** Compiled value filter (`emails[type eq "work"]`) over one element. */
  readonly filter?: (element: unknown) => boolean;
  readonly filterAst?: Filter;
}

const invalidPath = (text: string, why: string): ScimError => new ScimError(400, "invalidPath", `Invalid path "${clip(text)}": ${why}`);
const clip = (s: string): string => (s.length > 100 ? `${s.slice(0, 100)}…` : s);

export function subAttributeOf(attribute: AttributeModel, name: string): AttributeModel | undefined {
  const l = name.toLowerCase();
  return attribute.subAttributes?.find((s) => s.name.toLowerCase() === l);
}

// IdPs send the same few paths over and over: resolved targets are immutable, so they
// are cached per resource type and filter mode (bounded).
const cache = new WeakMap<ResourceTypeIndex, Map<string, Target>>();
const MAX_CACHED = 1000;

export function resolveTarget(text: string, index: ResourceTypeIndex, policy: ResolvedPatchPolicy): Target {
  let perType = cache.get(index);
  if (!perType) cache.set(index, (perType = new Map()));
  const mode = policy.filterOptions || policy.unqualifiedExtensionPaths || policy.booleanStrings
    ? `${JSON.stringify(policy.filterOptions ?? {})}${policy.unqualifiedExtensionPaths ? "u" : ""}${policy.booleanStrings ? "b" : ""}\u0000`
    : "";
  const key = mode + text;
  let target = perType.get(key);
  if (!target) {
    target = resolveUncached(text, index, policy);
    if (perType.size >= MAX_CACHED) perType.clear();
    // real paths are short; long hostile ones are not worth the memory
    if (text.length <= 256) perType.set(key, target);
  }
  return target;
}

function resolveUncached(text: string, index: ResourceTypeIndex, policy: ResolvedPatchPolicy): Target {
  const parsed = parsePatchPath(text, policy.filterOptions);
  const whole = index.extension(parsed.attributePath);
  if (whole) {
    if (parsed.filter) throw invalidPath(text, "a value filter needs a multi-valued attribute, not an extension");
    return { text, extension: whole };
  }
  const r = index.resolve(parsed.attributePath) ?? (policy.unqualifiedExtensionPaths ? unqualified(parsed.attributePath, index) : undefined);
  if (!r) throw invalidPath(text, `"${clip(parsed.attributePath)}" is not an attribute of ${index.resourceType.name}`);
  const target: { -readonly [K in keyof Target]: Target[K] } = { text, attribute: r.attribute };
  if (r.extension) target.extension = index.extension(r.schema);
  if (r.subAttribute) target.sub = r.subAttribute;
  if (parsed.filter) {
    if (!r.attribute.multiValued || r.attribute.type !== "complex") {
      throw invalidPath(text, `a value filter needs a multi-valued complex attribute; "${r.attribute.name}" is not one`);
    }
    // booleanStrings also covers literals in path filters: Entra's roles[primary eq "True"]
    target.filter = compileValueFilter(parsed.filter, r.attribute, policy.booleanStrings ? { coerceBooleanStrings: true } : undefined);
    target.filterAst = parsed.filter;
    if (parsed.subAttribute !== undefined) {
      const sub = subAttributeOf(r.attribute, parsed.subAttribute);
      if (!sub) throw invalidPath(text, `"${clip(parsed.subAttribute)}" is not a sub-attribute of "${r.attribute.name}"`);
      target.sub = sub;
    }
  }
  return target;
}

/** `manager` → `urn:…:enterprise:2.0:User:manager` when exactly one extension has it. */
function unqualified(path: string, index: ResourceTypeIndex): ResolvedAttribute | undefined {
  if (path.toLowerCase().startsWith("urn:")) return undefined;
  const hits = index.extensions.map((e) => index.resolve(`${e.id}:${path}`)).filter((r) => r !== undefined);
  return hits.length === 1 ? hits[0] : undefined;
}

/** The element a value filter describes, from its `eq` terms joined by `and`; undefined
 * when the filter says more than that (used only by the createOnNoMatch tolerance). */
export function elementFromFilter(filter: Filter, attribute: AttributeModel): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const walk = (f: Filter): boolean => {
    if (f.type === "logical") return f.operator === "and" && walk(f.left) && walk(f.right);
    if (f.type !== "comparison" || f.operator !== "eq") return false;
    const sub = subAttributeOf(attribute, f.attributePath);
    if (!sub || sub.name === "__proto__") return false;
    out[sub.name] = f.value;
    return true;
  };
  return walk(filter) ? out : undefined;
}
