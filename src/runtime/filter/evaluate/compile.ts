import type { AttributeModel } from "../../manifest/model.js";
import type { ResourceTypeIndex } from "../../manifest/resolve.js";
import type { ComparisonFilter, Filter, LogicalOperator } from "../ast.js";
import { comparisonTest, invalid, missingNode, presenceTest, type CompileOptions, type Test } from "./predicates.js";
import { elementPlan, resourcePlan, valuePathTarget, type Plan } from "./scope.js";
import { stackGuard } from "../guard.js";
import { withPosition, withPositionsOf } from "../positions.js";
import { generateMatcher } from "./codegen.js";
import { anyValue, getterFor, isObject } from "./values.js";

// AST + manifest -> a closure. Every path is resolved, every literal typed and every
// operator specialised here, once; the closure only walks the resource.

export type Matcher = (resource: Record<string, unknown>) => boolean;
type Pred = (root: unknown) => boolean;
type PlanFor = (path: string) => Plan;

export type { CompileOptions };

/** Compiles a filter over whole resources of one type (with `meta`, `id`, extension objects under their URNs). */
export function compileFilter(filter: Filter, index: ResourceTypeIndex, options?: CompileOptions): Matcher {
  return withPositionsOf(filter, () => {
    if (options?.generateCode !== false) {
      const generated = stackGuard(() => generateMatcher(filter, index, options));
      if (generated) return generated;
    }
    return compileClosures(filter, index, options);
  });
}

/** The closure compiler: the portable path, and the reference the generated code is tested against. */
export function compileClosures(filter: Filter, index: ResourceTypeIndex, options?: CompileOptions): Matcher {
  return withPositionsOf(filter, () => stackGuard(() => compileNode(filter, (p) => resourcePlan(index, p), options, (path, inner) => {
    const target = valuePathTarget(index, path);
    return valuePathPred(target.get, compileValueFilter(inner, target.attribute, options));
  })));
}

/** Compiles a value filter (`emails[type eq "work"]`'s inner part) over ONE element of `attribute`. */
export function compileValueFilter(filter: Filter, attribute: AttributeModel, options?: CompileOptions): (element: unknown) => boolean {
  if (attribute.type !== "complex") throw invalid(`a value filter needs a complex attribute; "${attribute.name}" is of type ${attribute.type}`);
  return withPositionsOf(filter, () =>
    stackGuard(() =>
      compileNode(filter, (p) => elementPlan(attribute, p), options, () => {
        throw invalid(`value filters cannot be nested inside "${attribute.name}[...]"`);
      }),
    ),
  );
}

function valuePathPred(get: (o: unknown) => unknown, inner: Pred): Pred {
  return (root) => {
    const v = get(root);
    if (Array.isArray(v)) {
      for (const el of v) if (isObject(el) && inner(el)) return true;
      return false;
    }
    return isObject(v) && inner(v);
  };
}

function compileNode(filter: Filter, plan: PlanFor, options: CompileOptions | undefined, valuePath: (path: string, inner: Filter) => Pred): Pred {
  const rec = (f: Filter): Pred => {
    if (f === null || typeof f !== "object") throw missingNode();
    switch (f.type) {
      case "presence":
        return withPosition(f, () => leaf(plan(f.attributePath), presenceTest));
      case "comparison":
        return withPosition(f, () => comparison(f, plan(f.attributePath), options));
      case "not": {
        const inner = rec(f.filter);
        return (r) => !inner(r);
      }
      case "logical":
        return logical(f.operator, flatten(f, f.operator).map(rec));
      case "valuePath":
        return withPosition(f, () => valuePath(f.attributePath, f.filter));
      default:
        throw invalid(`unknown filter node ${JSON.stringify((f as { type?: unknown }).type)}`);
    }
  };
  return rec(filter);
}

/** `a and b and c` (left-nested in the AST) as one list, evaluated in a loop. */
function flatten(f: Filter, op: LogicalOperator, out: Filter[] = []): Filter[] {
  const stack: Filter[] = [f];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== null && typeof n === "object" && n.type === "logical" && n.operator === op) stack.push(n.right, n.left);
    else out.push(n);
  }
  return out;
}

function logical(op: LogicalOperator, preds: Pred[]): Pred {
  if (preds.length === 2) {
    const [a, b] = preds as [Pred, Pred];
    return op === "and" ? (r) => a(r) && b(r) : (r) => a(r) || b(r);
  }
  if (op === "and") {
    return (r) => {
      for (const p of preds) if (!p(r)) return false;
      return true;
    };
  }
  return (r) => {
    for (const p of preds) if (p(r)) return true;
    return false;
  };
}

function comparison(f: ComparisonFilter, plan: Plan, options: CompileOptions | undefined): Pred {
  const { operator: op, value } = f;
  if (value === null) {
    // `eq null` is "has no value", `ne null` "has a value"; nothing orders against null.
    if (op !== "eq" && op !== "ne") throw invalid(`operator "${op}" cannot compare "${plan.path}" with null`);
    const present = leaf(plan, presenceTest);
    return op === "ne" ? present : (r) => !present(r);
  }
  if (plan.attribute.type === "complex") throw invalid(`"${plan.path}" is a complex attribute; compare one of its sub-attributes`);
  const test = comparisonTest(plan.attribute, plan.path, op === "ne" ? "eq" : op, value, options);
  const eq = leaf(plan, () => test);
  // `ne` is "no value equals": an absent attribute matches, and so does a multi-valued
  // attribute none of whose values equal (RFC 7644 §3.4.2.2 "not equal").
  return op === "ne" ? (r) => !eq(r) : eq;
}

/**
 * Applies a per-value test across the plan's values: any value matching is a match.
 * Single-valued attributes are tested directly; only multi-valued ones are iterated.
 */
function leaf(plan: Plan, testFor: (a: AttributeModel) => Test): Pred {
  const test = testFor(plan.attribute);
  const { get, subKey } = plan;
  const multi = plan.attribute.multiValued;
  if (subKey === undefined) return multi ? (root) => anyValue(get(root), test) : (root) => test(get(root));
  const sub = getterFor(subKey);
  const value: Test = multi ? (el) => anyValue(sub(el), test) : (el) => test(sub(el));
  if (plan.resolved && !plan.resolved.attribute.multiValued) return (root) => value(get(root));
  return (root) => {
    const top = get(root);
    if (Array.isArray(top)) {
      for (const el of top) if (value(el)) return true;
      return false;
    }
    return value(top);
  };
}
