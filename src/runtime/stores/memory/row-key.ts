// A row's key (its resource's id) is the first element of its JSON text, `["<id>",…`, so the
// id is stored once, with the row, and the id index (SlotIndex) holds only slot numbers.
// These read and compare it in the row's UTF-8 bytes without decoding the row.
//
// Exact for every JavaScript string: JSON.stringify writes lone surrogates as \u escapes,
// so the UTF-8 of its output is lossless, and a JSON string token is never a proper prefix
// of another (it ends at its first unescaped quote), so comparing a key's token with the
// bytes that start the row is equality.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether the row in `bytes` from `start` to `end` has the key `key`. */
export function rowKeyIs(bytes: Buffer, start: number, end: number, key: string): boolean {
  const n = key.length;
  const from = start + 2; // after `["`
  // Every code unit takes at least one byte of JSON text (and its closing quote one more).
  if (from + n + 1 > end) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    // Beyond plain ASCII a character's bytes differ from its code unit: compare tokens.
    if (c >= 0x80 || c < 0x20 || c === QUOTE || c === BACKSLASH) return tokenAt(bytes, start, end, key);
    if (bytes[from + i] !== c) return false;
  }
  return bytes[from + n] === QUOTE;
}

/** The key of the row in `bytes` from `start` to `end`. */
export function rowKey(bytes: Buffer, start: number, end: number): string {
  let escaped = false;
  let p = start + 2;
  while (p < end && bytes[p] !== QUOTE) {
    if (bytes[p] === BACKSLASH) {
      escaped = true;
      p++;
    }
    p++;
  }
  // Without escapes the token's content is the key's UTF-8 (well-formed: no lone surrogate).
  return escaped ? (JSON.parse(bytes.toString("utf8", start + 1, p + 1)) as string) : bytes.toString("utf8", start + 2, p);
}

function tokenAt(bytes: Buffer, start: number, end: number, key: string): boolean {
  const token = Buffer.from(JSON.stringify(key), "utf8");
  return start + 1 + token.length <= end && bytes.compare(token, 0, token.length, start + 1, start + 1 + token.length) === 0;
}
