// Case-insensitive string tests without allocating a lower-cased copy per value: the hot
// path of `userName eq "…"` over many resources. ASCII is folded inline; any non-ASCII
// character falls back to String#toLowerCase, so results always equal
// `value.toLowerCase() <op> literal` with the literal already lower-cased.

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * U+0130 (to "i\u0307") and U+212A KELVIN SIGN (to "k") are the only characters whose
 * toLowerCase() contains ASCII, and U+0130 the only one it lengthens (the tests check
 * every code point). A value without them lower-cases code unit by code unit, ASCII to
 * ASCII and everything else to non-ASCII, so an ASCII literal's occurrences in the
 * lower-cased value are exactly its ASCII case-insensitive occurrences in the value.
 */
const FOLDS_TO_ASCII = "[\u0130\u212a]";
const foldsToAscii = new RegExp(FOLDS_TO_ASCII);

/**
 * A lower-case ASCII literal ready for comparing: its code units, and per unit the mask
 * OR-ed into a value's unit before comparing, 0x20 for a letter (so "A" and "a" both give
 * "a") and 0 otherwise (the unit must be exact: only "A"-"Z" lower-case to other ASCII).
 * Plain arrays: one element load per unit instead of a second charCodeAt.
 */
interface Literal {
  readonly text: string;
  readonly units: readonly number[];
  readonly masks: readonly number[];
}

function literal(text: string): Literal {
  const units: number[] = [];
  const masks: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    units.push(c);
    masks.push(c >= 0x61 && c <= 0x7a ? 0x20 : 0);
  }
  return { text, units, masks };
}

/**
 * Compares v[from..] with the literal: 1 match, 0 mismatch at an ASCII unit, -1 mismatch
 * at a non-ASCII one (which may still fold to ASCII: the caller asks toLowerCase). One
 * branch per unit: a non-ASCII unit OR-ed with a mask stays non-ASCII, so it never passes
 * for an ASCII literal unit, and it is told apart only once the compare has failed.
 */
function foldAt(v: string, from: number, lit: Literal): number {
  const { units, masks } = lit;
  for (let i = 0; i < units.length; i++) {
    const c = v.charCodeAt(from + i);
    if ((c | masks[i]!) !== units[i]) return c >= 0x80 ? -1 : 0;
  }
  return 1;
}

/**
 * The same text as an internalized string (V8 stores a property key as one; an
 * Object.create(null) object keeps its keys in a dictionary, so no hidden class is made
 * per literal). JSON.parse internalizes short string values, and V8 tells two equal
 * internalized strings apart from unequal ones by address, so an exact-case hit skips
 * the per-unit compare.
 */
function internalized(text: string): string {
  const keys: Record<string, number> = Object.create(null) as Record<string, number>;
  keys[text] = 0;
  return Object.keys(keys)[0] ?? text;
}

export type StringTest = (v: string) => boolean;

/**
 * `lit` must be lower-case. For an ASCII literal, a length difference settles equality:
 * the only lower-casing that changes length (U+0130) yields non-ASCII output.
 */
export function foldEquals(lit: string): StringTest {
  if (!isAscii(lit)) return (v) => v.toLowerCase() === lit;
  // Prepared on the first value of the right length: a look-up compiles many filters
  // that each test only a few values.
  let prepared: { readonly same: string; readonly lit: Literal } | undefined;
  return (v) => {
    if (v.length !== lit.length) return false;
    const p = (prepared ??= { same: internalized(lit), lit: literal(lit) });
    if (v === p.same) return true;
    const r = foldAt(v, 0, p.lit);
    return r === 1 || (r === -1 && v.toLowerCase() === lit);
  };
}

export function foldStartsWith(lit: string): StringTest {
  if (!isAscii(lit)) return (v) => v.toLowerCase().startsWith(lit);
  const l = literal(lit);
  return (v) => {
    if (v.length < lit.length) return foldsToAscii.test(v) && v.toLowerCase().startsWith(lit);
    const r = foldAt(v, 0, l);
    return r === 1 || (r === -1 && v.toLowerCase().startsWith(lit));
  };
}

export function foldEndsWith(lit: string): StringTest {
  if (!isAscii(lit)) return (v) => v.toLowerCase().endsWith(lit);
  const l = literal(lit);
  return (v) => {
    if (v.length >= lit.length) {
      const r = foldAt(v, v.length - lit.length, l);
      if (r === 1) return true;
      if (r === 0 && !foldsToAscii.test(v)) return false;
    } else if (!foldsToAscii.test(v)) return false;
    return v.toLowerCase().endsWith(lit);
  };
}

/** Longest literal searched with a regular expression; longer ones use the engine's linear search. */
const SCAN_LIMIT = 16;

const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

export function foldIncludes(lit: string): StringTest {
  // A backtracking search is O(value x literal): keep it to short literals so a hostile
  // `co "aaaa…"` against a long stored value can never go quadratic.
  if (!isAscii(lit) || lit.length > SCAN_LIMIT) return (v) => v.toLowerCase().includes(lit);
  // Without the u flag, /i folds an ASCII pattern character only to ASCII characters
  // (ECMA-262 Canonicalize: a non-ASCII character whose upper case is ASCII stays itself),
  // so a match of the literal is an ASCII case-insensitive occurrence, hence one in
  // toLowerCase(v) too. One scan answers: no match at all means neither an occurrence nor
  // a character that lower-cases to ASCII (false). Otherwise the leftmost match ends in
  // an ASCII unit when it is the literal (true), in İ or K when it is the class: only
  // then is toLowerCase asked. The g flag is what exposes the match end (lastIndex).
  const either = new RegExp(`${escapeRegExp(lit)}|${FOLDS_TO_ASCII}`, "gi");
  return (v) => {
    either.lastIndex = 0;
    if (!either.test(v)) return false;
    return v.charCodeAt(either.lastIndex - 1) < 0x80 || v.toLowerCase().includes(lit);
  };
}
