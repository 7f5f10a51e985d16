import { ScimError } from "../errors.js";
import type { AttributeModel, SchemaModel } from "../manifest/model.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import { cloneJson, findKey, isRecord, isUnassigned, sameValue, setOwn, type JsonObject } from "../resource/values.js";
import type { ResolvedPatchPolicy } from "./policy.js";
import { subAttributeOf } from "./target.js";

// The working copy a PATCH mutates: attribute access by schema name (case-insensitive,
// written back in declared case), extension containers, and the RFC rules shared by all
// operations: mutability (RFC 7644 §3.5.2) and one primary; add-values.ts adds to lists.

/** Client text in a detail is clipped: a 100 KB key must not come back as a 100 KB error. */
const clip = (s: string): string => (s.length > 100 ? `${s.slice(0, 100)}…` : s);
export const mutability = (path: string, why: string): ScimError => new ScimError(400, "mutability", `Attribute '${clip(path)}' ${why}`);
export const invalidValue = (path: string, why: string): ScimError => new ScimError(400, "invalidValue", `'${clip(path)}' ${why}`);
export const noTarget = (path: string): ScimError => new ScimError(400, "noTarget", `The path "${clip(path)}" matched no value`);

/**
 * Copy-on-write over the stored resource: the top level is a shallow copy, an extension
 * object is copied when first reached, and an attribute value is deep-copied the first
 * time an operation takes it. Untouched values stay shared with the stored resource and
 * are never written to.
 */
export class PatchDocument {
  readonly data: JsonObject;
  private readonly copied = new Set<unknown>();

  constructor(
    existing: JsonObject,
    readonly index: ResourceTypeIndex,
    readonly policy: ResolvedPatchPolicy,
  ) {
    this.data = shallowCopy(existing);
    this.copied.add(this.data);
  }

  /** The object holding core attributes (the resource) or one extension's attributes. */
  container(extension: SchemaModel | undefined, create: boolean): JsonObject | undefined {
    if (!extension) return this.data;
    const key = findKey(this.data, extension.id);
    const found = key === undefined ? undefined : this.data[key];
    if (isRecord(found)) {
      const own = this.copied.has(found) ? found : shallowCopy(found);
      this.copied.add(own);
      if (key !== extension.id) delete this.data[key!];
      setOwn(this.data, extension.id, own);
      return own;
    }
    if (!create) return undefined;
    const obj: JsonObject = {};
    this.copied.add(obj);
    if (key !== undefined) delete this.data[key];
    setOwn(this.data, extension.id, obj);
    return obj;
  }

  /** The value of `attr` in `container`, safe to mutate: deep-copied on first take. */
  take(container: JsonObject, attr: AttributeModel): unknown {
    const key = findKey(container, attr.name);
    if (key === undefined) return undefined;
    const v = container[key];
    if (typeof v !== "object" || v === null || this.copied.has(v)) return v;
    const copy = cloneJson(v, attr.name, STORED_DEPTH);
    this.copied.add(copy);
    if (key !== attr.name) delete container[key];
    setOwn(container, attr.name, copy);
    return copy;
  }

  removeExtension(extension: SchemaModel): void {
    const key = findKey(this.data, extension.id);
    if (key !== undefined) delete this.data[key];
  }
}

/** Stored data is validated, so shallow; the bound only guards against a corrupt store. */
const STORED_DEPTH = 64;

function shallowCopy(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) setOwn(out, k, obj[k]);
  return out;
}

export function getAttr(container: JsonObject, attr: AttributeModel): unknown {
  const key = findKey(container, attr.name);
  return key === undefined ? undefined : container[key];
}

export function setAttr(container: JsonObject, attr: AttributeModel, value: unknown): void {
  const key = findKey(container, attr.name);
  if (key !== undefined && key !== attr.name) delete container[key];
  setOwn(container, attr.name, value);
}

export function deleteAttr(container: JsonObject, attr: AttributeModel): void {
  const key = findKey(container, attr.name);
  if (key !== undefined) delete container[key];
}

/** readOnly can never be written; immutable only while unassigned (RFC 7644 §3.5.2). */
export function checkWrite(attr: AttributeModel, current: unknown, next: unknown, path: string): void {
  if (attr.mutability === "readOnly") throw mutability(path, "is readOnly");
  if (attr.mutability === "immutable" && !isUnassigned(current) && !sameValue(current, next)) {
    throw mutability(path, "is immutable and already has a value");
  }
}

export function checkRemove(attr: AttributeModel, current: unknown, path: string): void {
  if (attr.mutability === "readOnly") throw mutability(path, "is readOnly");
  if (isUnassigned(current)) return;
  if (attr.required) throw mutability(path, "is required and cannot be removed");
  if (attr.mutability === "immutable") throw mutability(path, "is immutable and cannot be removed");
}

/** RFC 7644 §3.5.2: setting primary true on a value sets it false on the other values.
 * Values written by the same operation are left alone: two of them both primary is the
 * client's contradiction, which the validator reports (RFC 7643 §2.4). */
export function settlePrimary(list: readonly unknown[], changed: readonly unknown[], attr: AttributeModel): void {
  const primary = subAttributeOf(attr, "primary");
  if (!primary || primary.type !== "boolean") return;
  if (!changed.some((e) => isRecord(e) && e[primary.name] === true)) return;
  const written = new Set(changed);
  for (const e of list) if (!written.has(e) && isRecord(e) && e[primary.name] === true) e[primary.name] = false;
}
