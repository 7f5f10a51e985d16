import type { Filter } from "../../filter/ast.js";
import type { AttributeModel } from "../../manifest/model.js";
import type { ResourceTypeIndex } from "../../manifest/resolve.js";

// A scan's first pass over the rows' JSON text as stored, before any row is decoded
// (JSON.parse is most of a scan's cost). Stored, a row's schemas list may be cut out for a
// one-character mark (common-text.ts): no test here reads `schemas`, and any other value's
// text lies outside that list, so the mark hides nothing a test looks for. A string
// comparison `eq`/`co`/`sw`/`ew` can only hold when the row's text contains the literal:
// verbatim for a caseExact attribute, and lower-cased on both sides otherwise (the
// evaluator's case folding, RFC 7643 §2.2). Rows whose text
// cannot satisfy the filter are skipped; every other row is still decoded and checked by
// the kernel's evaluator, so this only ever removes rows that would not match.
//
// Sound because JSON.stringify writes a string's characters verbatim except `"`, `\`,
// controls below U+0020 and lone surrogates: a literal free of those appears in the text
// wherever it appears in a value. Lower-casing is per character except for Σ, whose
// lower case depends on its neighbours (final ς or σ), and an escape puts letters beside
// it: the value newline+Σ folds to newline+σ, but its text `\nΣ` folds to `\nς`. So a
// folded literal holding σ or ς is not tested (fast-check found that case).

type Need =
  | { readonly kind: "text"; readonly needle: string; readonly fold: boolean }
  | { readonly kind: "and" | "or"; readonly left: Need; readonly right: Need };

/** A test on a row's text that is false only when the row cannot match, or undefined when
 * the filter offers nothing to test. */
export type TextTest = (text: string) => boolean;

const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;
const SIGMA = /[\u03c2\u03c3]/;

export function textPrefilter(filter: Filter, index: ResourceTypeIndex): TextTest | undefined {
  const need = needOf(filter, index, "");
  if (!need) return undefined;
  return (text) => {
    let lower: string | undefined;
    const holds = (n: Need): boolean => {
      if (n.kind === "text") return n.fold ? (lower ??= text.toLowerCase()).includes(n.needle) : text.includes(n.needle);
      return n.kind === "and" ? holds(n.left) && holds(n.right) : holds(n.left) || holds(n.right);
    };
    return holds(need);
  };
}

/** What the text must contain for `filter` to hold; undefined: nothing is known. */
function needOf(filter: Filter, index: ResourceTypeIndex, prefix: string): Need | undefined {
  switch (filter.type) {
    case "logical": {
      const left = needOf(filter.left, index, prefix);
      const right = needOf(filter.right, index, prefix);
      if (filter.operator === "and") return left && right ? { kind: "and", left, right } : (left ?? right);
      return left && right ? { kind: "or", left, right } : undefined;
    }
    case "valuePath":
      return needOf(filter.filter, index, `${filter.attributePath}.`);
    case "comparison": {
      const { operator, value } = filter;
      if (typeof value !== "string" || value === "" || ESCAPED.test(value)) return undefined;
      if (operator !== "eq" && operator !== "co" && operator !== "sw" && operator !== "ew") return undefined;
      const leaf = stringLeaf(index, prefix + filter.attributePath);
      if (!leaf) return undefined;
      if (leaf.caseExact) return { kind: "text", needle: value, fold: false };
      const needle = value.toLowerCase();
      return SIGMA.test(needle) ? undefined : { kind: "text", needle, fold: true };
    }
    default:
      return undefined; // presence and `not` promise nothing about the text
  }
}

/** The string attribute a comparison on `path` reads, when it is stored in the row's data
 * (meta is built from the row's fields and `id` is the row's key, the text's first element:
 * neither is tested here). */
function stringLeaf(index: ResourceTypeIndex, path: string): AttributeModel | undefined {
  if (path.toLowerCase() === "schemas") return undefined; // its text may be cut out of the row
  const r = index.resolve(path);
  if (!r || (!r.extension && (r.attribute.name === "meta" || r.attribute.name === "id"))) return undefined;
  // A complex attribute without a sub-attribute compares its `value` (RFC 7644 §3.4.2.2).
  const leaf = r.subAttribute ?? (r.attribute.type === "complex" ? r.attribute.subAttributes?.find((s) => s.name === "value") : r.attribute);
  return leaf?.type === "string" ? leaf : undefined;
}
