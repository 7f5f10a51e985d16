// xsd:dateTime (RFC 7643 §2.3.5) to an instant: milliseconds since the epoch, with
// sub-millisecond digits kept as a fraction, so "2011-05-13T04:42:34Z" and
// "2011-05-13T06:42:34+02:00" compare equal. A hand-written single pass (no regular
// expression, no Date.parse quirks such as years 0-99 mapping to 19xx). A missing offset
// means UTC.

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
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
  const y = num(s, 0, 4), mo = num(s, 5, 7), d = num(s, 8, 10);
  const h = num(s, 11, 13), mi = num(s, 14, 16), sec = num(s, 17, 19);
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
      const oh = num(s, i + 1, i + 3), om = num(s, i + 4, i + 6);
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
      offset = (z === PLUS ? 1 : -1) * (oh * 60 + om) * 60_000;
      i += 6;
    }
  }
  if (i !== n) return undefined;
  return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + fraction - offset;
}
