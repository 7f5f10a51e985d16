// A row's version and creation time without decoding the row. Its text starts
// `["<id>",<version>,"<created>",` (see RowText in table.ts), so a write that only needs
// them, to check a version (RFC 7644 §3.14) and to carry the creation time over, reads
// them from the row's UTF-8 bytes: the key token is skipped, the version's digits are
// read as a number and the creation time, an ISO 8601 timestamp, is taken as ASCII.
//
// Anything unexpected (a version that is not a plain integer of at most 15 digits, an
// escape or a non-ASCII byte in the creation time, a row cut short) answers undefined and
// the caller decodes the row instead, so the answer is JSON.parse's whenever there is one.
// The key token may hold anything: JSON escapes every quote in it, so its end is the first
// quote not preceded by a backslash escape.

const OPEN = 0x5b; // [
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const ZERO = 0x30;
const NINE = 0x39;

export interface RowHead {
  readonly version: number;
  readonly created: string;
}

/** The version and creation time of the row in `bytes` from `start` to `end`, or undefined
 * when they are not plainly written (decode the row then). */
export function rowHead(bytes: Buffer, start: number, end: number): RowHead | undefined {
  if (bytes[start] !== OPEN || bytes[start + 1] !== QUOTE) return undefined;
  let p = start + 2;
  while (p < end && bytes[p] !== QUOTE) p += bytes[p] === BACKSLASH ? 2 : 1;
  p++; // past the key's closing quote
  if (p >= end || bytes[p] !== COMMA) return undefined;
  const digits = ++p;
  let version = 0;
  for (let c = bytes[p]!; p < end && c >= ZERO && c <= NINE; c = bytes[++p]!) version = version * 10 + (c - ZERO);
  // 15 digits are exact in a double; JSON.stringify writes larger integers the same way,
  // but they are no version a store reaches.
  if (p === digits || p - digits > 15 || p + 1 >= end || bytes[p] !== COMMA || bytes[p + 1] !== QUOTE) return undefined;
  const from = (p += 2);
  for (; p < end; p++) {
    const c = bytes[p]!;
    if (c === QUOTE) break;
    if (c === BACKSLASH || c >= 0x80) return undefined;
  }
  if (p + 1 >= end || bytes[p + 1] !== COMMA) return undefined;
  return { version, created: bytes.toString("latin1", from, p) };
}

/** The version and creation time of the row `text`, decoded. */
export function decodedHead(text: string): RowHead {
  const [, version, created] = JSON.parse(text) as [string, number, string];
  return { version, created };
}
