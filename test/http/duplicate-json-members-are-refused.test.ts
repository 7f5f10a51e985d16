import { describe, expect, it } from "vitest";
import { parseJsonBody } from "../../src/runtime/http/body.js";
import { countMembers, findDuplicateMember } from "../../src/runtime/http/json-members.js";
import { scimError } from "../patch/fixtures.js";

// RFC 8259 §4: with a member name twice in one object, parsers disagree on the value (a
// gateway may read the first, JSON.parse keeps the last), so every body that repeats a
// name, at any depth and however it is escaped, is 400 invalidSyntax naming it and where.

const bytes = (s: string) => new TextEncoder().encode(s);

describe("a body repeating a member name in one object", () => {
  const refused: [string, string, string, number, number][] = [
    // [case, body, name, at, first]
    ["top level", '{"displayName":"a","displayName":"b"}', "displayName", 19, 1],
    ["same value twice", '{"a":1,"a":1}', "a", 7, 1],
    ["nested object", '{"name":{"givenName":"a","givenName":"b"}}', "givenName", 25, 9],
    ["object inside an array", '{"emails":[{"value":"x"},{"value":"y","value":"z"}]}', "value", 38, 26],
    ["deep in a PATCH value", '{"Operations":[{"op":"add","value":{"name":{"a":1,"a":2}}}]}', "a", 50, 44],
    ["escaped spelling of the same name", '{"a":1,"\\u0061":2}', "a", 7, 1],
    ["both escaped", '{"\\u0041b":1,"A\\u0062":2}', "Ab", 13, 1],
    ["escaped quote in the name", '{"a\\"b":1,"a\\"b":2}', 'a"b', 10, 1],
    ["empty name", '{"":1,"":2}', "", 6, 1],
    ["after a string value holding braces and commas", '{"x":"{,\\"y\\":}","y":1,"y":2}', "y", 23, 17],
    ["a name that prefixes others", '{"proto":1,"protocol":0,"proto":2}', "proto", 24, 1],
  ];
  it.each(refused)("%s → 400 invalidSyntax naming it", (_case, text, name, at, first) => {
    const e = scimError(() => parseJsonBody(bytes(text), 32));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe("invalidSyntax");
    expect(e.message).toContain(`member ${JSON.stringify(name)} appears more than once`);
    expect(e.message).toContain(`at character ${at} and first at character ${first}`);
    expect(findDuplicateMember(text)).toEqual({ name, at, first });
  });
});

describe("bodies without a repeated name in any one object", () => {
  const accepted: [string, string][] = [
    ["names differing in case (the validator refuses those with attribute paths)", '{"displayName":"a","DisplayName":"b"}'],
    ["the same name in sibling objects", '{"emails":[{"value":"x"},{"value":"y"}]}'],
    ["the same name at different depths", '{"value":{"value":{"value":1}}}'],
    ["a name repeated only inside a string", '{"a":"\\"a\\":1","b":"{\\"a\\":2}"}'],
    ["names that unescape differently", '{"a":1,"\\u0062":2}'],
    ["a colon inside a string value", '{"url":"https://x:8080/a","t":"10:00"}'],
    ["empty object and array", '{"a":{},"b":[],"c":[{}]}'],
  ];
  it.each(accepted)("%s is parsed", (_case, text) => {
    expect(parseJsonBody(bytes(text), 32)).toEqual(JSON.parse(text));
    expect(findDuplicateMember(text)).toBeUndefined();
  });
});

describe("countMembers, the cheap pre-check", () => {
  const counts: [string, unknown, number][] = [
    ["scalars", 1, 0],
    ["flat object", { a: 1, b: "x" }, 2],
    ["nested objects and arrays", { a: { b: 1 }, c: [{ d: 1 }, { e: 1, f: [1, { g: 1 }] }] }, 7],
    ["null and empty values", { a: null, b: [], c: {} }, 3],
  ];
  it.each(counts)("%s", (_case, value, n) => expect(countMembers(value)).toBe(n));
});
