import type { CompareOperator, CompareValue, Filter } from "../ast.js";
import type { ResolvedFilterOptions } from "../options.js";
import { checkPath, scanOperator, scanPathText } from "./attr-path.js";
import { PositionRecorder } from "../positions.js";
import { Cursor } from "./cursor.js";
import { scanBareLiteral, scanKeywordLiteral, scanNumber, scanString } from "./literals.js";

// Recursive descent over RFC 7644 §3.4.2.2 Figure 1, precedence not > and > or, `and`/`or`
// left-associative. Recursion happens only at "(", "not (" and "[", each counted against
// maxDepth, so the stack depth is bounded by the options, not by the input.

const OPERATOR_LIST = "a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le) or pr";

export class FilterParser extends Cursor {
  private depth = 0;
  private terms = 0;
  private readonly limits: ResolvedFilterOptions;
  readonly positions = new PositionRecorder();

  constructor(text: string, options: ResolvedFilterOptions, scimType: "invalidFilter" | "invalidPath" = "invalidFilter") {
    super(text, options.lenient, scimType);
    this.limits = options;
  }

  /** filter = orExpr; `inValue` is true inside `attr[...]`, where paths are sub-attribute names. */
  parseOr(inValue: boolean): Filter {
    let left = this.parseAnd(inValue);
    for (;;) {
      const save = this.pos;
      if (this.skipSpace() === 0 || !this.keyword("or")) {
        this.pos = save;
        return left;
      }
      this.spaceAfterKeyword("or");
      left = { type: "logical", operator: "or", left, right: this.parseAnd(inValue) };
    }
  }

  private parseAnd(inValue: boolean): Filter {
    let left = this.parseUnary(inValue);
    for (;;) {
      const save = this.pos;
      if (this.skipSpace() === 0 || !this.keyword("and")) {
        this.pos = save;
        return left;
      }
      this.spaceAfterKeyword("and");
      left = { type: "logical", operator: "and", left, right: this.parseUnary(inValue) };
    }
  }

  private spaceAfterKeyword(word: string): void {
    if (this.skipSpace() === 0 && this.code() !== 0x28) this.expected(`a space after "${word}"`);
  }

  private parseUnary(inValue: boolean): Filter {
    this.skipSpace();
    const start = this.pos;
    if (this.code() === 0x28) return this.parseGroup(inValue);
    if (this.keyword("not")) {
      const after = this.pos;
      this.skipSpace();
      if (this.code() === 0x28) return { type: "not", filter: this.parseGroup(inValue) };
      if (this.pos > after && this.operatorFollows()) {
        // An attribute named "not" (`not eq "x"`): ATTRNAME allows it.
        this.pos = start;
        return this.parseAttrExp(inValue);
      }
      if (!this.lenient) this.expected('"(" after "not" (RFC 7644: not "(" valFilter ")")');
      this.enter(start);
      const filter = this.parseUnary(inValue);
      this.depth--;
      return { type: "not", filter };
    }
    return this.parseAttrExp(inValue);
  }

  /** True when the word at the cursor is a comparison operator or `pr` (cursor unchanged). */
  private operatorFollows(): boolean {
    const save = this.pos;
    const word = scanOperator(this);
    const next = this.code();
    this.pos = save;
    return word !== undefined && (next === -1 || this.isSpace(next) || next === 0x29 || next === 0x5d);
  }

  private parseGroup(inValue: boolean): Filter {
    const open = this.pos;
    this.enter(open);
    this.pos++;
    const inner = this.parseOr(inValue);
    this.skipSpace();
    if (this.code() !== 0x29) this.expected(`")" to close the "(" at position ${open + 1}`);
    this.pos++;
    this.depth--;
    return inner;
  }

  enter(at: number): void {
    if (++this.depth > this.limits.maxDepth) this.fail(`nesting is deeper than the limit of ${this.limits.maxDepth} levels`, at);
  }

  countTerm(at: number): void {
    if (++this.terms > this.limits.maxTerms) this.fail(`the filter has more than the limit of ${this.limits.maxTerms} expressions`, at);
  }

  private parseAttrExp(inValue: boolean): Filter {
    const start = this.pos;
    const path = scanPathText(this);
    if (path.length === 0) this.expected(inValue ? "a sub-attribute name, \"(\" or \"not\"" : 'an attribute path, "(" or "not"', start);
    checkPath(this, path, start, inValue ? "subAttribute" : "attribute");
    if (this.code() === 0x5b) {
      if (inValue) this.fail("value filters cannot be nested (RFC 7644 Figure 1: valFilter has no valuePath)");
      return this.parseValuePath(path, start);
    }
    this.countTerm(start);
    return this.parseOperation(path, start);
  }

  /** After a path: ` pr` or ` op value`. */
  private parseOperation<P extends string>(path: P, start: number): Filter<P> {
    if (this.skipSpace() === 0) this.expected(`a space and then ${OPERATOR_LIST}`);
    const opStart = this.pos;
    const op = scanOperator(this);
    if (op === "pr") {
      if (this.lenient) this.skipStrayToken();
      return this.positions.at({ type: "presence", attributePath: path }, start);
    }
    if (op === undefined) this.expected(OPERATOR_LIST, opStart);
    if (this.skipSpace() === 0) this.expected(`a space and then a value after "${op}"`);
    const value = this.parseValue();
    return this.positions.at({ type: "comparison", attributePath: path, operator: op as CompareOperator, value }, start);
  }

  /** Lenient: `userName pr loginUser1` (seen from WSO2 clients) drops the stray token. */
  private skipStrayToken(): void {
    const save = this.pos;
    if (this.skipSpace() === 0) return;
    const word = this.pos;
    if (this.keyword("and") || this.keyword("or") || this.done || this.code() === 0x29 || this.code() === 0x5d) {
      this.pos = save;
      return;
    }
    this.pos = word;
    if (scanBareLiteral(this) === undefined) this.pos = save;
  }

  private parseValue(): CompareValue {
    const c = this.code();
    const start = this.pos;
    let value: CompareValue | undefined;
    if (c === 0x22) value = scanString(this);
    else if (!this.lenient && (c === 0x2d || (c >= 0x30 && c <= 0x39))) value = scanNumber(this);
    else {
      const literal = scanKeywordLiteral(this);
      if (literal) value = literal.value;
      else if (this.lenient) value = scanBareLiteral(this);
    }
    if (value === undefined) this.expected('a value: a "quoted string", a number, true, false or null', start);
    const next = this.code();
    if (next !== -1 && !this.isSpace(next) && next !== 0x29 && next !== 0x5d) {
      this.expected('a space, ")", "]" or the end of the filter after the value');
    }
    return value;
  }

  private parseValuePath(path: string, start: number): Filter {
    const open = this.pos;
    this.enter(open);
    this.countTerm(start);
    this.pos++;
    let inner = this.parseOr(true);
    this.skipSpace();
    if (this.code() !== 0x5d) this.expected(`"]" to close the "[" at position ${open + 1}`);
    this.pos++;
    this.depth--;
    if (this.code() === 0x2e) {
      // Entra: `emails[type eq "work"].value eq "x"` means `emails[type eq "work" and value eq "x"]`.
      if (!this.lenient) this.fail('a sub-attribute after "]" is not allowed in a filter (only in PATCH paths); expected "and", "or", ")" or the end of the filter');
      this.pos++;
      const subStart = this.pos;
      const sub = scanPathText(this);
      checkPath(this, sub, subStart, "subAttribute");
      inner = { type: "logical", operator: "and", left: inner, right: this.parseOperation(sub, subStart) };
    }
    // Inside "[...]" the parser never builds value paths (nesting is rejected above).
    return this.positions.at({ type: "valuePath", attributePath: path, filter: inner as Filter<string, Record<never, string>> }, start);
  }
}
