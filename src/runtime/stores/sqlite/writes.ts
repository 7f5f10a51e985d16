import type { ResourceData } from "../contract.js";
import { referencedIds, uniqueKey, uniqueRaw } from "../common/data.js";
import { notUnique } from "../common/errors.js";
import { planMembers, typeMembers } from "../common/references.js";
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

/** `data` with its members checked and typed (stores/common/references.ts); only members
 * `before` did not hold with a type are looked up. */
export function typeReferences(st: Statements, tenant: string, rules: TypeRules, data: ResourceData, id: string, keepUnknown: boolean, before?: ResourceData): ResourceData {
  let out = data;
  for (const ref of rules.references) {
    const plan = planMembers(out, ref, id, before);
    const found = new Map<string, string[]>();
    for (const target of plan.lookUp) found.set(target, ref.targets.filter((t) => st.exists.get(tenant, t, target)));
    out = typeMembers(out, ref, plan, found, keepUnknown);
  }
  return out;
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
