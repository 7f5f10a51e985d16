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

/** True when `name` is an ATTRNAME (or `$ref`). */
export function isAttrName(name: string): boolean {
  if (name.length === 0) return false;
  const first = name.charCodeAt(0);
  if (!isAlpha(first) && !(first === 0x24 && name.length > 1)) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isNameCode(c) || c === 0x24) return false;
  }
  return true;
}

export type PathShape = "attribute" | "subAttribute";

/**
 * Checks a path written at `start`. "attribute" allows a URN prefix and one sub-attribute;
 * "subAttribute" (inside `emails[...]`, or after `].`) allows a bare name only.
 */
export function checkPath(cur: Cursor, path: string, start: number, shape: PathShape): void {
  if (path.length === 0) cur.expected("an attribute path", start);
  let rest = path;
  let offset = 0;
  if (path.length > 4 && path.slice(0, 4).toLowerCase() === "urn:") {
    if (shape === "subAttribute") cur.fail(`expected a sub-attribute name, found the URN-prefixed path ${JSON.stringify(path)}`, start);
    offset = path.lastIndexOf(":") + 1;
    rest = path.slice(offset);
    if (offset <= 4 || rest.length === 0) cur.fail(`invalid attribute path ${JSON.stringify(path)}: expected an attribute name after the schema URN`, start);
  }
  const dot = rest.indexOf(".");
  const name = dot < 0 ? rest : rest.slice(0, dot);
  if (!isAttrName(name)) badName(cur, path, name, start + offset);
  if (dot < 0) return;
  if (shape === "subAttribute") cur.fail(`expected a sub-attribute name, found the dotted path ${JSON.stringify(path)}`, start);
  const sub = rest.slice(dot + 1);
  if (!isAttrName(sub)) badName(cur, path, sub, start + offset + dot + 1);
}

function badName(cur: Cursor, path: string, name: string, at: number): never {
  const what = name.length === 0 ? "an empty name" : JSON.stringify(name);
  cur.fail(`invalid attribute path ${JSON.stringify(path)}: ${what} is not an attribute name (ALPHA *(ALPHA / DIGIT / "-" / "_"))`, at);
}
