import type { ResourceTypeIndex } from "../manifest/resolve.js";
import type { Filter } from "./ast.js";
import { stackGuard } from "./guard.js";
import { withPosition, withPositionsOf } from "./positions.js";
import { invalid } from "./evaluate/predicates.js";
import { findSubAttribute, resolveOrThrow, valuePathTarget } from "./evaluate/scope.js";

// Paths rewritten to their declared case and canonical form ("USERNAME" -> "userName",
// "urn:…:core:2.0:User:name.familyName" -> "name.familyName", extension URNs in declared
// case), so a hand-written handler typed with the emitted `UserFilter` receives exactly
// the path union the compiler checks. Unknown attributes throw invalidFilter.

export function canonicalizeFilter(filter: Filter, index: ResourceTypeIndex): Filter {
  const rec = (f: Filter): Filter => {
    switch (f.type) {
      case "comparison":
      case "presence":
        return withPosition(f, () => ({ ...f, attributePath: resolveOrThrow(index, f.attributePath).path }));
      case "not":
        return { type: "not", filter: rec(f.filter) };
      case "logical":
        return { type: "logical", operator: f.operator, left: rec(f.left), right: rec(f.right) };
      case "valuePath": {
        const target = withPosition(f, () => valuePathTarget(index, f.attributePath));
        const inner = (g: Filter): Filter => {
          switch (g.type) {
            case "comparison":
            case "presence":
              return withPosition(g, () => ({ ...g, attributePath: findSubAttribute(target.attribute, g.attributePath).name }));
            case "not":
              return { type: "not", filter: inner(g.filter) };
            case "logical":
              return { type: "logical", operator: g.operator, left: inner(g.left), right: inner(g.right) };
            default:
              throw invalid(`value filters cannot be nested inside "${target.path}[...]"`);
          }
        };
        return { type: "valuePath", attributePath: target.path, filter: inner(f.filter as Filter) } as Filter;
      }
    }
  };
  return withPositionsOf(filter, () => stackGuard(() => rec(filter)));
}
