import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandPattern } from "../../src/schema/glob.js";
import { findSyntaxError } from "../../src/schema/json.js";
import { deviceSchema, loadTree, tempTree } from "./helpers.js";

// Hostile or broken input files: each gets one precise problem, never a crash or a hang.

describe("bad input files", () => {
  it.each([
    ["missing colon", '{\n  "id": "urn:a:b",\n  "attributes" []\n}', 3, 16, "expected ':' after property name"],
    ["trailing comma", '{"id": "urn:a:b",}', 1, 18, "expected a quoted property name"],
    ["unterminated", '{"id": "urn:a:b"', 1, 17, "unexpected end of input"],
    ["empty file", "", 1, 1, "unexpected end of input"],
    ["control character in string", '{"id": "a\tb"}', 1, 8, "invalid string (unescaped control character or bad escape)"],
    ["garbage after value", '{"id": 1} x', 1, 11, "unexpected content after the JSON value"],
  ])("malformed JSON (%s) reports line and column", (_, text, line, column, reason) => {
    const { problems } = loadTree({ "bad.json": text });
    expect(problems).toEqual([{ file: "bad.json", pointer: "", rule: "invalid-json", line, column, message: `invalid JSON at line ${line}, column ${column}: ${reason}` }]);
  });

  it.each([
    ["an array", "[]"],
    ["a string", '"urn:acme:x"'],
    ["a number", "42"],
    ["null", "null"],
  ])("a file holding %s is refused", (kind, text) => {
    const { problems } = loadTree({ "x.json": text });
    expect(problems).toEqual([{ file: "x.json", pointer: "", rule: "not-an-object", message: `file holds ${kind}; expected one schema or resource type object` }]);
  });

  it("a 5 MB schema file is refused before parsing", () => {
    const big = JSON.stringify(deviceSchema([{ name: "serial", description: "x".repeat(5 * 1024 * 1024) }]));
    const started = performance.now();
    const { problems } = loadTree({ "big.json": big });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problems).toEqual([{ file: "big.json", pointer: "", rule: "file-too-large", message: `file is ${big.length} bytes; schema files are limited to 2097152 bytes` }]);
  });

  it.each([
    ["1001 attributes", deviceSchema(Array.from({ length: 1001 }, (_, i) => ({ name: `a${i}` }))), "/attributes", "schema has 1001 attributes; at most 1000 are supported"],
    ["201 sub-attributes", deviceSchema([{ name: "c", type: "complex", subAttributes: Array.from({ length: 201 }, (_, i) => ({ name: `s${i}` })) }]), "/attributes/0/subAttributes", 'attribute "c" has 201 sub-attributes; at most 200 are supported'],
    ["a 129-character name", deviceSchema([{ name: "n".repeat(129) }]), "/attributes/0/name", "attribute name is 129 characters long; at most 128 are supported"],
    ["1001 canonical values", deviceSchema([{ name: "k", canonicalValues: Array.from({ length: 1001 }, (_, i) => `v${i}`) }]), "/attributes/0/canonicalValues", 'attribute "k" has 1001 canonicalValues; at most 1000 are supported'],
  ])("huge but small-in-bytes input is refused: %s", (_, schema, pointer, message) => {
    const { problems } = loadTree({ "big.json": schema });
    expect(problems).toEqual([{ file: "big.json", pointer, rule: "limit-exceeded", message }]);
  });

  it("deeply nested JSON is reported, not a stack overflow", () => {
    const deep = "[".repeat(200_000) + "]".repeat(199_999);
    const { problems } = loadTree({ "deep.json": deep });
    expect(problems[0]).toMatchObject({ rule: "invalid-json", line: 1, column: 400_000 });
    const valid = loadTree({ "deep.json": "[".repeat(100_000) + "]".repeat(100_000) });
    expect(valid.problems[0]?.rule).toMatch(/invalid-json|not-an-object/);
  });

  it("__proto__ keys in a schema file do not pollute prototypes", () => {
    const text = '{"__proto__": {"polluted": true}, "id": "urn:acme:params:scim:schemas:core:2.0:Device", "attributes": [{"name": "serial", "__proto__": {"type": "complex"}}]}';
    const { problems, manifest } = loadTree({ "p.json": text });
    expect(problems).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(manifest?.schemas[0]?.attributes[0]?.type).toBe("string");
  });

  it("a pattern that matches nothing is a problem naming the pattern", () => {
    const { problems } = loadTree({ "a.json": deviceSchema([{ name: "x" }]) }, [], ["missing/*.json"]);
    expect(problems).toEqual([{ file: "missing/*.json", pointer: "", rule: "no-match", message: 'no JSON file matches "missing/*.json"' }]);
  });

  it("the syntax scanner agrees with JSON.parse on valid documents", () => {
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', "[]", '"x"', " 0 "]) expect(findSyntaxError(text)).toBeUndefined();
  });
});

describe("glob expansion", () => {
  const dir = tempTree({ "a/x.json": {}, "a/b/y.json": {}, "a/b/c/z.json": {}, "a/note.txt": "", "a/node_modules/n.json": {}, "a/.hidden/h.json": {}, "q1.json": {}, "q22.json": {} });
  const rel = (files: string[]) => files.map((f) => f.slice(dir.length + 1));
  it.each([
    ["a/*.json", ["a/x.json"]],
    ["a/**/*.json", ["a/b/c/z.json", "a/b/y.json", "a/x.json"]],
    ["a", ["a/b/c/z.json", "a/b/y.json", "a/x.json"]],
    ["q?.json", ["q1.json"]],
    ["a/b/y.json", ["a/b/y.json"]],
    ["a/*/y.json", ["a/b/y.json"]],
    ["nothing/**/*.json", []],
    ["a/**/**/**/**/**/**/**/**/**/**/**/**/*.json", ["a/b/c/z.json", "a/b/y.json", "a/x.json"]],
  ])("%s", (pattern, expected) => {
    expect(rel(expandPattern(pattern, dir))).toEqual(expected);
  });

  it("a symlink loop under ** does not recurse", () => {
    const loop = tempTree({ "d/x.json": {} });
    symlinkSync(loop, join(loop, "d/back"));
    expect(expandPattern("**/*.json", loop).map((f) => f.slice(loop.length + 1))).toEqual(["d/x.json"]);
  });
});
