import { describe, expect, it } from "vitest";
import { linkMembers } from "../../src/runtime/resource/member-links.js";
import { cleanMembers, referenceRules } from "../../src/runtime/resource/members.js";
import { ScimError } from "../../src/runtime/errors.js";
import { coreIndex } from "../support/core-manifest.js";

// The request-only member rules (resource/members.ts) and the $ref computed on read
// (resource/member-links.ts), RFC 7643 §4.2: table-driven, no store involved.

const index = coreIndex();
const names = new Set(["user", "group"]);
const groups = index.resourceType("Group")!;
const rules = referenceRules(groups, names);
const links = { rules, types: new Map([["user", index.resourceType("User")!], ["group", groups]]) };
type M = Record<string, unknown>;

describe("referenceRules", () => {
  it("Group.members is the only membership list of the core types (User.groups is readOnly)", () => {
    expect(rules.map((r) => [r.attribute.name, r.targets])).toEqual([["members", ["User", "Group"]]]);
    expect(referenceRules(index.resourceType("User")!, names)).toEqual([]);
  });
});

describe("cleanMembers", () => {
  // [case, members in, members out, stored members of a PUT/PATCH]
  const cleaned: [string, M[], M[], M[]?][] = [
    ["drops a client $ref", [{ value: "u", $ref: "https://evil.example/Users/x" }], [{ value: "u" }]],
    ["drops a $ref in any case, and a null type", [{ value: "u", $REF: "x", type: null }], [{ value: "u" }]],
    ["canonical type case", [{ value: "u", type: "uSeR" }, { value: "g", type: "group" }], [{ value: "u", type: "User" }, { value: "g", type: "Group" }]],
    ["keeps the first of a repeated value", [{ value: "u", display: "1" }, { value: "g" }, { value: "u", display: "2" }], [{ value: "u", display: "1" }, { value: "g" }]],
    ["a repeat may add the type the first left out", [{ value: "u" }, { value: "u", type: "User" }], [{ value: "u", type: "User" }]],
    ["a stored member keeps its stored type", [{ value: "u" }, { value: "n" }], [{ value: "u", type: "User" }, { value: "n" }], [{ value: "u", type: "User" }]],
    ["a given type is left for the store to check", [{ value: "u", type: "Group" }], [{ value: "u", type: "Group" }], [{ value: "u", type: "User" }]],
    ["elements without a string value are left alone", [{ display: "x" }, { value: 1 }], [{ display: "x" }, { value: 1 }]],
  ];
  it.each(cleaned)("%s", (_, members, expected, stored) => {
    const input = { displayName: "g", members };
    const before = JSON.stringify(input);
    const out = cleanMembers(input, rules, stored ? { members: stored } : undefined);
    expect(out.members).toEqual(expected);
    expect(JSON.stringify(input)).toBe(before); // the caller's body is not changed
  });

  it("returns the same object without membership lists", () => {
    const data = { displayName: "g" };
    expect(cleanMembers(data, rules)).toBe(data);
  });

  // [case, members, the 400 detail]
  const refused: [string, M[], string][] = [
    ["a type that is no reference type", [{ value: "u", type: "Bogus" }], 'members[value eq "u"].type: "Bogus" is not User or Group'],
    ["a non-string type", [{ value: "u", type: 7 }], 'members[value eq "u"].type: 7 is not User or Group'],
    ["one value with two types", [{ value: "u", type: "User" }, { value: "u", type: "Group" }], 'members[value eq "u"] is listed twice, as User and as Group'],
  ];
  it.each(refused)("%s is 400 invalidValue", (_, members, detail) => {
    let error: unknown;
    try {
      cleanMembers({ members }, rules);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect([(error as ScimError).status, (error as ScimError).scimType, (error as ScimError).detail]).toEqual([400, "invalidValue", detail]);
  });
});

describe("linkMembers", () => {
  const base = "https://idp.example/scim/v2";
  // [case, stored members, represented members]
  const linked: [string, M[], M[]][] = [
    ["a User member", [{ value: "u1", type: "User" }], [{ value: "u1", $ref: `${base}/Users/u1`, type: "User" }]],
    ["a Group member, $ref after value", [{ display: "G", value: "g1", type: "Group" }], [{ display: "G", value: "g1", $ref: `${base}/Groups/g1`, type: "Group" }]],
    ["a stored $ref is replaced", [{ value: "u1", $ref: "https://evil.example/x", type: "User" }], [{ value: "u1", $ref: `${base}/Users/u1`, type: "User" }]],
    ["no type: no $ref (a compat-kept unknown id)", [{ value: "string id 1", $ref: "https://evil.example/x" }], [{ value: "string id 1" }]],
    ["the id is percent-encoded", [{ value: "a b/c", type: "User" }], [{ value: "a b/c", $ref: `${base}/Users/a%20b%2Fc`, type: "User" }]],
  ];
  it.each(linked)("%s", (_, members, expected) => {
    const stored = Object.freeze(members.map((m) => Object.freeze({ ...m })));
    const rep = linkMembers({ members: stored }, links, base);
    expect(rep.members).toEqual(expected);
    expect(stored).toEqual(members); // stored data is shared, never written
  });
});
