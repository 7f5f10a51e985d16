import { describe, expect, it } from "vitest";
import type { PatchPath } from "../../src/runtime/filter/index.js";
import { parsePatchPath } from "../../src/runtime/filter/index.js";

// RFC 7644 §3.5.2: PATH = attrPath / valuePath [subAttr].

const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("parsePatchPath", () => {
  it.each<[string, PatchPath]>([
    ["members", { attributePath: "members" }],
    ["name.familyName", { attributePath: "name.familyName" }],
    ["NAME.givenName", { attributePath: "NAME.givenName" }],
    [ENT, { attributePath: ENT }],
    [`${ENT}:manager`, { attributePath: `${ENT}:manager` }],
    [`${ENT}:manager.value`, { attributePath: `${ENT}:manager.value` }],
    ['members[value eq "2819c223-7f76-...413861904646"]', { attributePath: "members", filter: { type: "comparison", attributePath: "value", operator: "eq", value: "2819c223-7f76-...413861904646" } }],
    ['emails[type eq "work" and value ew "example.com"]', {
      attributePath: "emails",
      filter: { type: "logical", operator: "and", left: { type: "comparison", attributePath: "type", operator: "eq", value: "work" }, right: { type: "comparison", attributePath: "value", operator: "ew", value: "example.com" } },
    }],
    ['addresses[type eq "work"].streetAddress', { attributePath: "addresses", filter: { type: "comparison", attributePath: "type", operator: "eq", value: "work" }, subAttribute: "streetAddress" }],
    [`${ENT}:manager[value pr].displayName`, { attributePath: `${ENT}:manager`, filter: { type: "presence", attributePath: "value" }, subAttribute: "displayName" }],
    ['roles[primary eq true]', { attributePath: "roles", filter: { type: "comparison", attributePath: "primary", operator: "eq", value: true } }],
  ])("%s", (text, path) => {
    expect(parsePatchPath(text)).toEqual(path);
  });

  it.each<[string, string, number, string]>([
    ["", "invalidPath", 1, "expected an attribute path"],
    ["members value", "invalidPath", 8, '"[", or the end of the path'],
    ["name.familyName.x", "invalidPath", 6, "is not an attribute name"],
    ["__proto__", "invalidPath", 1, "is not an attribute name"],
    ['name.familyName[value eq "x"]', "invalidPath", 1, "a value filter applies to a multi-valued attribute"],
    ['emails[type eq "work"].', "invalidPath", 24, "expected an attribute path"],
    ['emails[type eq "work"].value.x', "invalidPath", 24, "expected a sub-attribute name"],
    ['emails[type eq "work"]x', "invalidPath", 23, '"." and a sub-attribute name'],
    // RFC 7644 §3.12 Table 9: a bad filter inside a PATCH path is invalidFilter.
    ['emails[type eq "work"', "invalidFilter", 22, 'expected "]"'],
    ["emails[type eq]", "invalidFilter", 15, "a value after"],
    ['emails[type xx "work"]', "invalidFilter", 13, "expected a comparison operator"],
    ['emails[emails[type pr]]', "invalidFilter", 14, "cannot be nested"],
  ])("%s -> %s at %d", (text, scimType, position, detail) => {
    let error: unknown;
    try {
      parsePatchPath(text);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ status: 400, scimType });
    expect((error as { detail: string }).detail).toMatch(new RegExp(`^Invalid (path|filter) at position ${position}:`));
    expect((error as { detail: string }).detail).toContain(detail);
  });

  it("enforces the length limit", () => {
    expect(() => parsePatchPath("a".repeat(10_001))).toThrowError(/position 10001: the text is 10001 characters long; the limit is 10000/);
  });
});
