// The text nearly every row of a table repeats, stored once per table instead of once per
// row: the data's opening schemas list, e.g. `{"schemas":["urn:ietf:params:scim:schemas:
// core:2.0:User"]` (55 bytes, a sixth of a typical user's row). The arena writes a row's
// first occurrence of it as the single byte 0x01 and puts it back when the row is read, so
// every reader (the prefilter, decoding) sees the row's exact text.
//
// 0x01 is never in a row's text otherwise: JSON.stringify escapes control characters. A
// text that holds one anyway (the arena takes any string) is stored as it is. The common
// text is learnt from the first row that has a schemas list; rows with another list are
// stored in full. What is cut out is not searched by RowArena.includes: that only looks
// for reference ids (members[].value), which are never in the schemas list.

export const CUT = 0x01;
const OPENING = '{"schemas":[';

export class CommonText {
  private text: string | undefined;
  /** UTF-8 bytes of `text`. */
  private bytes = 0;

  /** Where `row` holds the common text, or -1 when it is stored in full. */
  cutAt(row: string): number {
    if (this.text === undefined && !this.learn(row)) return -1;
    const at = row.indexOf(this.text!);
    return at < 0 || row.includes("\u0001") ? -1 : at;
  }

  /** The common text (once a row has been cut). */
  get value(): string {
    return this.text!;
  }

  /** UTF-8 bytes a cut saves. */
  get saved(): number {
    return this.bytes - 1;
  }

  private learn(row: string): boolean {
    const from = row.indexOf(OPENING);
    const to = from < 0 ? -1 : row.indexOf("]", from);
    if (to < 0) return false;
    // A copy, so the first row's text is not kept alive through a sliced string.
    this.text = Buffer.from(row.slice(from, to + 1), "utf8").toString("utf8");
    this.bytes = Buffer.byteLength(this.text, "utf8");
    return true;
  }
}
