import type { Filter } from "../../filter/ast.js";
import { uniqueKey } from "./data.js";
import type { TypeRules, UniqueRule } from "./rules.js";

// When a filter requires `id` or a unique attribute to equal a literal (`userName eq "x"`,
// alone or as one side of an `and`), at most one resource can match: stores answer it
// from their unique index and still run the whole filter on that one candidate.

export type Pinned =
  | { readonly kind: "id"; readonly id: string }
  | { readonly kind: "unique"; readonly rule: UniqueRule; readonly key: string }
  | { readonly kind: "none" };

const NONE: Pinned = { kind: "none" };

export function pinned(rules: TypeRules, filter: Filter): Pinned | undefined {
  if (filter.type === "logical") {
    if (filter.operator !== "and") return undefined;
    return pinned(rules, filter.left) ?? pinned(rules, filter.right);
  }
  if (filter.type !== "comparison" || filter.operator !== "eq") return undefined;
  const { value } = filter;
  const resolved = rules.index.resolve(filter.attributePath);
  if (!resolved || resolved.subAttribute) return undefined;
  const { attribute } = resolved;
  // Only when the literal's JSON type is the attribute's; otherwise the evaluator decides.
  const sameType =
    (typeof value === "string" && (attribute.type === "string" || attribute.type === "reference")) ||
    (typeof value === "number" && (attribute.type === "integer" || attribute.type === "decimal")) ||
    (typeof value === "boolean" && attribute.type === "boolean");
  if (!sameType) return undefined;
  if (!resolved.extension && attribute.name === "id") return typeof value === "string" ? { kind: "id", id: value } : NONE;
  const rule = rules.unique.find((u) => u.attribute === attribute);
  return rule ? { kind: "unique", rule, key: uniqueKey(rule, value as string | number | boolean) } : undefined;
}
