import type { AttributeModel } from "../../manifest/model.js";
import type { ResourceTypeIndex } from "../../manifest/resolve.js";
import type { ComparisonFilter, Filter } from "../ast.js";
import { comparisonTest, invalid, missingNode, presenceTest, type CompileOptions, type Test } from "./predicates.js";
import { elementPlan, resourcePlan, valuePathTarget, type Plan } from "./scope.js";
import { anyValue } from "./values.js";
import { withPosition } from "../positions.js";
import { fromShape, rememberShape, shapeOf, type Bind, type Recipe } from "./template.js";

// The fast path of compileFilter: the resolved filter as one straight-line JavaScript
// function (like ajv's compiled validators). Property names from the manifest become
// literal property reads, which V8 serves from its inline caches; literals never enter
// the source: every test is a closure from predicates.ts passed in as a constant. Where
// `new Function` is unavailable (CSP, some edge runtimes) compileFilter keeps closures.

type Matcher = (resource: Record<string, unknown>) => boolean;
const hasOwn = Object.prototype.hasOwnProperty;
const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
/** Beyond this many nodes the closure compiler is used: generated source stays small. */
const MAX_NODES = 2_000;

class Generator {
  readonly consts: unknown[] = [];
  /** How each constant is rebuilt for another filter of the same shape. */
  readonly recipes: Recipe[] = [];
  readonly functions: string[] = [];
  nodes = 0;

  constructor(
    readonly index: ResourceTypeIndex,
    readonly options: CompileOptions | undefined,
  ) {}

  constant(value: unknown): string {
    this.consts.push(value);
    return `C${this.consts.length - 1}`;
  }

  /** `o["key"]`, or an own-property read for names Object.prototype also has. */
  prop(o: string, key: string): string {
    const k = JSON.stringify(key);
    return key in Object.prototype ? `(H.call(${o}, ${k}) ? ${o}[${k}] : undefined)` : `${o}[${k}]`;
  }

  fn(params: string, body: string): string {
    const name = `F${this.functions.length}`;
    this.functions.push(`function ${name}(${params}) {\n${body}\n}`);
    return name;
  }

  /** A call testing `test` across the values `plan` names, rooted at `root` (a resource or an element). */
  leaf(plan: Plan, test: Test, root: "r" | "e", recipe: Recipe = test): string {
    const T = this.constant(test);
    this.recipes.push(recipe);
    const lines: string[] = [];
    const r = plan.resolved;
    let top = "t";
    if (root === "e") lines.push(`const t = ${this.prop("e", plan.attribute.name)};`);
    else {
      if (r!.extension) {
        lines.push(`const x = ${this.prop("r", r!.schema)};`, `if (x === null || typeof x !== "object") return false;`);
        lines.push(`const t = ${this.prop("x", r!.attribute.name)};`);
      } else lines.push(`const t = ${this.prop("r", r!.attribute.name)};`);
    }
    const multi = plan.attribute.multiValued;
    const value = (v: string) => (multi ? `A(${v}, ${T})` : `${T}(${v})`);
    if (plan.subKey === undefined) lines.push(`return ${value(top)};`);
    else {
      const sub = (o: string) => this.prop(o, plan.subKey!);
      if (root === "r" && r!.attribute.multiValued) {
        lines.push(
          `if (Array.isArray(t)) {`,
          `  for (let i = 0; i < t.length; i++) { const v = t[i]; if (v !== null && typeof v === "object" && ${value(sub("v"))}) return true; }`,
          `  return false;`,
          `}`,
        );
      }
      lines.push(`if (${top} === null || typeof ${top} !== "object") return false;`, `return ${value(sub(top))};`);
    }
    return `${this.fn(root, lines.join("\n"))}(${root})`;
  }

  node(f: Filter, root: "r" | "e", plan: (path: string) => Plan, element?: AttributeModel): string {
    if (++this.nodes > MAX_NODES) throw new TooLarge();
    if (f === null || typeof f !== "object") throw missingNode();
    switch (f.type) {
      case "presence":
        return withPosition(f, () => {
          const p = plan(f.attributePath);
          return this.leaf(p, presenceTest(p.attribute), root);
        });
      case "comparison":
        return withPosition(f, () => this.comparison(f, root, plan(f.attributePath)));
      case "not":
        return `!(${this.node(f.filter, root, plan, element)})`;
      case "logical":
        return `(${this.node(f.left, root, plan, element)} ${f.operator === "and" ? "&&" : "||"} ${this.node(f.right, root, plan, element)})`;
      case "valuePath":
        return withPosition(f, () => this.valuePath(f, root, element));
      default:
        throw invalid(`unknown filter node ${JSON.stringify((f as { type?: unknown }).type)}`);
    }
  }

  valuePath(f: Filter & { type: "valuePath" }, root: "r" | "e", element: AttributeModel | undefined): string {
    if (root === "e") throw invalid(`value filters cannot be nested inside "${element!.name}[...]"`);
    const target = valuePathTarget(this.index, f.attributePath);
    const inner = this.fn("e", `return ${this.node(f.filter as Filter, "e", (p) => elementPlan(target.attribute, p), target.attribute)};`);
    const r = target.resolved;
    const lines: string[] = [];
    if (r.extension) lines.push(`const x = ${this.prop("r", r.schema)};`, `if (x === null || typeof x !== "object") return false;`, `const t = ${this.prop("x", r.attribute.name)};`);
    else lines.push(`const t = ${this.prop("r", r.attribute.name)};`);
    lines.push(
      `if (Array.isArray(t)) {`,
      `  for (let i = 0; i < t.length; i++) { const e = t[i]; if (e !== null && typeof e === "object" && !Array.isArray(e) && ${inner}(e)) return true; }`,
      `  return false;`,
      `}`,
      `return t !== null && typeof t === "object" && ${inner}(t);`,
    );
    return `${this.fn("r", lines.join("\n"))}(r)`;
  }

  comparison(f: ComparisonFilter, root: "r" | "e", plan: Plan): string {
    const { operator: op, value } = f;
    if (value === null) {
      if (op !== "eq" && op !== "ne") throw invalid(`operator "${op}" cannot compare "${plan.path}" with null`);
      const present = this.leaf(plan, presenceTest(plan.attribute), root);
      return op === "ne" ? present : `!${present}`;
    }
    if (plan.attribute.type === "complex") throw invalid(`"${plan.path}" is a complex attribute; compare one of its sub-attributes`);
    const testOp = op === "ne" ? "eq" : op;
    const eq = this.leaf(plan, comparisonTest(plan.attribute, plan.path, testOp, value, this.options), root, { attribute: plan.attribute, path: plan.path, op: testOp });
    return op === "ne" ? `!${eq}` : eq;
  }
}

class TooLarge extends Error {}

/** The generated matcher, or undefined when code generation is unavailable or the filter is huge. */
export function generateMatcher(filter: Filter, index: ResourceTypeIndex, options: CompileOptions | undefined): Matcher | undefined {
  const shape = shapeOf(filter, MAX_NODES);
  if (shape === undefined) return undefined;
  const known = fromShape(index, shape, options);
  if (known) return known;
  const g = new Generator(index, options);
  let expr: string;
  try {
    expr = g.node(filter, "r", (p) => resourcePlan(index, p));
  } catch (e) {
    if (e instanceof TooLarge) return undefined;
    throw e;
  }
  const names = g.consts.map((_, i) => `C${i}`);
  const source = `"use strict";\nconst [${names.join(", ")}] = C;\n${g.functions.join("\n")}\nreturn function match(r) {\n  if (r === null || typeof r !== "object") r = E;\n  return ${expr};\n};`;
  const factory = factoryFor(source);
  if (!factory) return undefined;
  const bind: Bind = (consts) => factory(consts, hasOwn, anyValue, EMPTY) as Matcher;
  rememberShape(index, shape, bind, g.recipes);
  return bind(g.consts);
}

type Factory = (consts: unknown[], has: typeof hasOwn, any: typeof anyValue, empty: Record<string, unknown>) => unknown;

/**
 * Source text depends only on the filter's shape (paths, operators, structure), never on
 * its literals, so `userName eq "a"` and `userName eq "b"` share one compiled factory:
 * an IdP looking users up one by one costs one `new Function` in total.
 */
const factories = new Map<string, Factory | null>();
const MAX_FACTORIES = 500;

function factoryFor(source: string): Factory | undefined {
  let f = factories.get(source);
  if (f === undefined) {
    try {
      f = new Function("C", "H", "A", "E", source) as Factory;
    } catch {
      f = null; // e.g. EvalError under a Content-Security-Policy without 'unsafe-eval'
    }
    if (factories.size >= MAX_FACTORIES) factories.delete(factories.keys().next().value!);
    factories.set(source, f);
  } else {
    factories.delete(source);
    factories.set(source, f);
  }
  return f ?? undefined;
}
