import type { AttributeModel } from "../manifest/model.js";
import { isRecord, isUnassigned, setOwn } from "../resource/values.js";
import { getAttr } from "./document.js";
import { subAttributeOf } from "./target.js";
import { elementType, identity, sameAttributeValue } from "./values.js";

// `add` to a multi-valued attribute (RFC 7644 §3.5.2.1): a value the attribute does not
// hold is appended; one it holds (same `value`, types not in conflict) changes nothing
// only when it "already contains the value specified". When the incoming value carries
// sub-attributes the stored one lacks or holds differently (primary, display), they are
// merged into the stored element, so `primary: true` then resets the others (RFC 7643 §2.4).

/** Adds `values` to `list` in place; returns the elements appended or changed. Linear:
 * one map of the existing values, so a 10,000-member group stays cheap. */
export function addValues(list: unknown[], values: readonly unknown[], attr: AttributeModel): unknown[] {
  const seen = new Map<string, unknown[]>();
  const note = (e: unknown): void => {
    const id = identity(e, attr);
    const same = seen.get(id);
    if (same) same.push(e);
    else seen.set(id, [e]);
  };
  for (const e of list) note(e);
  const changed = new Set<unknown>();
  for (const v of values) {
    const existing = matching(seen.get(identity(v, attr)), v, attr);
    if (existing === undefined) {
      note(v);
      list.push(v);
      changed.add(v);
    } else if (merge(existing, v, attr)) changed.add(existing);
  }
  return [...changed];
}

/** The stored element `v` stands for: same identity, and types equal or one of them absent;
 * an exact type match wins over an untyped one. */
function matching(candidates: readonly unknown[] | undefined, v: unknown, attr: AttributeModel): unknown {
  if (!candidates) return undefined;
  const type = elementType(v, attr);
  let loose: unknown;
  for (const c of candidates) {
    const t = elementType(c, attr);
    if (t === type) return c;
    if (loose === undefined && (t === null || type === null)) loose = c;
  }
  return loose;
}

/** Writes the incoming sub-attributes that differ into `target`; true when any did. A null
 * is no value (RFC 7643 §2.5) and removes nothing. readOnly sub-attributes are ignored as
 * input (RFC 7644 §3.5.1), and an immutable one that holds a value keeps it: re-adding a
 * member whose display has changed since is the same member, not a 400 the IdP cannot avoid. */
function merge(target: unknown, incoming: unknown, attr: AttributeModel): boolean {
  if (!isRecord(target) || !isRecord(incoming)) return false;
  let changed = false;
  for (const k of Object.keys(incoming)) {
    const next = incoming[k];
    if (isUnassigned(next)) continue;
    const sub = subAttributeOf(attr, k);
    const current = sub ? getAttr(target, sub) : target[k];
    if (current !== undefined && sameAttributeValue(current, next, sub)) continue;
    if (sub && (sub.mutability === "readOnly" || (sub.mutability === "immutable" && !isUnassigned(current)))) continue;
    setOwn(target, sub ? sub.name : k, next);
    changed = true;
  }
  return changed;
}
