import { ScimError } from "../errors.js";

// Duplicate member names in a JSON body (RFC 8259 §4: names SHOULD be unique; with
// duplicates, parsers disagree on which value wins). JSON.parse keeps the last one, a
// proxy or WAF in front of us may keep the first: accepting them would let a request say
// one thing to the gateway and another to the store, so a body with any is refused.
//
// The common case must stay cheap. The body scan (body.ts) counts the member separators
// (`:` outside strings) while it checks nesting; the parsed value's own keys are counted
// without allocating. Equal counts: no duplicates. Only when they differ is the text
// scanned again, name by name, to say which member is repeated and where.

/** Own keys of every object in a parsed JSON value. */
export function countMembers(v: unknown): number {
  if (typeof v !== "object" || v === null) return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) n += countMembers(v[i]);
    return n;
  }
  const o = v as Record<string, unknown>;
  // JSON.parse objects have only own enumerable keys (plus any enumerable keys a polluted
  // Object.prototype adds, which only raise the count: the exact scan below decides).
  for (const k in o) n += 1 + countMembers(o[k]);
  return n;
}

export interface DuplicateMember {
  /** The name after JSON unescaping. */
  readonly name: string;
  /** Character position of the repeated name's opening quote. */
  readonly at: number;
  /** Character position of its first occurrence in the same object. */
  readonly first: number;
}

interface Frame {
  readonly object: boolean;
  names: Map<string, number> | undefined;
  expectName: boolean;
}

/** The first member name repeated within one object of `text`, which must be valid JSON. */
export function findDuplicateMember(text: string): DuplicateMember | undefined {
  const stack: Frame[] = [];
  let top: Frame | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) {
          escaped = true;
          i++;
        } else if (d === 34) break;
      }
      if (!top?.object || !top.expectName) continue;
      // Compared after unescaping: "a" and "\u0061" are the same name.
      const name = escaped ? (JSON.parse(text.slice(start, i + 1)) as string) : text.slice(start + 1, i);
      top.names ??= new Map();
      const first = top.names.get(name);
      if (first !== undefined) return { name, at: start, first };
      top.names.set(name, start);
      top.expectName = false;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (top) stack.push(top);
      top = { object: c === 123, names: undefined, expectName: c === 123 };
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      top = stack.pop();
    } else if (c === 44 /* , */ && top?.object) {
      top.expectName = true;
    }
  }
  return undefined;
}

/** 400 invalidSyntax when `text` (parsed as `value`, holding `membersInText` names) repeats a name. */
export function refuseDuplicateMembers(text: string, value: unknown, membersInText: number): void {
  if (countMembers(value) === membersInText) return;
  const dup = findDuplicateMember(text);
  if (!dup) return;
  const shown = JSON.stringify(dup.name.length > 60 ? `${dup.name.slice(0, 60)}…` : dup.name);
  throw ScimError.badRequest(
    "invalidSyntax",
    `member ${shown} appears more than once in one object, at character ${dup.at} and first at character ${dup.first}; JSON member names must be unique (RFC 8259 §4)`,
  );
}
