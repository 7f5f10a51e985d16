// xsd:dateTime (RFC 7643 §2.3.5) to an instant: milliseconds since the epoch, with
// sub-millisecond digits kept as a fraction, so "2011-05-13T04:42:34Z" and
// "2011-05-13T06:42:34+02:00" compare equal. A hand-written single pass (no regular
// expression, no Date.parse quirks such as years 0-99 mapping to 19xx). A missing offset
// means UTC.

/** The two ASCII digits at `i` as a number, or -1 (unsigned compare: one test per digit). */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 0x30;
  const b = s.charCodeAt(i + 1) - 0x30;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const DASH = 0x2d, COLON = 0x3a, DOT = 0x2e, PLUS = 0x2b;

/** The instant of an xsd:dateTime, or undefined when `text` is not one. */
export function parseDateTime(text: unknown): number | undefined {
  if (typeof text !== "string" || text.length < 19 || text.length > 64) return undefined;
  const s = text;
  const t = s.charCodeAt(10) | 0x20;
  if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || t !== 0x74 || s.charCodeAt(13) !== COLON || s.charCodeAt(16) !== COLON) return undefined;
  const yh = two(s, 0), yl = two(s, 2);
  const y = yh < 0 || yl < 0 ? -1 : yh * 100 + yl;
  const mo = two(s, 5), d = two(s, 8);
  const h = two(s, 11), mi = two(s, 14), sec = two(s, 17);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DAYS[mo - 1]! || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
    return undefined;
  }
  if (mo === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return undefined;
  let i = 19;
  let fraction = 0;
  const n = s.length;
  if (i < n && s.charCodeAt(i) === DOT) {
    let scale = 100;
    const start = ++i;
    for (; i < n; i++) {
      const digit = s.charCodeAt(i) - 0x30;
      if (digit < 0 || digit > 9) break;
      fraction += digit * scale;
      scale /= 10;
    }
    if (i === start) return undefined;
  }
  let offset = 0;
  if (i < n) {
    const z = s.charCodeAt(i);
    if ((z | 0x20) === 0x7a) i++;
    else if (z === PLUS || z === DASH) {
      if (s.charCodeAt(i + 3) !== COLON) return undefined;
      if (i + 6 > n) return undefined;
      const oh = two(s, i + 1), om = two(s, i + 4);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
      offset = (z === PLUS ? 1 : -1) * (oh * 60 + om) * 60_000;
      i += 6;
    }
  }
  if (i !== n) return undefined;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + fraction - offset;
}
