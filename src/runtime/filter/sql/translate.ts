import { META_ATTRIBUTE } from "../../manifest/common.js";
import type { AttributeModel } from "../../manifest/model.js";
import type { ResourceTypeIndex } from "../../manifest/resolve.js";
import type { ComparisonFilter, Filter } from "../ast.js";
import { stackGuard } from "../guard.js";
import { withPosition, withPositionsOf } from "../positions.js";
import { caseInsensitive, invalid, typedLiteral, type CompileOptions } from "../evaluate/predicates.js";
import { findSubAttribute, resourcePlan, valuePathTarget } from "../evaluate/scope.js";
import { postgres, sqlite, type Dialect, type JsonRef } from "./dialect.js";
import type { SqlColumn, SqlFragment, SqlTarget } from "./target.js";
import { elementRowsOf, textual, type ElementColumns } from "./side-rows.js";
import { hasElementRows } from "./values.js";

// Filter AST -> parameterised WHERE fragment with the evaluator's exact semantics: same
// path resolution, same literal checks (and the same invalidFilter errors), multi-valued
// attributes as EXISTS over their elements, caseExact=false as lower() on both sides.
// SQL's NULL is kept out of negations: a leaf under an odd number of NOTs is wrapped in
// COALESCE(…, FALSE); elsewhere it stays bare so expression indexes can serve it.

/** One value to test: a JSON location or a store column. */
type Value =
  | { readonly ref: JsonRef; readonly sql?: undefined; readonly lowered?: undefined }
  /** `lowered`: a column holding exactly lower(sql) (the default lower()), read instead of computing it. */
  | { readonly sql: string; readonly nocase?: boolean; readonly lowered?: string; readonly ref?: undefined };
type ValueTest = (v: Value) => string;
/** Applies a per-value test across every value a path names (EXISTS for multi-valued). */
type Across = (test: ValueTest) => string;

const SQL_OPS = { eq: "=", ne: "=", gt: ">", ge: ">=", lt: "<", le: "<=" } as const;

/**
 * The WHERE fragment for `filter` over rows of `index`'s resource type. Throws 400
 * invalidFilter for exactly the filters compileFilter rejects, and also when the filter
 * needs a fact the target does not map (meta.location, meta.version): a store that
 * compiled the filter first may treat that case as "evaluate in process instead".
 */
export function filterToSql(filter: Filter, index: ResourceTypeIndex, target: SqlTarget, options?: CompileOptions): SqlFragment {
  const t = new Translator(index, target, options);
  return withPositionsOf(filter, () => stackGuard(() => ({ sql: t.node(filter, false, t.resourceScope()), params: t.params })));
}

/**
 * When `filter` is one value filter the side table serves (`emails[…]`), the sub-query
 * alone: the owner keys of matching rows (possibly repeated). A store can count and page
 * those keys without touching its documents. Otherwise undefined.
 */
export function filterToSqlKeys(filter: Filter, index: ResourceTypeIndex, target: SqlTarget, options?: CompileOptions): SqlFragment | undefined {
  if (filter.type !== "valuePath" || !target.values) return undefined;
  const t = new Translator(index, target, options);
  const sql = stackGuard(() => t.node(filter, false, t.resourceScope()));
  const prefix = `${target.values.owner} IN (`;
  return sql.startsWith(prefix) && sql.endsWith(")") ? { sql: sql.slice(prefix.length, -1), params: t.params } : undefined;
}

type Scope = { across(path: string): { across: Across; attribute: AttributeModel; path: string }; valuePath(path: string, inner: Filter): string };

export class Translator {
  readonly params: unknown[] = [];
  readonly d: Dialect;
  private aliases = 0;

  constructor(
    readonly index: ResourceTypeIndex,
    readonly target: SqlTarget,
    readonly options?: CompileOptions,
  ) {
    this.d = target.dialect === "postgres" ? postgres : sqlite;
    if (target.lower !== undefined && !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(target.lower)) throw new TypeError(`SqlTarget.lower must name an SQL function, not ${JSON.stringify(target.lower)}`);
  }

  bind(value: unknown): string {
    this.params.push(value);
    return this.d.placeholder((this.target.paramOffset ?? 0) + this.params.length);
  }

  alias(): string {
    return `e${++this.aliases}`;
  }

  /** Iterates `ref` when `multi`, otherwise tests it directly. */
  each(ref: JsonRef, multi: boolean, test: (ref: JsonRef) => string, objectsOnly = false): string {
    if (!multi) return test(ref);
    const e = this.d.elements(ref, this.alias());
    const where = objectsOnly ? `${this.d.isObject(e.element)} AND ${test(e.element)}` : test(e.element);
    const exists = `EXISTS (SELECT 1 FROM ${e.from} WHERE ${where})`;
    return e.guard === "TRUE" ? exists : `(${e.guard} AND ${exists})`;
  }

  resourceScope(): Scope {
    const root = this.d.root(this.target.dataColumn);
    return {
      across: (path) => {
        const plan = resourcePlan(this.index, path);
        const r = plan.resolved!;
        const column = this.columnFor(r.path, r.attribute, r.subAttribute, r.extension);
        if (column) return { across: (test) => test(column), attribute: plan.attribute, path: plan.path };
        const base = r.extension ? this.d.child(root, r.schema) : root;
        const top = this.d.child(base, r.attribute.name);
        const subKey = plan.subKey;
        if (subKey !== undefined && this.target.values && hasElementRows(r.attribute)) {
          const sub = plan.attribute;
          const across: Across = (test) =>
            elementRowsOf(this, r.extension ? `${r.schema}:${r.attribute.name}` : r.attribute.name, (el, columns) => {
              const column = columns && !sub.multiValued && Object.hasOwn(columns, subKey) ? columns[subKey] : undefined;
              return column !== undefined && textual(sub) ? test(column) : this.each(this.d.child(el, subKey), sub.multiValued, (ref) => test({ ref }));
            });
          return { across, attribute: plan.attribute, path: plan.path };
        }
        const across: Across =
          subKey === undefined
            ? (test) => this.each(top, r.attribute.multiValued, (ref) => test({ ref }))
            : (test) => {
                const sub = plan.attribute;
                return this.each(top, r.attribute.multiValued, (el) => this.each(this.d.child(el, subKey), sub.multiValued, (ref) => test({ ref })));
              };
        return { across, attribute: plan.attribute, path: plan.path };
      },
      valuePath: (path, inner) => {
        const v = valuePathTarget(this.index, path);
        const base = v.resolved.extension ? this.d.child(root, v.resolved.schema) : root;
        const top = this.d.child(base, v.attribute.name);
        if (this.target.values && hasElementRows(v.attribute)) {
          return elementRowsOf(this, v.resolved.path, (el, columns) => this.node(inner, false, this.elementScope(v.attribute, el, columns)));
        }
        const body = (el: JsonRef) => this.node(inner, false, this.elementScope(v.attribute, el));
        if (v.attribute.multiValued) return this.each(top, true, body, true);
        return `(${this.d.isObject(top)} AND ${body(top)})`;
      },
    };
  }

  elementScope(container: AttributeModel, element: JsonRef, columns?: ElementColumns): Scope {
    return {
      across: (path) => {
        const sub = findSubAttribute(container, path);
        const column = columns && !sub.multiValued && textual(sub) && Object.hasOwn(columns, sub.name) ? columns[sub.name] : undefined;
        if (column !== undefined) return { across: (test) => test(column), attribute: sub, path: `${container.name}.${sub.name}` };
        const ref = this.d.child(element, sub.name);
        return { across: (test) => this.each(ref, sub.multiValued, (r) => test({ ref: r })), attribute: sub, path: `${container.name}.${sub.name}` };
      },
      valuePath: () => {
        throw invalid(`value filters cannot be nested inside "${container.name}[...]"`);
      },
    };
  }

  /** A store column for meta facts, `id`, or a mapped single-valued path. */
  private columnFor(path: string, attribute: AttributeModel, sub: AttributeModel | undefined, extension: boolean): Value | undefined {
    const meta = this.target.metaColumns;
    if (!extension && attribute === META_ATTRIBUTE) {
      if (!sub) return { sql: "TRUE" };
      const key = sub.name as keyof NonNullable<typeof meta>;
      const sql = meta?.[key];
      if (sql) return { sql };
      if (key === "resourceType") return { sql: this.d.name === "postgres" ? `${this.bind(this.index.resourceType.name)}::text` : this.bind(this.index.resourceType.name) };
      throw invalid(`"${path}" is not stored by this store and cannot be used in a filter`);
    }
    if (!extension && !sub && attribute.name === "id" && meta?.id) return { sql: meta.id };
    const mapped: string | SqlColumn | undefined = this.target.columns && Object.hasOwn(this.target.columns, path) ? this.target.columns[path] : undefined;
    if (mapped === undefined || attribute.multiValued || sub?.multiValued) return undefined;
    return typeof mapped === "string" ? { sql: mapped } : { sql: mapped.sql, nocase: mapped.nocase === true };
  }

  node(f: Filter, negated: boolean, scope: Scope): string {
    const guard = (sql: string) => (negated ? `COALESCE(${sql}, FALSE)` : sql);
    switch (f.type) {
      case "presence":
        return withPosition(f, () => {
          const a = scope.across(f.attributePath);
          return guard(a.across(this.presence(a.attribute)));
        });
      case "comparison":
        return withPosition(f, () => this.comparison(f, scope, negated));
      case "not":
        return `NOT (${this.node(f.filter, !negated, scope)})`;
      case "logical": {
        const parts: string[] = [];
        const stack: Filter[] = [f];
        while (stack.length) {
          const n = stack.pop()!;
          if (n.type === "logical" && n.operator === f.operator) stack.push(n.right, n.left);
          else parts.push(this.node(n, negated, scope));
        }
        return `(${parts.join(f.operator === "and" ? " AND " : " OR ")})`;
      }
      case "valuePath":
        return withPosition(f, () => guard(scope.valuePath(f.attributePath, f.filter as Filter)));
    }
  }

  /** `pr` for one value: non-empty text, any non-null scalar, or a complex value with a present sub-attribute. */
  presence(attribute: AttributeModel): ValueTest {
    if (attribute.type === "complex" && attribute.subAttributes?.length) {
      const subs = attribute.subAttributes;
      return (v) => {
        if (!v.ref) return `(${v.sql} IS NOT NULL)`;
        const ref = v.ref;
        return `(${subs.map((s) => this.each(this.d.child(ref, s.name), s.multiValued, (r) => this.presence(s)({ ref: r }))).join(" OR ")})`;
      };
    }
    const type = attribute.type === "complex" ? "string" : attribute.type;
    return (v) => {
      const x = v.ref ? this.d.scalar(v.ref, type) : this.d.typed(v.sql, type);
      return type === "string" || type === "reference" || type === "binary" ? `${x} <> ''` : `${x} IS NOT NULL`;
    };
  }

  private comparison(f: ComparisonFilter, scope: Scope, negated: boolean): string {
    const a = scope.across(f.attributePath);
    const { operator: op, value } = f;
    if (value === null) {
      if (op !== "eq" && op !== "ne") throw invalid(`operator "${op}" cannot compare "${a.path}" with null`);
      const present = a.across(this.presence(a.attribute));
      return op === "ne" ? (negated ? `COALESCE(${present}, FALSE)` : present) : `NOT (COALESCE(${present}, FALSE))`;
    }
    if (a.attribute.type === "complex") throw invalid(`"${a.path}" is a complex attribute; compare one of its sub-attributes`);
    const literal = typedLiteral(a.attribute, a.path, op === "ne" ? "eq" : op, value, this.options);
    const test = this.valueTest(a.attribute, op, literal, value);
    const sql = a.across(test);
    // `ne` is "no value equals" (as the evaluator): NOT of the guarded `eq`.
    if (op === "ne") return `NOT (COALESCE(${sql}, FALSE))`;
    return negated ? `COALESCE(${sql}, FALSE)` : sql;
  }

  private valueTest(attribute: AttributeModel, op: ComparisonFilter["operator"], literal: string | number | boolean, original: unknown): ValueTest {
    const d = this.d;
    const type = attribute.type;
    const scalar = (v: Value) => (v.ref ? d.scalar(v.ref, type) : d.typed(v.sql, type));
    if (type !== "string" && type !== "reference" && type !== "binary") {
      const sqlOp = SQL_OPS[op as keyof typeof SQL_OPS];
      const p = d.param(this.bind(d.bind(literal, type, original)), type);
      return (v) => `${scalar(v)} ${sqlOp} ${p}`;
    }
    const text = literal as string;
    const ci = caseInsensitive(attribute);
    if ((op === "co" || op === "sw" || op === "ew") && text === "") return (v) => `${scalar(v)} IS NOT NULL`;
    const lower = this.target.lower ?? "lower";
    const p = d.param(this.bind(text), "string");
    const y = ci ? `${lower}(${p})` : p;
    const x = (v: Value) => (!ci ? scalar(v) : v.lowered !== undefined && lower === "lower" ? v.lowered : `${lower}(${scalar(v)})`);
    const nocase = (v: Value) => ci && v.sql !== undefined && v.nocase === true && d.name === "sqlite" && lower === "lower";
    switch (op) {
      case "eq":
      case "ne":
        return (v) => (nocase(v) ? `${v.sql} = ${p} COLLATE NOCASE` : `${x(v)} = ${y}`);
      case "co":
        return (v) => d.contains(x(v), y);
      case "sw":
        return (v) => d.startsWith(x(v), y);
      case "ew": {
        const p2 = d.name === "sqlite" ? this.bind(text) : p;
        const y2 = ci ? `${lower}(${p2})` : p2;
        return (v) => d.endsWith(x(v), y, y2);
      }
      default:
        return (v) => `${d.ordered(x(v))} ${SQL_OPS[op]} ${y}`;
    }
  }
}
