import { ScimError } from "../errors.js";
import type { AttributeModel } from "../manifest/model.js";
import { cloneJson, isRecord, setOwn, type JsonObject } from "../resource/values.js";
import {
  checkRemove,
  checkWrite,
  deleteAttr,
  getAttr,
  invalidValue,
  mutability,
  noTarget,
  setAttr,
  settlePrimary,
  type PatchDocument,
} from "./document.js";
import { addValues } from "./add-values.js";
import { elementFromFilter, subAttributeOf, type Target } from "./target.js";
import { identity, prepareMulti, prepareSingle } from "./values.js";
import { mayIgnoreUnknown } from "./unknown.js";

// add and replace (RFC 7644 §3.5.2.1, §3.5.2.3) and remove (§3.5.2.2) on one resolved
// target. Each function mutates only the PatchDocument's working copy.

const invalidPath = (t: Target, why: string): ScimError => new ScimError(400, "invalidPath", `Invalid path "${t.text}": ${why}`);

export type Apply = (doc: PatchDocument, t: Target, value: unknown) => void;

export function addOrReplace(doc: PatchDocument, t: Target, value: unknown, op: "add" | "replace"): void {
  const a = t.attribute;
  if (!a) return mergeExtension(doc, t, value, op);
  if (a.mutability === "readOnly") throw mutability(t.text, "is readOnly");
  if (t.filter) return filtered(doc, t, a, value, op);
  const c = doc.container(t.extension, true)!;
  const current = doc.take(c, a);
  const policy = doc.policy;
  if (t.sub) {
    if (a.multiValued) throw invalidPath(t, `"${a.name}" is multi-valued: select values with a filter, e.g. ${a.name}[type eq "work"].${t.sub.name}`);
    const sub = t.sub;
    const obj = isRecord(current) ? current : {};
    const next = sub.multiValued ? prepareMulti(value, sub, t.text, policy) : prepareSingle(value, sub, t.text, policy);
    checkWrite(sub, getAttr(obj, sub), next, t.text);
    setAttr(obj, sub, next);
    if (obj !== current) setAttr(c, a, obj);
    return;
  }
  if (a.multiValued) {
    const values = prepareMulti(value, a, t.text, policy);
    if (op === "replace") {
      checkWrite(a, current, values, t.text);
      setAttr(c, a, values);
      settlePrimary(values, values, a);
      return;
    }
    const list = Array.isArray(current) ? current : [];
    const wasAssigned = list.length > 0;
    const changed = addValues(list, values, a);
    // an immutable attribute may be added to only while it has no values (§3.5.2)
    if (changed.length > 0 && wasAssigned && a.mutability === "immutable") throw mutability(t.text, "is immutable and already has values");
    setAttr(c, a, list);
    settlePrimary(list, changed, a);
    return;
  }
  if (a.type === "complex") {
    // sub-attributes not named in the value are left unchanged (§3.5.2.1, §3.5.2.3)
    const prepared = prepareSingle(value, a, t.text, policy);
    if (!isRecord(prepared)) throw invalidValue(t.text, "must be an object of sub-attributes");
    const obj = isRecord(current) ? current : {};
    for (const k of Object.keys(prepared)) {
      const sub = subAttributeOf(a, k);
      const v = prepared[k];
      if (sub && policy.emptyAsRemoval && (v === "" || v === null)) {
        // Entra ID clears the manager with {"value": ""}
        checkRemove(sub, getAttr(obj, sub), `${t.text}.${sub.name}`);
        deleteAttr(obj, sub);
        continue;
      }
      if (sub) checkWrite(sub, getAttr(obj, sub), v, `${t.text}.${sub.name}`);
      setOwn(obj, k, v);
    }
    if (Object.keys(obj).length === 0) deleteAttr(c, a);
    else if (obj !== current) setAttr(c, a, obj);
    return;
  }
  const next = prepareSingle(value, a, t.text, policy);
  checkWrite(a, current, next, t.text);
  setAttr(c, a, next);
}

/** A whole extension object as the target: each attribute in the value in turn. */
function mergeExtension(doc: PatchDocument, t: Target, value: unknown, op: "add" | "replace"): void {
  if (!isRecord(value)) throw invalidValue(t.text, "must be an object of extension attributes");
  for (const k of Object.keys(value)) {
    const r = doc.index.resolve(`${t.extension!.id}:${k}`);
    if (!r || r.subAttribute) {
      if (mayIgnoreUnknown(doc.policy, k)) continue;
      throw invalidValue(`${t.extension!.id}:${k}`, "is not a defined attribute");
    }
    addOrReplace(doc, { text: r.path, extension: t.extension!, attribute: r.attribute }, value[k], op);
  }
}

function matchesOf(list: readonly unknown[], t: Target): number[] {
  const hits: number[] = [];
  for (let i = 0; i < list.length; i++) if (t.filter!(list[i])) hits.push(i);
  return hits;
}

/** `attr[filter]` and `attr[filter].sub` for add/replace (§3.5.2.3: matching values). */
function filtered(doc: PatchDocument, t: Target, a: AttributeModel, value: unknown, op: "add" | "replace"): void {
  const c = doc.container(t.extension, true)!;
  const current = doc.take(c, a);
  const list = Array.isArray(current) ? current : [];
  const hits = matchesOf(list, t);
  const policy = doc.policy;
  const sub = t.sub;
  if (sub && sub.mutability === "readOnly") throw mutability(t.text, "is readOnly");
  const next = sub ? (sub.multiValued ? prepareMulti(value, sub, t.text, policy) : prepareSingle(value, sub, t.text, policy)) : prepareSingle(value, a, t.text, policy);
  if (!sub && !isRecord(next)) throw invalidValue(t.text, "must be an object (one value of the multi-valued attribute)");
  if (hits.length === 0) {
    const base = policy.createOnNoMatch && t.filterAst ? elementFromFilter(t.filterAst, a) : undefined;
    if (!base) throw noTarget(t.text);
    const element = sub ? base : { ...base };
    if (sub) setOwn(element, sub.name, next);
    else for (const k of Object.keys(next as JsonObject)) setOwn(element, k, (next as JsonObject)[k]);
    list.push(element);
    setAttr(c, a, list);
    settlePrimary(list, [element], a);
    return;
  }
  const changed: unknown[] = [];
  for (const i of hits) {
    const el = list[i];
    const copy = hits.length > 1 ? cloneJson(next) : next;
    if (sub) {
      if (!isRecord(el)) continue;
      checkWrite(sub, getAttr(el, sub), copy, t.text);
      setAttr(el, sub, copy);
      changed.push(el);
    } else if (op === "replace") {
      list[i] = copy; // all matching values are replaced (§3.5.2.3)
      changed.push(copy);
    } else if (isRecord(el)) {
      for (const k of Object.keys(copy as JsonObject)) {
        const s = subAttributeOf(a, k);
        if (s) checkWrite(s, getAttr(el, s), (copy as JsonObject)[k], `${t.text}.${s.name}`);
        setOwn(el, k, (copy as JsonObject)[k]);
      }
      changed.push(el);
    }
  }
  setAttr(c, a, list);
  settlePrimary(list, changed, a);
}

export function remove(doc: PatchDocument, t: Target, value: unknown): void {
  const a = t.attribute;
  if (!a) {
    const declared = doc.index.resourceType.schemaExtensions.find((e) => e.schema.toLowerCase() === t.extension!.id.toLowerCase());
    if (declared?.required) throw mutability(t.text, `is a required extension of ${doc.index.resourceType.name}`);
    return doc.removeExtension(t.extension!);
  }
  if (a.mutability === "readOnly") throw mutability(t.text, "is readOnly");
  const hasValue = !(value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0));
  if (hasValue && !(doc.policy.removeByValue && a.multiValued && !t.filter && !t.sub)) {
    throw invalidValue(t.text, 'remove takes no "value"; select values with a filter, e.g. members[value eq "…"]');
  }
  const c = doc.container(t.extension, false);
  const current = c ? doc.take(c, a) : undefined;
  const list = Array.isArray(current) ? current : [];
  if (hasValue) return removeByValue(c, a, list, prepareMulti(value, a, t.text, doc.policy));
  if (t.filter) {
    const hits = matchesOf(list, t);
    if (hits.length === 0) {
      if (doc.policy.removeNoMatchIsNoop) return;
      throw noTarget(t.text);
    }
    if (t.sub) {
      for (const i of hits) {
        const el = list[i];
        if (!isRecord(el)) continue;
        checkRemove(t.sub, getAttr(el, t.sub), t.text);
        deleteAttr(el, t.sub);
      }
      return;
    }
    const drop = new Set(hits);
    const rest = list.filter((_, i) => !drop.has(i));
    if (rest.length === 0) checkRemove(a, current, t.text);
    if (rest.length === 0) deleteAttr(c!, a);
    else setAttr(c!, a, rest);
    return;
  }
  if (!c) return;
  if (t.sub) {
    const sub = t.sub;
    const holders = a.multiValued ? list : isRecord(current) ? [current] : [];
    for (const el of holders) {
      if (!isRecord(el)) continue;
      checkRemove(sub, getAttr(el, sub), t.text);
      deleteAttr(el, sub);
    }
    if (!a.multiValued && isRecord(current) && Object.keys(current).length === 0) deleteAttr(c, a);
    return;
  }
  checkRemove(a, current, t.text);
  deleteAttr(c, a);
}

/** removeByValue tolerance: drop the elements whose identity matches a given value. */
function removeByValue(c: JsonObject | undefined, a: AttributeModel, list: unknown[], values: unknown[]): void {
  if (!c || list.length === 0) return;
  const key = (e: unknown): string => (isRecord(e) && a.type === "complex" ? JSON.stringify(e.value) : identity(e, a));
  const drop = new Set(values.map(key));
  const rest = list.filter((e) => !drop.has(key(e)));
  if (rest.length === list.length) return;
  if (rest.length === 0) deleteAttr(c, a);
  else setAttr(c, a, rest);
}
