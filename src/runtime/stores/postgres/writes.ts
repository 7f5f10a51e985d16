import type { ResourceData } from "../contract.js";
import { referencedIds, uniqueKey, uniqueRaw } from "../common/data.js";
import { danglingReference, notUnique } from "../common/errors.js";
import type { TypeRules } from "../common/rules.js";
import type { PgClient } from "./pool.js";
import { SQL } from "./sql.js";

// The side rows a resource owns (scim_unique per unique value, scim_reference per member),
// always written in the same transaction as the resource row.

export async function checkUnique(c: PgClient, tenant: string, rules: TypeRules, data: ResourceData, id: string): Promise<void> {
  for (const rule of rules.unique) {
    const raw = uniqueRaw(data, rule);
    if (raw === undefined) continue;
    const r = await c.query<{ id: string }>(SQL.uniqueOwner, [tenant, rules.name, rule.path, uniqueKey(rule, raw)]);
    const owner = r.rows[0]?.id;
    if (owner !== undefined && owner !== id) throw notUnique(rules.name, rule, raw);
  }
}

/** Members must exist in this tenant; FOR KEY SHARE keeps them from being deleted until commit. */
export async function checkReferences(c: PgClient, tenant: string, rules: TypeRules, data: ResourceData, id: string): Promise<void> {
  for (const ref of rules.references) {
    for (const target of new Set(referencedIds(data, ref))) {
      if (target === id) continue;
      const r = await c.query(SQL.exists, [tenant, ref.targets, target]);
      if (!r.rows.length) throw danglingReference(ref.attribute.name, ref.targets, target);
    }
  }
}

export async function addSideRows(c: PgClient, tenant: string, rules: TypeRules, data: ResourceData, id: string): Promise<void> {
  for (const rule of rules.unique) {
    const raw = uniqueRaw(data, rule);
    if (raw !== undefined) await c.query(SQL.uniqueInsert, [tenant, rules.name, rule.path, uniqueKey(rule, raw), id]);
  }
  for (const ref of rules.references) {
    for (const target of new Set(referencedIds(data, ref))) await c.query(SQL.refInsert, [tenant, target, rules.name, id]);
  }
}

export async function dropSideRows(c: PgClient, tenant: string, rules: TypeRules, data: ResourceData, id: string): Promise<void> {
  for (const rule of rules.unique) {
    const raw = uniqueRaw(data, rule);
    if (raw !== undefined) await c.query(SQL.uniqueDelete, [tenant, rules.name, rule.path, uniqueKey(rule, raw), id]);
  }
  for (const ref of rules.references) {
    for (const target of new Set(referencedIds(data, ref))) await c.query(SQL.refDelete, [tenant, target, rules.name, id]);
  }
}
