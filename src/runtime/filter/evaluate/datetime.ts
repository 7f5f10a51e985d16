// xsd:dateTime (RFC 7643 §2.3.5) to an instant: milliseconds since the epoch, with
// sub-millisecond digits kept as a fraction, so "2011-05-13T04:42:34Z" and
// "2011-05-13T06:42:34+02:00" compare equal. A hand-written single pass (no regular
// expression, no Date.parse quirks such as years 0-99 mapping to 19xx). A missing offset
// means UTC.

/** The digit at `i`, or a value above 9 for any other character (unsigned: one test per digit). */
function digit(s: string, i: number): number {
  return (s.charCodeAt(i) - 0x30) >>> 0;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil) for
 * years 0000-9999. Shifted by one 400-year era so every quotient is of a non-negative
 * number: integer division (`| 0`) instead of Math.floor, with the same results.
 */
function daysFromCivil(y: number, m: number, d: number): number {
  const shifted = y - (m <= 2 ? 1 : 0) + 400;
  const era = (shifted / 400) | 0;
  const yoe = shifted - era * 400;
  const doy = (((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return (era - 1) * 146097 + doe - 719468;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const DASH = 0x2d, COLON = 0x3a, DOT = 0x2e, PLUS = 0x2b, UPPER_T = 0x54, UPPER_Z = 0x5a;

/**
 * The instant of an xsd:dateTime, or undefined when `text` is not one. Every fixed
 * position is read once (charCodeAt is the cost here: a value is parsed per row
 * filtered or sorted), digits checked as unsigned values.
 */
export function parseDateTime(text: unknown): number | undefined {
  if (typeof text !== "string" || text.length < 19 || text.length > 64) return undefined;
  const s = text;
  if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || (s.charCodeAt(10) | 0x20) !== 0x74 || s.charCodeAt(13) !== COLON || s.charCodeAt(16) !== COLON) {
    return undefined;
  }
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3);
  const mo0 = digit(s, 5), mo1 = digit(s, 6), d0 = digit(s, 8), d1 = digit(s, 9);
  const h0 = digit(s, 11), h1 = digit(s, 12), mi0 = digit(s, 14), mi1 = digit(s, 15), s0 = digit(s, 17), s1 = digit(s, 18);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || mo0 > 9 || mo1 > 9 || d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9 || mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9) {
    return undefined;
  }
  const y = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const mo = mo0 * 10 + mo1, d = d0 * 10 + d1;
  const h = h0 * 10 + h1, mi = mi0 * 10 + mi1, sec = s0 * 10 + s1;
  if (mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! || h > 23 || mi > 59 || sec > 59) return undefined;
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  let i = 19;
  let fraction = 0;
  const n = s.length;
  if (i < n && s.charCodeAt(i) === DOT) {
    let scale = 100;
    const start = ++i;
    for (; i < n; i++) {
      const c = digit(s, i);
      if (c > 9) break;
      fraction += c * scale;
      scale /= 10;
    }
    if (i === start) return undefined;
  }
  let offset = 0;
  if (i < n) {
    const z = s.charCodeAt(i);
    if ((z | 0x20) === 0x7a) i++;
    else if (z === PLUS || z === DASH) {
      if (i + 6 > n || s.charCodeAt(i + 3) !== COLON) return undefined;
      const oh0 = digit(s, i + 1), oh1 = digit(s, i + 2), om0 = digit(s, i + 4), om1 = digit(s, i + 5);
      if (oh0 > 9 || oh1 > 9 || om0 > 9 || om1 > 9) return undefined;
      const oh = oh0 * 10 + oh1, om = om0 * 10 + om1;
      if (oh > 23 || om > 59) return undefined;
      offset = (z === PLUS ? 1 : -1) * (oh * 60 + om) * 60_000;
      i += 6;
    }
  }
  if (i !== n) return undefined;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + fraction - offset;
}

/** The length of `text` when it is a valid dateTime in canonical UTC form with 0-3 fraction digits (upper-case T and Z), else 0. */
function canonicalUtcLength(text: unknown): number {
  if (typeof text !== "string" || parseDateTime(text) === undefined) return 0;
  const n = text.length;
  if (text.charCodeAt(10) !== UPPER_T || text.charCodeAt(n - 1) !== UPPER_Z) return 0;
  return n === 20 || (n >= 22 && n <= 24 && text.charCodeAt(19) === DOT) ? n : 0;
}

/**
 * `stored <op> literal` for an ordering operator, `holds` telling whether a comparison
 * sign satisfies it, `t` the literal's instant and `text` the literal as written. When
 * the literal is in canonical UTC form with at most 3 fraction digits (as toISOString
 * writes: `2011-05-13T04:42:34.123Z`), a stored value of the same length with T at 10, Z
 * last and "." at 19 (for a fraction) is, if valid at all, in exactly that form: fixed
 * width fields whose text order is their instant order, in whole milliseconds, so no two
 * texts round to one instant. Text order alone then proves such a value does not match,
 * valid or not; every other value is parsed. A selective `meta.lastModified gt` over
 * values a store wrote skips most parses.
 */
export function orderTest(holds: (sign: number) => boolean, t: number, text: unknown): (v: unknown) => boolean {
  const parsed = (v: unknown): boolean => {
    const x = parseDateTime(v);
    return x !== undefined && holds(x - t);
  };
  const n = canonicalUtcLength(text);
  if (n === 0) return parsed;
  const lit = text as string;
  return (v) => {
    if (typeof v === "string" && v.length === n && v.charCodeAt(10) === UPPER_T && v.charCodeAt(n - 1) === UPPER_Z && (n === 20 || v.charCodeAt(19) === DOT)) {
      if (!holds(v < lit ? -1 : v > lit ? 1 : 0)) return false;
    }
    return parsed(v);
  };
}
