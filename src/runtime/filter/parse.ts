import type { Filter, PatchPath } from "./ast.js";
import { resolveOptions, type FilterOptions } from "./options.js";
import { checkPath, scanPathText } from "./parse/attr-path.js";
import { FilterParser } from "./parse/parser.js";
import { ScimError } from "../errors.js";
import { stackGuard } from "./guard.js";

// Entry points: a filter (RFC 7644 §3.4.2.2) and a PATCH path (RFC 7644 §3.5.2).

function tooLong(text: string, maxLength: number, scimType: "invalidFilter" | "invalidPath"): ScimError {
  const label = scimType === "invalidPath" ? "Invalid path" : "Invalid filter";
  return new ScimError(400, scimType, `${label} at position ${maxLength + 1}: the text is ${text.length} characters long; the limit is ${maxLength}`);
}

/** Parses a filter. Throws ScimError 400 `invalidFilter` naming the 1-based position. */
export function parseFilter(text: string, options?: FilterOptions): Filter {
  const opts = resolveOptions(options);
  if (typeof text !== "string") throw new ScimError(400, "invalidFilter", "Invalid filter: expected a string");
  if (text.length > opts.maxLength) throw tooLong(text, opts.maxLength, "invalidFilter");
  if (opts.lenient) text = trimQueryLeftovers(text);
  return stackGuard(() => {
    const p = new FilterParser(text, opts);
    p.skipSpace();
    if (p.done) p.expected("a filter expression");
    const filter = p.parseOr(false);
    p.skipSpace();
    if (!p.done) {
      const c = p.code();
      if (c === 0x29) p.fail('unbalanced ")": no "(" is open here');
      if (c === 0x5d) p.fail('unbalanced "]": no "[" is open here');
      p.expected('"and", "or" or the end of the filter');
    }
    return p.positions.finish(filter);
  }, "invalidFilter");
}

/** Lenient: `...eq "x"&` or `...?` left over from a hand-built query string. */
function trimQueryLeftovers(text: string): string {
  let end = text.length;
  for (;;) {
    const c = text.charCodeAt(end - 1);
    if (c === 0x26 || c === 0x3f || c === 0x20 || c === 0x2b) end--;
    else break;
  }
  return text.slice(0, end);
}

/**
 * Parses a PATCH `path`: `attrPath`, `attrPath[valFilter]`, `attrPath[valFilter].subAttr`,
 * URN-prefixed, or a bare extension URN. Malformed structure is `invalidPath`; a malformed
 * filter inside the brackets is `invalidFilter` (RFC 7644 §3.12 Table 9 lists PATCH path
 * filters under invalidFilter).
 */
export function parsePatchPath(text: string, options?: FilterOptions): PatchPath {
  const opts = resolveOptions(options);
  if (typeof text !== "string") throw new ScimError(400, "invalidPath", "Invalid path: expected a string");
  if (text.length > opts.maxLength) throw tooLong(text, opts.maxLength, "invalidPath");
  return stackGuard(() => {
    const p = new FilterParser(text, opts, "invalidPath");
    if (opts.lenient) p.skipSpace();
    const attributePath = scanPathText(p);
    checkPath(p, attributePath, 0, "attribute");
    if (p.code() !== 0x5b) return finish(p, { attributePath });
    if (attributePath.slice(attributePath.lastIndexOf(":") + 1).includes(".")) {
      p.fail(`a value filter applies to a multi-valued attribute, not to the sub-attribute path ${JSON.stringify(attributePath)}`, 0);
    }
    const open = p.pos;
    p.scimType = "invalidFilter";
    p.enter(open);
    p.countTerm(open);
    p.pos++;
    const filter = p.positions.finish(p.parseOr(true));
    p.skipSpace();
    if (p.code() !== 0x5d) p.expected(`"]" to close the "[" at position ${open + 1}`);
    p.pos++;
    p.scimType = "invalidPath";
    if (p.code() !== 0x2e) return finish(p, { attributePath, filter });
    p.pos++;
    const subStart = p.pos;
    const subAttribute = scanPathText(p);
    checkPath(p, subAttribute, subStart, "subAttribute");
    return finish(p, { attributePath, filter, subAttribute });
  }, "invalidPath");
}

function finish(p: FilterParser, path: PatchPath): PatchPath {
  if (p.lenient) p.skipSpace();
  if (!p.done) p.expected(path.filter ? '"." and a sub-attribute name, or the end of the path' : '"[", or the end of the path');
  return path;
}
