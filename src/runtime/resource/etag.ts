// RFC 7644 §3.14 versioning: meta.version and the ETag header carry a weak entity-tag
// derived from the stored version counter, which grows on every write and only then.

/** `W/"<version>"`: weak, because the representation varies with projection. */
export function etagFor(version: number): string {
  return `W/"${version}"`;
}

/** The opaque part of each entity-tag in an If-Match / If-None-Match list (RFC 9110 §8.8.3). */
function* tags(header: string): Generator<string> {
  let i = 0;
  const n = header.length;
  while (i < n) {
    while (i < n && (header[i] === " " || header[i] === "\t" || header[i] === ",")) i++;
    if (i >= n) return;
    if (header.startsWith("W/", i) || header.startsWith("w/", i)) i += 2;
    if (header[i] === '"') {
      const end = header.indexOf('"', i + 1);
      if (end < 0) return; // unterminated: matches nothing
      yield header.slice(i + 1, end);
      i = end + 1;
    } else {
      // tolerate unquoted tags some clients send (W/3, 3)
      let end = i;
      while (end < n && header[end] !== "," && header[end] !== " ") end++;
      yield header.slice(i, end);
      i = end;
    }
  }
}

/**
 * If-Match (RFC 7644 §3.14, RFC 9110 §13.1.1): absent → true; `*` → true (the resource
 * exists); otherwise true when any listed tag equals the current version. SCIM ETags are
 * weak, so the weak comparison is used: `W/"3"` and `"3"` both match version 3.
 */
export function ifMatchSatisfied(header: string | undefined, version: number): boolean {
  if (header === undefined) return true;
  if (header.length > 8192) return false;
  if (header.trim() === "*") return true;
  const current = String(version);
  for (const t of tags(header)) if (t === current) return true;
  return false;
}

/** If-None-Match for GET (RFC 9110 §13.1.2): true when the client's copy is current (→ 304). */
export function ifNoneMatchHits(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header.length <= 8192 && ifMatchSatisfied(header, version);
}
