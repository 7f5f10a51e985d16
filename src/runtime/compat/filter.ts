import type { CompareValue, Filter } from "../filter/ast.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import type { CompatPolicy } from "./policy.js";

// Filter literals the stores cannot be asked to guess at: with `booleanStrings`, a
// "True"/"False" string compared with a boolean attribute becomes the boolean
// (`roles[primary eq "True"]`, `active eq "true"`), so every store sees RFC-typed values.
// Runs on a canonical filter (paths already resolved); depth is bounded by the parser.

function asBoolean(value: CompareValue): CompareValue {
  if (typeof value !== "string") return value;
  const l = value.toLowerCase();
  return l === "true" ? true : l === "false" ? false : value;
}

export function coerceFilterLiterals(filter: Filter, type: ResourceTypeIndex, policy: CompatPolicy): Filter {
  if (!policy.switches.booleanStrings) return filter;
  const rec = (f: Filter, prefix: string): Filter => {
    switch (f.type) {
      case "comparison": {
        const hit = type.resolve(prefix + f.attributePath);
        const attr = hit && (hit.subAttribute ?? hit.attribute);
        if (attr?.type !== "boolean") return f;
        const value = asBoolean(f.value);
        return value === f.value ? f : { ...f, value };
      }
      case "presence":
        return f;
      case "not": {
        const inner = rec(f.filter, prefix);
        return inner === f.filter ? f : { type: "not", filter: inner };
      }
      case "logical": {
        const left = rec(f.left, prefix);
        const right = rec(f.right, prefix);
        return left === f.left && right === f.right ? f : { type: "logical", operator: f.operator, left, right };
      }
      case "valuePath": {
        const inner = rec(f.filter as Filter, `${f.attributePath}.`);
        return inner === f.filter ? f : ({ type: "valuePath", attributePath: f.attributePath, filter: inner } as Filter);
      }
    }
  };
  return rec(filter, "");
}
