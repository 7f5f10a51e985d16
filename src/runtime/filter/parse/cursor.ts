import { ScimError, type ScimType } from "../../errors.js";

// A position in the filter text with the error helper every scanner shares. Positions in
// messages are 1-based (what a person counts); `pos` is 0-based.

const SPACE = 0x20;

export class Cursor {
  pos = 0;
  readonly text: string;
  readonly lenient: boolean;
  /** `invalidFilter` for filters; `invalidPath` for the structure of a PATCH path. */
  scimType: ScimType;

  constructor(text: string, lenient: boolean, scimType: ScimType) {
    this.text = text;
    this.lenient = lenient;
    this.scimType = scimType;
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  code(at: number = this.pos): number {
    return at < this.text.length ? this.text.charCodeAt(at) : -1;
  }

  /** Throws `Invalid filter at position N: expected X, found Y`. */
  expected(what: string, at: number = this.pos): never {
    throw this.error(`expected ${what}, found ${this.describe(at)}`, at);
  }

  fail(message: string, at: number = this.pos): never {
    throw this.error(message, at);
  }

  error(message: string, at: number): ScimError {
    const label = this.scimType === "invalidPath" ? "Invalid path" : "Invalid filter";
    return new ScimError(400, this.scimType, `${label} at position ${at + 1}: ${message}`);
  }

  /** What stands at `at`, quoted and bounded, with control characters made visible. */
  describe(at: number): string {
    if (at >= this.text.length) return "end of input";
    const c = this.text.charCodeAt(at);
    if (c < 0x20 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    let end = at + 1;
    if (isNameCode(c)) while (end < this.text.length && end - at < 24 && isPathCode(this.text.charCodeAt(end))) end++;
    return JSON.stringify(this.text.slice(at, end));
  }

  isSpace(c: number): boolean {
    if (c === SPACE) return true;
    // Lenient: tabs and line breaks, and `+` left over from form-encoded query strings.
    return this.lenient && (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2b);
  }

  /** Skips spaces; returns how many were skipped. */
  skipSpace(): number {
    const start = this.pos;
    while (this.isSpace(this.code())) this.pos++;
    return this.pos - start;
  }

  /** True (and consumes it) when `word` stands here, case-insensitively, as a whole word. */
  keyword(word: string): boolean {
    const end = this.pos + word.length;
    if (end > this.text.length || isPathCode(this.code(end))) return false;
    for (let i = 0; i < word.length; i++) {
      if ((this.text.charCodeAt(this.pos + i) | 0x20) !== word.charCodeAt(i)) return false;
    }
    this.pos = end;
    return true;
  }
}

/** ALPHA, DIGIT, "-", "_", "$" (for `$ref`). RFC 7643 §2.1 nameChar, plus `$`. */
export function isNameCode(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x24
  );
}

/** Characters of an attribute path as written: names, "." and the ":" of a URN prefix. */
export function isPathCode(c: number): boolean {
  return isNameCode(c) || c === 0x2e || c === 0x3a;
}

export function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}
