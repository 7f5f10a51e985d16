import { isAlpha, isNameCode, isPathCode, type Cursor } from "./cursor.js";

// attrPath = [URI ":"] ATTRNAME *1subAttr (RFC 7644 Figure 1). A URN contains dots and
// colons ("…:enterprise:2.0:User"), so the prefix ends at the LAST colon; what follows
// must be `name` or `name.sub`. ATTRNAME = ALPHA *(nameChar) (RFC 7643 §2.1), so
// `__proto__` or `constructor.x.y` never get past the parser as paths; `$ref` is allowed.

/** Scans the longest run of path characters at the cursor (may be empty). */
export function scanPathText(cur: Cursor): string {
  const start = cur.pos;
  let i = start;
  while (i < cur.text.length && isPathCode(cur.text.charCodeAt(i))) i++;
  cur.pos = i;
  return cur.text.slice(start, i);
}

/** True when `s[from, to)` is an ATTRNAME (or `$ref`); no substring is made. */
function isAttrNameAt(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  const first = s.charCodeAt(from);
  if (!isAlpha(first) && !(first === 0x24 && to - from > 1)) return false;
  for (let i = from + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (!isNameCode(c) || c === 0x24) return false;
  }
  return true;
}

/** True when `name` is an ATTRNAME (or `$ref`). */
export function isAttrName(name: string): boolean {
  return isAttrNameAt(name, 0, name.length);
}

/** The word of path characters at the cursor as one of the nine operators or "pr", lower-cased; undefined otherwise. */
export function scanOperator(cur: Cursor): string | undefined {
  const start = cur.pos;
  let i = start;
  while (i < cur.text.length && isPathCode(cur.text.charCodeAt(i))) i++;
  cur.pos = i;
  if (i - start !== 2) return undefined;
  const key = ((cur.text.charCodeAt(start) | 0x20) << 8) | (cur.text.charCodeAt(start + 1) | 0x20);
  return OPERATOR_CODES.get(key);
}

const OPERATOR_CODES: ReadonlyMap<number, string> = new Map(
  ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"].map((op) => [(op.charCodeAt(0) << 8) | op.charCodeAt(1), op]),
);

export type PathShape = "attribute" | "subAttribute";

/**
 * Checks a path written at `start`. "attribute" allows a URN prefix and one sub-attribute;
 * "subAttribute" (inside `emails[...]`, or after `].`) allows a bare name only.
 */
export function checkPath(cur: Cursor, path: string, start: number, shape: PathShape): void {
  if (path.length === 0) cur.expected("an attribute path", start);
  let offset = 0;
  const n = path.length;
  if (n > 4 && (path.charCodeAt(0) | 0x20) === 0x75 && (path.charCodeAt(1) | 0x20) === 0x72 && (path.charCodeAt(2) | 0x20) === 0x6e && path.charCodeAt(3) === 0x3a) {
    if (shape === "subAttribute") cur.fail(`expected a sub-attribute name, found the URN-prefixed path ${JSON.stringify(path)}`, start);
    offset = path.lastIndexOf(":") + 1;
    if (offset <= 4 || offset === n) cur.fail(`invalid attribute path ${JSON.stringify(path)}: expected an attribute name after the schema URN`, start);
  }
  const dot = path.indexOf(".", offset);
  const nameEnd = dot < 0 ? n : dot;
  if (!isAttrNameAt(path, offset, nameEnd)) badName(cur, path, path.slice(offset, nameEnd), start + offset);
  if (dot < 0) return;
  if (shape === "subAttribute") cur.fail(`expected a sub-attribute name, found the dotted path ${JSON.stringify(path)}`, start);
  if (!isAttrNameAt(path, dot + 1, n)) badName(cur, path, path.slice(dot + 1), start + dot + 1);
}

function badName(cur: Cursor, path: string, name: string, at: number): never {
  const what = name.length === 0 ? "an empty name" : JSON.stringify(name);
  cur.fail(`invalid attribute path ${JSON.stringify(path)}: ${what} is not an attribute name (ALPHA *(ALPHA / DIGIT / "-" / "_"))`, at);
}
