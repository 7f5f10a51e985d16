// Case-insensitive string tests without allocating a lower-cased copy per value: the hot
// path of `userName eq "…"` over many resources. ASCII is folded inline; any non-ASCII
// character falls back to String#toLowerCase, so results always equal
// `value.toLowerCase() <op> literal` with the literal already lower-cased.

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** Compares v[from..] with the lower-case ASCII `lit` over lit.length chars: 1 match, 0 mismatch, -1 non-ASCII seen. */
function foldAt(v: string, from: number, lit: string): number {
  for (let i = 0; i < lit.length; i++) {
    let c = v.charCodeAt(from + i);
    if (c >= 0x80) return -1;
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== lit.charCodeAt(i)) return 0;
  }
  return 1;
}

export type StringTest = (v: string) => boolean;

/**
 * `lit` must be lower-case. For an ASCII literal, a length difference settles equality:
 * the only lower-casing that changes length (U+0130) yields non-ASCII output.
 */
export function foldEquals(lit: string): StringTest {
  if (!isAscii(lit)) return (v) => v.toLowerCase() === lit;
  return (v) => {
    if (v.length !== lit.length) return false;
    const r = foldAt(v, 0, lit);
    return r === 1 || (r === -1 && v.toLowerCase() === lit);
  };
}

export function foldStartsWith(lit: string): StringTest {
  if (!isAscii(lit)) return (v) => v.toLowerCase().startsWith(lit);
  return (v) => {
    if (v.length < lit.length) return !isAscii(v) && v.toLowerCase().startsWith(lit);
    const r = foldAt(v, 0, lit);
    return r === 1 || (r === -1 && v.toLowerCase().startsWith(lit));
  };
}

export function foldEndsWith(lit: string): StringTest {
  if (!isAscii(lit)) return (v) => v.toLowerCase().endsWith(lit);
  return (v) => {
    if (!isAscii(v)) return v.toLowerCase().endsWith(lit);
    return v.length >= lit.length && foldAt(v, v.length - lit.length, lit) === 1;
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
  // so a match is an ASCII case-insensitive occurrence, hence one in toLowerCase(v) too.
  // Without one, only a non-ASCII value (U+212A KELVIN SIGN lower-cases to "k") can still
  // contain the literal once lower-cased. Irregexp's native scan beats a JavaScript loop.
  const re = new RegExp(escapeRegExp(lit), "i");
  return (v) => re.test(v) || (!isAscii(v) && v.toLowerCase().includes(lit));
}
