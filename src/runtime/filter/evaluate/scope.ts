import { SCHEMAS_ATTRIBUTE } from "../../manifest/common.js";
import type { AttributeModel } from "../../manifest/model.js";
import type { ResolvedAttribute, ResourceTypeIndex } from "../../manifest/resolve.js";
import { invalid } from "./predicates.js";
import { getterFor, type Getter } from "./values.js";

// Where a filter path's values live, resolved once at compile time. A Plan reads the
// top-level value with `get`, then (when `subKey` is set) that key of each element.

export interface Plan {
  /** Canonical path, for messages. */
  readonly path: string;
  /** The attribute whose values are tested: a scalar, or a complex attribute for `pr`/`[...]`. */
  readonly attribute: AttributeModel;
  readonly get: Getter;
  readonly subKey?: string;
  /** The multi-valued complex attribute itself when the path named no sub-attribute. */
  readonly container?: AttributeModel;
  /** The resolution behind the plan, for translators that walk JSON themselves (SQL). */
  readonly resolved?: ResolvedAttribute;
}

const lower = (s: string): string => s.toLowerCase();

/** `schemas` is not in any schema's attribute list but every resource has it (RFC 7643 §3). */
function resolveWithSchemas(index: ResourceTypeIndex, path: string): ResolvedAttribute | undefined {
  const hit = index.resolve(path);
  if (hit) return hit;
  const core = lower(index.coreSchema.id) + ":";
  const bare = lower(path).startsWith(core) ? path.slice(core.length) : path;
  if (lower(bare) !== "schemas") return undefined;
  return { schema: index.coreSchema.id, extension: false, attribute: SCHEMAS_ATTRIBUTE, path: "schemas" };
}

export function resolveOrThrow(index: ResourceTypeIndex, path: string): ResolvedAttribute {
  const hit = resolveWithSchemas(index, path);
  if (!hit) throw invalid(`unknown attribute "${path}" for resource type ${index.resourceType.name}`);
  return hit;
}

/** A comparison or presence path against a whole resource. */
export function resourcePlan(index: ResourceTypeIndex, path: string): Plan {
  const r = resolveOrThrow(index, path);
  const top = getterFor(r.attribute.name);
  const get: Getter = r.extension ? ((ext: Getter) => (o: unknown) => top(ext(o)))(getterFor(r.schema)) : top;
  if (r.subAttribute) return { path: r.path, attribute: r.subAttribute, get, subKey: r.subAttribute.name, resolved: r };
  return { ...implicitValue(r.path, r.attribute, get), resolved: r };
}

/**
 * RFC 7644 §3.4.2.2: a filter on a multi-valued complex attribute without a sub-attribute
 * (`emails co "example.com"`) applies to its `value` sub-attribute.
 */
function implicitValue(path: string, attribute: AttributeModel, get: Getter): Plan {
  if (attribute.type === "complex" && attribute.multiValued) {
    const value = attribute.subAttributes?.find((s) => lower(s.name) === "value");
    if (value) return { path: `${path}.${value.name}`, attribute: value, get, subKey: value.name, container: attribute };
  }
  return { path, attribute, get };
}

/** The attribute a value filter `path[...]` iterates: complex, named without a sub-attribute. */
export function valuePathTarget(index: ResourceTypeIndex, path: string): { attribute: AttributeModel; get: Getter; path: string; resolved: ResolvedAttribute } {
  const r = resolveOrThrow(index, path);
  if (r.subAttribute || r.attribute.type !== "complex") {
    throw invalid(`a value filter "${path}[...]" needs a complex attribute; "${r.path}" is ${r.subAttribute ? "a sub-attribute" : `of type ${r.attribute.type}`}`);
  }
  const top = getterFor(r.attribute.name);
  const get: Getter = r.extension ? ((ext: Getter) => (o: unknown) => top(ext(o)))(getterFor(r.schema)) : top;
  return { attribute: r.attribute, get, path: r.path, resolved: r };
}

/** Inside `attr[...]`: a path is one of `attr`'s sub-attributes, read from one element. */
export function elementPlan(container: AttributeModel, path: string): Plan {
  const sub = findSubAttribute(container, path);
  return { path: `${container.name}.${sub.name}`, attribute: sub, get: getterFor(sub.name) };
}

export function findSubAttribute(container: AttributeModel, path: string): AttributeModel {
  const key = lower(path);
  const sub = container.subAttributes?.find((s) => lower(s.name) === key);
  if (!sub) throw invalid(`unknown sub-attribute "${path}" of "${container.name}"`);
  return sub;
}
