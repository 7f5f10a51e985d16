import { describe, expect, it } from "vitest";
import { FilterCache, canonicalizeFilter, parseFilter, printFilter } from "../../src/runtime/filter/index.js";
import { coreIndex } from "../support/core-manifest.js";

const index = coreIndex();
const users = index.resourceType("User")!;
const groups = index.resourceType("Group")!;
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("canonicalizeFilter", () => {
  it.each([
    ['USERNAME eq "x"', 'userName eq "x"'],
    ['urn:ietf:params:scim:schemas:core:2.0:User:Name.FAMILYNAME co "x"', 'name.familyName co "x"'],
    [`${ENT.toLowerCase()}:MANAGER.value eq "x"`, `${ENT}:manager.value eq "x"`],
    ['EMAILS[TYPE eq "work" and Value pr]', 'emails[type eq "work" and value pr]'],
    ['not (META.LASTMODIFIED gt "2011-05-13T04:42:34Z") or emails co "x"', 'not (meta.lastModified gt "2011-05-13T04:42:34Z") or emails co "x"'],
    ['SCHEMAS eq "x"', 'schemas eq "x"'],
  ])("%s -> %s", (input, output) => {
    expect(printFilter(canonicalizeFilter(parseFilter(input), users))).toBe(output);
  });

  it.each(['nope eq "x"', 'emails[nope eq "x"]', 'userName[value eq "x"]'])("rejects %s with invalidFilter", (f) => {
    expect(() => canonicalizeFilter(parseFilter(f), users)).toThrowError(expect.objectContaining({ scimType: "invalidFilter", status: 400 }));
  });

  it("does not mutate its input", () => {
    const ast = parseFilter('USERNAME eq "x" and EMAILS[TYPE pr]');
    const copy = structuredClone(ast);
    canonicalizeFilter(ast, users);
    expect(ast).toEqual(copy);
  });
});

describe("FilterCache", () => {
  it("returns the same compiled filter for the same type and text", () => {
    const cache = new FilterCache(10);
    const a = cache.get(users, 'userName eq "x"');
    expect(cache.get(users, 'userName eq "x"')).toBe(a);
    expect(a.match({ userName: "X" })).toBe(true);
    expect(cache.get(groups, 'displayName eq "x"')).not.toBe(a);
  });

  it("keys on options: lenient and strict are separate entries", () => {
    const cache = new FilterCache(10);
    expect(() => cache.get(users, "userName eq x")).toThrowError(/position 13/);
    expect(cache.get(users, "userName eq x", { lenient: true }).match({ userName: "x" })).toBe(true);
  });

  it("applies lenient to both parse and compile", () => {
    const cache = new FilterCache(10);
    expect(cache.get(users, "externalId eq 12345", { lenient: true }).match({ externalId: "12345" })).toBe(true);
    expect(() => cache.get(users, "externalId eq 12345")).toThrowError(/compare it with a quoted string/);
  });

  it("evicts the least recently used entry beyond capacity", () => {
    const cache = new FilterCache(2);
    const a = cache.get(users, 'userName eq "a"');
    cache.get(users, 'userName eq "b"');
    cache.get(users, 'userName eq "a"'); // a is now most recent
    cache.get(users, 'userName eq "c"'); // evicts b
    expect(cache.size).toBe(2);
    expect(cache.get(users, 'userName eq "a"')).toBe(a);
  });

  it("does not cache errors", () => {
    const cache = new FilterCache(2);
    expect(() => cache.get(users, 'nope eq "x"')).toThrowError(/unknown attribute/);
    expect(cache.size).toBe(0);
  });
});
