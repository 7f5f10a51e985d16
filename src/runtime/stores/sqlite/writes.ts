import type { ResourceData } from "../contract.js";
import { referencedIds, uniqueKey, uniqueRaw } from "../common/data.js";
import { danglingReference, notUnique } from "../common/errors.js";
import type { TypeRules } from "../common/rules.js";
import type { Statements } from "./statements.js";

// The side rows a resource owns: one scim_unique row per unique value (RFC 7643 §2.2) and
// one scim_reference row per member it lists. Always called inside the write transaction.

export function checkUnique(st: Statements, tenant: string, rules: TypeRules, data: ResourceData, id: string): void {
  for (const rule of rules.unique) {
    const raw = uniqueRaw(data, rule);
    if (raw === undefined) continue;
    const owner = st.uniqueOwner.get(tenant, rules.name, rule.path, uniqueKey(rule, raw));
    if (owner && owner.id !== id) throw notUnique(rules.name, rule, raw);
  }
}

/** Members must exist in this tenant; only those `before` did not list are looked up. */
export function checkReferences(st: Statements, tenant: string, rules: TypeRules, data: ResourceData, id: string, before?: ResourceData): void {
  for (const ref of rules.references) {
    const had = new Set(before ? referencedIds(before, ref) : []);
    for (const target of referencedIds(data, ref)) {
      if (target === id || had.has(target)) continue;
      if (!ref.targets.some((t) => st.exists.get(tenant, t, target))) throw danglingReference(ref.attribute.name, ref.targets, target);
    }
  }
}

export function addSideRows(st: Statements, tenant: string, rules: TypeRules, data: ResourceData, id: string): void {
  for (const rule of rules.unique) {
    const raw = uniqueRaw(data, rule);
    if (raw !== undefined) st.uniqueInsert.run(tenant, rules.name, rule.path, uniqueKey(rule, raw), id);
  }
  for (const ref of rules.references) for (const target of referencedIds(data, ref)) st.refInsert.run(tenant, target, rules.name, id);
}

export function dropSideRows(st: Statements, tenant: string, rules: TypeRules, data: ResourceData, id: string): void {
  for (const rule of rules.unique) {
    const raw = uniqueRaw(data, rule);
    if (raw !== undefined) st.uniqueDelete.run(tenant, rules.name, rule.path, uniqueKey(rule, raw), id);
  }
  for (const ref of rules.references) for (const target of referencedIds(data, ref)) st.refDelete.run(tenant, target, rules.name, id);
}

/** Replace: side rows move from `before` to `after`, touching only what changed (a PATCH
 * adding one member to a large group writes one reference row, not all of them). */
export function syncSideRows(st: Statements, tenant: string, rules: TypeRules, id: string, before: ResourceData, after: ResourceData): void {
  for (const rule of rules.unique) {
    const was = uniqueRaw(before, rule);
    const is = uniqueRaw(after, rule);
    const wasKey = was === undefined ? undefined : uniqueKey(rule, was);
    const isKey = is === undefined ? undefined : uniqueKey(rule, is);
    if (wasKey === isKey) continue;
    if (wasKey !== undefined) st.uniqueDelete.run(tenant, rules.name, rule.path, wasKey, id);
    if (isKey !== undefined) st.uniqueInsert.run(tenant, rules.name, rule.path, isKey, id);
  }
  for (const ref of rules.references) {
    const was = new Set(referencedIds(before, ref));
    const is = new Set(referencedIds(after, ref));
    for (const target of was) if (!is.has(target)) st.refDelete.run(tenant, target, rules.name, id);
    for (const target of is) if (!was.has(target)) st.refInsert.run(tenant, target, rules.name, id);
  }
}
