import { readFileSync, statSync } from "node:fs";
import type { SchemaProblem } from "./problem.js";

// Reads one JSON input file. JSON.parse does the parsing; on failure a small iterative
// scanner (no recursion, so deep nesting cannot overflow the stack) finds the offset of
// the first syntax error, because V8's messages do not always carry a position.

/** Schema files are small; anything larger is refused before it is read into memory. */
export const MAX_SCHEMA_BYTES = 2 * 1024 * 1024;

export type JsonRead = { readonly value: unknown } | { readonly problem: SchemaProblem };

export function readJsonFile(path: string, file: string, maxBytes = MAX_SCHEMA_BYTES): JsonRead {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) {
      const message = `file is ${size} bytes; schema files are limited to ${maxBytes} bytes`;
      return { problem: { file, pointer: "", rule: "file-too-large", message } };
    }
    text = readFileSync(path, "utf8");
  } catch (e) {
    return { problem: { file, pointer: "", rule: "unreadable-file", message: (e as Error).message } };
  }
  return parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
}

export function parseJson(text: string, file: string): JsonRead {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const found = findSyntaxError(text) ?? { offset: text.length, reason: (e as Error).message };
    const { line, column } = lineColumn(text, found.offset);
    const message = `invalid JSON at line ${line}, column ${column}: ${found.reason}`;
    return { problem: { file, pointer: "", rule: "invalid-json", message, line, column } };
  }
}

export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** Offset and reason of the first JSON syntax error (RFC 8259), or undefined if none. */
export function findSyntaxError(text: string): { offset: number; reason: string } | undefined {
  const stack: Array<"{" | "["> = [];
  let i = 0;
  // expecting: "value" | "key" | "after-value" | "after-key"; first member of a container
  // may also close it.
  let expect: "value" | "key" | "after-value" | "after-key" = "value";
  let allowClose = false;
  const skip = (): void => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  for (;;) {
    skip();
    const c = text[i];
    if (c === undefined) {
      return stack.length === 0 && expect === "after-value" ? undefined : { offset: i, reason: "unexpected end of input" };
    }
    const top = stack[stack.length - 1];
    if (allowClose && ((c === "}" && top === "{") || (c === "]" && top === "["))) {
      stack.pop();
      i++;
      expect = "after-value";
      allowClose = false;
      continue;
    }
    allowClose = false;
    if (expect === "key") {
      if (!match(STRING)) return { offset: i, reason: c === '"' ? "invalid string" : "expected a quoted property name" };
      expect = "after-key";
    } else if (expect === "after-key") {
      if (c !== ":") return { offset: i, reason: "expected ':' after property name" };
      i++;
      expect = "value";
    } else if (expect === "value") {
      if (c === "{" || c === "[") {
        stack.push(c);
        i++;
        expect = c === "{" ? "key" : "value";
        allowClose = true;
      } else if (c === '"') {
        if (!match(STRING)) return { offset: i, reason: "invalid string (unescaped control character or bad escape)" };
        expect = "after-value";
      } else if (match(NUMBER) || text.startsWith("true", i) || text.startsWith("false", i) || text.startsWith("null", i)) {
        if (c === "t" || c === "n") i += 4;
        else if (c === "f") i += 5;
        expect = "after-value";
      } else {
        return { offset: i, reason: `unexpected character ${JSON.stringify(c)}` };
      }
    } else {
      if (top === undefined) return { offset: i, reason: "unexpected content after the JSON value" };
      if (c === ",") {
        i++;
        expect = top === "{" ? "key" : "value";
      } else if ((c === "}" && top === "{") || (c === "]" && top === "[")) {
        stack.pop();
        i++;
      } else {
        return { offset: i, reason: top === "{" ? "expected ',' or '}'" : "expected ',' or ']'" };
      }
    }
  }
}
