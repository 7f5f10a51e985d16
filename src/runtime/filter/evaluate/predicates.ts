import { ScimError } from "../../errors.js";
import type { AttributeModel } from "../../manifest/model.js";
import type { CompareOperator, CompareValue } from "../ast.js";
import { numberEnd } from "../parse/literals.js";
import { orderTest, parseDateTime } from "./datetime.js";
import { foldEndsWith, foldEquals, foldIncludes, foldStartsWith } from "./fold.js";
import { getterFor, isPresent } from "./values.js";

// One comparison against ONE scalar value, specialised at compile time by attribute type,
// operator and caseExact (RFC 7644 §3.4.2.2, RFC 7643 §2.2-§2.3). The literal is checked
// and normalised once; the returned test only reads the stored value.

export type Test = (v: unknown) => boolean;

export interface CompileOptions {
  /**
   * compileFilter emits one JavaScript function per filter (default). Set false where
   * `new Function` is not allowed; it is also detected and falls back by itself.
   */
  readonly generateCode?: boolean;
  /** Compat: accept "True"/"False" string literals for boolean attributes (Entra, `roles[primary eq "True"]`). */
  readonly coerceBooleanStrings?: boolean;
  /**
   * Compat, the compile-time half of FilterOptions.lenient: literals of the wrong JSON type
   * are read as the attribute's type where that is unambiguous (`externalId eq 12345` as
   * "12345", `level eq "3"` as 3, `active eq "True"` as true).
   */
  readonly lenient?: boolean;
}

/** A JSON number written as a string ("3", "-1.5e2"), for lenient numeric literals. */
function numericString(s: string): number | undefined {
  if (s === "" || numberEnd(s, 0) !== s.length) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const ORDERING = new Set<CompareOperator>(["gt", "ge", "lt", "le"]);
const TEXT = new Set<CompareOperator>(["co", "sw", "ew"]);

export function invalid(detail: string): ScimError {
  return new ScimError(400, "invalidFilter", `Invalid filter: ${detail}`);
}

/** A hand-built AST with a hole (`{ type: "not" }`, a null operand). */
export function missingNode(): ScimError {
  return invalid("a filter node is missing (null or not an object)");
}

function order(op: CompareOperator, c: number): boolean {
  return op === "gt" ? c > 0 : op === "ge" ? c >= 0 : op === "lt" ? c < 0 : c <= 0;
}

/** `pr` for one value of `attribute`: complex values are present when a declared sub-attribute is. */
export function presenceTest(attribute: AttributeModel): Test {
  if (attribute.type !== "complex" || !attribute.subAttributes?.length) return isPresent;
  const getters = attribute.subAttributes.map((s) => getterFor(s.name));
  return (v) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
    for (const g of getters) if (isPresent(g(v))) return true;
    return false;
  };
}

/** The literal as the attribute's type, or an invalidFilter naming path and type. */
export function typedLiteral(attribute: AttributeModel, path: string, op: CompareOperator, value: CompareValue, options?: CompileOptions): string | number | boolean {
  const type = attribute.type;
  if (type === "complex") throw invalid(`"${path}" is a complex attribute; compare one of its sub-attributes (e.g. ${path}.value)`);
  // RFC 7644 §3.4.2.2: gt/ge/lt/le on boolean or binary is invalidFilter; co/sw/ew have no
  // meaning for a boolean either. Binary values stay strings for eq/ne/co/sw/ew.
  if ((type === "boolean" || type === "binary") && ORDERING.has(op)) {
    throw invalid(`operator "${op}" is not defined for ${type} attribute "${path}" (RFC 7644 §3.4.2.2)`);
  }
  if (type === "boolean" && TEXT.has(op)) throw invalid(`operator "${op}" is not defined for boolean attribute "${path}"`);
  if ((type === "integer" || type === "decimal" || type === "dateTime") && TEXT.has(op)) {
    throw invalid(`operator "${op}" needs a string attribute; "${path}" is ${type === "dateTime" ? "a dateTime" : `an ${type}`}`);
  }
  switch (type) {
    case "boolean": {
      if (typeof value === "boolean") return value;
      if ((options?.coerceBooleanStrings || options?.lenient) && typeof value === "string") {
        const l = value.toLowerCase();
        if (l === "true" || l === "false") return l === "true";
      }
      throw invalid(`"${path}" is a boolean attribute; compare it with true or false, not ${JSON.stringify(value)}`);
    }
    case "integer":
    case "decimal":
      if (typeof value === "number") return value;
      if (options?.lenient && typeof value === "string") {
        const n = numericString(value);
        if (n !== undefined) return n;
      }
      throw invalid(`"${path}" is ${type === "integer" ? "an integer" : "a decimal"} attribute; compare it with a number, not ${JSON.stringify(value)}`);
    case "dateTime": {
      const instant = parseDateTime(value);
      if (instant === undefined) throw invalid(`"${path}" is a dateTime attribute; ${JSON.stringify(value)} is not an xsd:dateTime such as "2011-05-13T04:42:34Z"`);
      return instant;
    }
    default:
      if (typeof value === "string") return value;
      if (options?.lenient && (typeof value === "number" || typeof value === "boolean")) return String(value);
      throw invalid(`"${path}" is a ${type} attribute; compare it with a quoted string, not ${JSON.stringify(value)}`);
  }
}

/** Whether strings of this attribute compare case-insensitively (RFC 7643 §2.2 caseExact). */
export function caseInsensitive(attribute: AttributeModel): boolean {
  return !attribute.caseExact && (attribute.type === "string" || attribute.type === "reference");
}

/** The test for `op value` on one stored value of `attribute` (op is not "ne": the caller negates "eq"). */
export function comparisonTest(attribute: AttributeModel, path: string, op: CompareOperator, value: CompareValue, options?: CompileOptions): Test {
  const literal = typedLiteral(attribute, path, op, value, options);
  switch (attribute.type) {
    case "boolean":
      return (v) => v === literal;
    case "integer":
    case "decimal": {
      const n = literal as number;
      if (op === "eq" || op === "ne") return (v) => v === n;
      return (v) => typeof v === "number" && order(op, v - n);
    }
    case "dateTime": {
      const t = literal as number;
      if (op === "eq" || op === "ne") return (v) => parseDateTime(v) === t;
      return orderTest((c) => order(op, c), t, value);
    }
    default:
      return stringTest(op, literal as string, caseInsensitive(attribute));
  }
}

function stringTest(op: CompareOperator, literal: string, ci: boolean): Test {
  const lit = ci ? literal.toLowerCase() : literal;
  switch (op) {
    case "eq":
    case "ne": {
      if (!ci) return (v) => v === lit;
      const eq = foldEquals(lit);
      return (v) => typeof v === "string" && eq(v);
    }
    case "co": {
      const co = ci ? foldIncludes(lit) : (v: string) => v.includes(lit);
      return (v) => typeof v === "string" && co(v);
    }
    case "sw": {
      const sw = ci ? foldStartsWith(lit) : (v: string) => v.startsWith(lit);
      return (v) => typeof v === "string" && sw(v);
    }
    case "ew": {
      const ew = ci ? foldEndsWith(lit) : (v: string) => v.endsWith(lit);
      return (v) => typeof v === "string" && ew(v);
    }
    default:
      return (v) => {
        if (typeof v !== "string") return false;
        const s = ci ? v.toLowerCase() : v;
        return order(op, s < lit ? -1 : s > lit ? 1 : 0);
      };
  }
}
