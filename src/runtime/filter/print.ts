import { ScimError } from "../errors.js";
import type { CompareValue, Filter } from "./ast.js";
import { stackGuard } from "./guard.js";

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
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ScimError(400, "invalidFilter", `Invalid filter: ${value} is not a JSON number`);
    return Object.is(value, -0) ? "-0" : String(value);
  }
  return JSON.stringify(value);
}

function print(f: Filter, min: number, out: string[]): void {
  const wrap = precedence(f) < min;
  if (wrap) out.push("(");
  switch (f.type) {
    case "comparison":
      out.push(f.attributePath, " ", f.operator, " ", printValue(f.value));
      break;
    case "presence":
      out.push(f.attributePath, " pr");
      break;
    case "not":
      out.push("not (");
      print(f.filter, OR, out);
      out.push(")");
      break;
    case "valuePath":
      out.push(f.attributePath, "[");
      print(f.filter as Filter, OR, out);
      out.push("]");
      break;
    case "logical": {
      const own = f.operator === "or" ? OR : AND;
      print(f.left, own, out);
      out.push(" ", f.operator, " ");
      print(f.right, own + 1, out);
      break;
    }
  }
  if (wrap) out.push(")");
}

/** Canonical text of a filter. */
export function printFilter(filter: Filter): string {
  return stackGuard(() => {
    const out: string[] = [];
    print(filter, OR, out);
    return out.join("");
  });
}
