import type { CompareValue } from "../ast.js";
import type { Cursor } from "./cursor.js";

// compValue scanners: JSON strings and numbers (RFC 7644 Figure 1 takes them from
// RFC 7159), the literals true/false/null, and lenient mode's unquoted literals. Each is a
// single forward pass: no regular expressions, no backtracking.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
}

/** A JSON string starting at the opening quote; the cursor ends after the closing quote. */
export function scanString(cur: Cursor): string {
  const { text } = cur;
  const open = cur.pos;
  let i = open + 1;
  let run = i;
  let out = "";
  for (;;) {
    if (i >= text.length) cur.fail(`unterminated string (opened at position ${open + 1}); expected a closing '"'`, i);
    const c = text.charCodeAt(i);
    if (c === QUOTE) break;
    if (c < 0x20) cur.expected("a character or an escape sequence inside the string (control characters must be escaped)", i);
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    out += text.slice(run, i);
    const e = text[i + 1];
    if (e === "u") {
      let v = 0;
      for (let k = 2; k < 6; k++) {
        const h = hexValue(text.charCodeAt(i + k));
        if (h < 0) cur.fail(`invalid escape sequence; expected four hexadecimal digits after "\\u"`, i);
        v = v * 16 + h;
      }
      out += String.fromCharCode(v);
      i += 6;
    } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
      out += ESCAPES[e];
      i += 2;
    } else {
      cur.fail(`invalid escape sequence ${e === undefined ? '"\\"' : JSON.stringify("\\" + e)}; expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX`, i);
    }
    run = i;
  }
  cur.pos = i + 1;
  return out + text.slice(run, i);
}

function digits(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    i++;
  }
  return i;
}

/** The end index of a JSON number starting at `i`, or -1 when none stands there. */
export function numberEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 0x2d) i++;
  const c = text.charCodeAt(i);
  if (c === 0x30) i++;
  else if (c >= 0x31 && c <= 0x39) i = digits(text, i + 1);
  else return -1;
  if (text.charCodeAt(i) === 0x2e) {
    const j = digits(text, i + 1);
    if (j === i + 1) return -1;
    i = j;
  }
  if ((text.charCodeAt(i) | 0x20) === 0x65) {
    let j = i + 1;
    const s = text.charCodeAt(j);
    if (s === 0x2b || s === 0x2d) j++;
    const k = digits(text, j);
    if (k === j) return -1;
    i = k;
  }
  return i;
}

export function scanNumber(cur: Cursor): number {
  const start = cur.pos;
  const end = numberEnd(cur.text, start);
  if (end < 0) cur.expected("a JSON number (e.g. 42, -1.5, 2e10)", start);
  const value = Number(cur.text.slice(start, end));
  if (!Number.isFinite(value)) cur.fail("number out of range", start);
  cur.pos = end;
  return value;
}

const LITERALS: Readonly<Record<string, CompareValue>> = { true: true, false: false, null: null };

/** true / false / null at the cursor (lower-case only unless lenient), or undefined. */
export function scanKeywordLiteral(cur: Cursor): { value: CompareValue } | undefined {
  for (const word of ["true", "false", "null"] as const) {
    const start = cur.pos;
    if (!cur.keyword(word)) continue;
    if (!cur.lenient && cur.text.slice(start, cur.pos) !== word) {
      cur.fail(`literal ${JSON.stringify(cur.text.slice(start, cur.pos))} must be written in lower case: ${word}`, start);
    }
    return { value: LITERALS[word]! };
  }
  return undefined;
}

/**
 * Lenient only: an unquoted literal (`bjensen`, `example.com`, `2015-10-10T14:38:21-07:00`)
 * runs to the next space, ")" or "]". A "+" ends it too (form-encoded space) except between
 * digits, as in a time-zone offset. Whole JSON numbers stay numbers.
 */
export function scanBareLiteral(cur: Cursor): CompareValue | undefined {
  const { text } = cur;
  const start = cur.pos;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x29 || c === 0x5d || c === QUOTE || c === 0x7f) break;
    if (c === 0x2b && !(isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))) break;
    i++;
  }
  if (i === start) return undefined;
  cur.pos = i;
  const raw = text.slice(start, i);
  if (numberEnd(raw, 0) === raw.length) {
    const n = Number(raw);
    if (Number.isFinite(n)) return n;
  }
  return raw;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
