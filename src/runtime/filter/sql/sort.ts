import { ScimError } from "../../errors.js";
import type { AttributeModel } from "../../manifest/model.js";
import type { ResourceTypeIndex } from "../../manifest/resolve.js";
import { caseInsensitive } from "../evaluate/predicates.js";
import { resourcePlan } from "../evaluate/scope.js";
import type { JsonRef } from "./dialect.js";
import type { SqlFragment, SqlTarget } from "./target.js";
import { Translator } from "./translate.js";

// sortBy -> ORDER BY item with compareAttributeValues' order (RFC 7644 §3.4.2.3): strings
// lower-cased unless caseExact, dateTime as instants, numbers numerically; a multi-valued
// attribute sorts by its primary value, else its first; "" counts as no value; no value
// sorts last ascending and first descending.

export type SortOrder = "ascending" | "descending";

export function sortToSql(path: string, index: ResourceTypeIndex, target: SqlTarget, order: SortOrder = "ascending"): SqlFragment {
  let plan;
  try {
    plan = resourcePlan(index, path);
  } catch {
    throw new ScimError(400, "invalidValue", `sortBy: unknown attribute "${path}" for resource type ${index.resourceType.name}`);
  }
  const t = new Translator(index, target);
  const { d } = t;
  const r = plan.resolved!;
  const attr = plan.attribute.type === "complex" ? undefined : plan.attribute;
  const key = (v: { ref?: JsonRef; sql?: string }): string => {
    if (!attr) return "NULL";
    let x = v.ref ? d.scalar(v.ref, attr.type) : d.typed(v.sql!, attr.type);
    if (attr.type === "string" || attr.type === "reference" || attr.type === "binary") {
      x = `NULLIF(${x}, '')`;
      if (caseInsensitive(attr)) x = `${target.lower ?? "lower"}(${x})`;
      x = d.ordered(x);
    }
    return x;
  };

  let expr: string;
  const meta = target.metaColumns;
  if (!r.extension && r.attribute.name === "meta" && r.subAttribute) {
    const sql = meta?.[r.subAttribute.name as keyof NonNullable<typeof meta>];
    expr = sql ? key({ sql }) : r.subAttribute.name === "resourceType" ? "NULL" : unsupported(r.path);
  } else if (!r.extension && r.attribute.name === "id" && meta?.id) {
    expr = key({ sql: meta.id });
  } else {
    const mapped = target.columns && Object.hasOwn(target.columns, r.path) ? target.columns[r.path] : undefined;
    const root = d.root(target.dataColumn);
    const top = d.child(r.extension ? d.child(root, r.schema) : root, r.attribute.name);
    if (mapped !== undefined && !r.attribute.multiValued) expr = key({ sql: typeof mapped === "string" ? mapped : mapped.sql });
    else if (!r.attribute.multiValued) expr = key({ ref: plan.subKey ? d.child(top, plan.subKey) : top });
    else expr = firstOrPrimary(t, top, r.attribute, plan.subKey, key);
  }
  return { sql: `${expr} ${order === "descending" ? "DESC NULLS FIRST" : "ASC NULLS LAST"}`, params: t.params };
}

function unsupported(path: string): never {
  throw new ScimError(400, "invalidValue", `sortBy: "${path}" is not stored by this store and cannot be sorted on`);
}

/** The primary element's value if any element has primary=true, else the first element's. */
function firstOrPrimary(t: Translator, top: JsonRef, attribute: AttributeModel, subKey: string | undefined, key: (v: { ref: JsonRef }) => string): string {
  const { d } = t;
  const e = d.elements(top, t.alias());
  const value = key({ ref: subKey ? d.child(e.element, subKey) : e.element });
  const primary = attribute.type === "complex" ? d.scalar(d.child(e.element, "primary"), "boolean") : "NULL";
  const isPrimary = d.name === "postgres" ? `COALESCE(${primary}, FALSE)` : `COALESCE(${primary}, 0)`;
  return `(SELECT ${value} FROM ${e.from} WHERE ${e.guard} ORDER BY ${isPrimary} DESC, ${e.ordinal} LIMIT 1)`;
}
