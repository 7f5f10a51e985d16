import { ScimError } from "../errors.js";
import type { CompareValue, Filter } from "./ast.js";
import { stackGuard } from "./guard.js";
import { checkPath, scanPathText, type PathShape } from "./parse/attr-path.js";
import { Cursor } from "./parse/cursor.js";

// AST -> canonical filter text: lower-case operators and keywords, one space between
// tokens, JSON literals, and parentheses exactly where precedence (not > and > or, both
// left-associative) needs them, so parseFilter(printFilter(ast)) deep-equals ast.

const OR = 1;
const AND = 2;
const UNARY = 3;

function precedence(f: Filter): number {
  return f.type === "logical" ? (f.operator === "or" ? OR : AND) : UNARY;
}

export function printValue(value: CompareValue): string {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean" && value !== null) {
    throw new ScimError(400, "invalidFilter", `Invalid filter: cannot print value ${String(value)}`);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ScimError(400, "invalidFilter", `Invalid filter: ${value} is not a JSON number`);
    return Object.is(value, -0) ? "-0" : String(value);
  }
  return JSON.stringify(value);
}

const OPERATORS: ReadonlySet<string> = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);

function invalid(detail: string): ScimError {
  return new ScimError(400, "invalidFilter", `Invalid filter: ${detail}`);
}

/**
 * A hand-built AST is printed only if every path is one the grammar can read back: a path
 * such as `x eq "1" or id` must never smuggle filter syntax into the printed text.
 */
function path(p: unknown, shape: PathShape): string {
  if (typeof p !== "string") throw invalid(`cannot print attribute path ${JSON.stringify(p)}`);
  const cur = new Cursor(p, false, "invalidFilter");
  try {
    scanPathText(cur);
    if (!cur.done) cur.expected("an attribute path character");
    checkPath(cur, p, 0, shape);
  } catch (e) {
    throw invalid(`cannot print attribute path ${JSON.stringify(p)}: ${(e as ScimError).detail.replace(/^Invalid filter /, "")}`);
  }
  return p;
}

function print(f: Filter, min: number, out: string[], shape: PathShape): void {
  const wrap = precedence(f) < min;
  if (wrap) out.push("(");
  switch (f.type) {
    case "comparison":
      if (!OPERATORS.has(f.operator)) throw invalid(`cannot print operator ${JSON.stringify(f.operator)}`);
      out.push(path(f.attributePath, shape), " ", f.operator, " ", printValue(f.value));
      break;
    case "presence":
      out.push(path(f.attributePath, shape), " pr");
      break;
    case "not":
      out.push("not (");
      print(f.filter, OR, out, shape);
      out.push(")");
      break;
    case "valuePath":
      if (shape === "subAttribute") throw invalid("value filters cannot be nested");
      out.push(path(f.attributePath, shape), "[");
      print(f.filter as Filter, OR, out, "subAttribute");
      out.push("]");
      break;
    case "logical": {
      if (f.operator !== "and" && f.operator !== "or") throw invalid(`cannot print logical operator ${JSON.stringify(f.operator)}`);
      const own = f.operator === "or" ? OR : AND;
      print(f.left, own, out, shape);
      out.push(" ", f.operator, " ");
      print(f.right, own + 1, out, shape);
      break;
    }
    default:
      throw invalid(`cannot print filter node ${JSON.stringify((f as { type?: unknown }).type)}`);
  }
  if (wrap) out.push(")");
}

/** Canonical text of a filter. */
export function printFilter(filter: Filter): string {
  return stackGuard(() => {
    const out: string[] = [];
    print(filter, OR, out, "attribute");
    return out.join("");
  });
}
