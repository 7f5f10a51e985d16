import type { ResourceData } from "../contract.js";
import { referencedIds, uniqueKey, uniqueRaw } from "../common/data.js";
import { notUnique } from "../common/errors.js";
import { planMembers, typeMembers } from "../common/references.js";
import type { TypeRules, UniqueRule } from "../common/rules.js";
import type { PgClient } from "./pool.js";
import { SQL } from "./sql.js";
import { syncValues } from "./values.js";

// The side rows a resource owns (scim_unique per unique value, scim_reference per member),
// always written in the same transaction as the resource row.

/**
 * `data` with its members checked and typed (stores/common/references.ts). FOR KEY SHARE
 * keeps the members from being deleted until commit. Only members `before` did not hold
 * with a type are looked up, in one statement: adding one member to a 10,000-member group
 * costs one look-up, not 10,000.
 */
export async function typeReferences(c: PgClient, tenant: string, rules: TypeRules, data: ResourceData, id: string, keepUnknown: boolean, before?: ResourceData): Promise<ResourceData> {
  let out = data;
  for (const ref of rules.references) {
    const plan = planMembers(out, ref, id, before);
    const found = new Map<string, string[]>();
    if (plan.lookUp.length) {
      const r = await c.query<{ id: string; type: string }>(SQL.existing, [tenant, ref.targets, plan.lookUp]);
      for (const row of r.rows) found.set(row.id, [...(found.get(row.id) ?? []), row.type]);
    }
    // rows come in no particular order: name the types in the rule's order
    for (const [k, types] of found) found.set(k, ref.targets.filter((t) => types.includes(t)));
    out = typeMembers(out, ref, plan, found, keepUnknown);
  }
  return out;
}

type Keys = Map<string, { rule: UniqueRule; raw: string | number | boolean }>;

function uniqueKeys(rules: TypeRules, data: ResourceData | undefined): Keys {
  const keys: Keys = new Map();
  if (!data) return keys;
  for (const rule of rules.unique) {
    const raw = uniqueRaw(data, rule);
    if (raw !== undefined) keys.set(`${rule.path}\u0000${uniqueKey(rule, raw)}`, { rule, raw });
  }
  return keys;
}

/**
 * Moves a resource's side rows from `before` to `after` (either may be undefined), touching
 * only what changed. A unique value another resource holds is a 409 naming the attribute:
 * the scim_unique primary key decides, so concurrent instances cannot both win.
 */
export async function syncSideRows(c: PgClient, tenant: string, rules: TypeRules, id: string, before?: ResourceData, after?: ResourceData): Promise<void> {
  const old = uniqueKeys(rules, before);
  const next = uniqueKeys(rules, after);
  for (const [k, { rule, raw }] of old) {
    if (!next.has(k)) await c.query(SQL.uniqueDelete, [tenant, rules.name, rule.path, uniqueKey(rule, raw), id]);
  }
  for (const [k, { rule, raw }] of next) {
    if (old.has(k)) continue;
    const r = await c.query(SQL.uniqueInsert, [tenant, rules.name, rule.path, uniqueKey(rule, raw), id]);
    if (!r.rows.length) throw notUnique(rules.name, rule, raw);
  }
  for (const ref of rules.references) {
    const was = new Set(before ? referencedIds(before, ref) : []);
    const is = new Set(after ? referencedIds(after, ref) : []);
    const gone = [...was].filter((t) => !is.has(t));
    const added = [...is].filter((t) => !was.has(t));
    if (gone.length) await c.query(SQL.refDeleteMany, [tenant, gone, rules.name, id]);
    if (added.length) await c.query(SQL.refInsertMany, [tenant, added, rules.name, id]);
  }
  await syncValues(c, tenant, rules.name, id, before, after);
}
