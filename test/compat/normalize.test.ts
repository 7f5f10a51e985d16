import { describe, expect, it } from "vitest";
import { coerceFilterLiterals, compatPolicy, normalizeBody, normalizePatchBody, STRICT_COMPAT } from "../../src/runtime/compat/index.js";
import { canonicalizeFilter, parseFilter, printFilter } from "../../src/runtime/filter/index.js";
import { coreIndex } from "../support/core-manifest.js";
import { ENTERPRISE, GROUP, USER } from "./support.js";

// The compat rewrites that run before validation: one row per switch, each also checked
// against the strict policy (no rewrite), the input never mutated, untouched values shared.

const index = coreIndex();
const users = index.resourceType("User")!;
const groups = index.resourceType("Group")!;
const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === "object") {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
};

type Row = [string, string[], "User" | "Group", Record<string, unknown>, Record<string, unknown>];
const rows: Row[] = [
  ["emptyAsRemoval drops \"\"", ["onelogin"], "User", { userName: "a", title: "" }, { userName: "a" }],
  ["emptyAsRemoval inside complex values", ["onelogin"], "User", { userName: "a", name: { givenName: "", familyName: "L" } }, { userName: "a", name: { familyName: "L" } }],
  ["emptyAsRemoval drops an emptied extension complex", ["okta"], "User", { userName: "a", [ENTERPRISE]: { manager: { value: "" }, department: "D" } }, { userName: "a", [ENTERPRISE]: { department: "D" } }],
  ["stringAsComplexValue for members", ["entra"], "Group", { displayName: "G", members: ["u1", { value: "u2" }] }, { displayName: "G", members: [{ value: "u1" }, { value: "u2" }] }],
  ["stringAsComplexValue for a single member string", ["entra"], "Group", { displayName: "G", members: "u1" }, { displayName: "G", members: [{ value: "u1" }] }],
  ["stringAsComplexValue for manager", ["entra"], "User", { userName: "a", [ENTERPRISE]: { manager: "u9" } }, { userName: "a", [ENTERPRISE]: { manager: { value: "u9" } } }],
  ["singleAsList for emails", ["onelogin"], "User", { userName: "a", emails: { value: "a@x" } }, { userName: "a", emails: [{ value: "a@x" }] }],
  ["legacySchemaUrns for core and enterprise", ["onelogin"], "User", { schemas: ["urn:scim:schemas:core:1.0", "urn:scim:schemas:extension:enterprise:1.0"], userName: "a", "urn:scim:schemas:extension:enterprise:1.0": { department: "D" } }, { schemas: [USER, ENTERPRISE], userName: "a", [ENTERPRISE]: { department: "D" } }],
  ["legacySchemaUrns: Entra's 2.0User typo", ["entra"], "User", { schemas: [USER, "urn:ietf:params:scim:schemas:extension:enterprise:2.0User"], userName: "a" }, { schemas: [USER, ENTERPRISE], userName: "a" }],
  ["displayNameAsDisplay for members", ["microsoft-suite"], "Group", { schemas: [GROUP], displayName: "G", members: [{ value: "u1", displayName: "U" }] }, { schemas: [GROUP], displayName: "G", members: [{ value: "u1", display: "U" }] }],
];

describe("normalizeBody", () => {
  it.each(rows)("%s", (_name, profiles, type, input, want) => {
    const frozen = deepFreeze(structuredClone(input));
    const rt = type === "User" ? users : groups;
    expect(normalizeBody(frozen, rt, compatPolicy(profiles))).toEqual(want);
    expect(normalizeBody(frozen, rt, STRICT_COMPAT)).toBe(frozen);
  });

  it("returns the same object when nothing needs rewriting, and shares untouched values", () => {
    const body = deepFreeze({ userName: "a", name: { givenName: "G" }, emails: [{ value: "a@x" }], title: "" });
    const out = normalizeBody(body, users, compatPolicy(["onelogin"]));
    expect(out).not.toBe(body);
    expect(out.name).toBe(body.name);
    expect(out.emails).toBe(body.emails);
    const clean = deepFreeze({ userName: "a", name: { givenName: "G" } });
    expect(normalizeBody(clean, users, compatPolicy(["entra", "onelogin", "microsoft-suite"]))).toBe(clean);
  });

  it("leaves unknown and prototype keys to the validator (no pollution, no rename)", () => {
    const body = JSON.parse('{"userName":"a","__proto__":{"x":""},"constructor":"","title":""}') as Record<string, unknown>;
    const out = normalizeBody(body, users, compatPolicy(["onelogin"]));
    expect(Object.keys(out).sort()).toEqual(["__proto__", "constructor", "userName"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("normalizePatchBody", () => {
  it("renames displayName to display in members values, only with the switch", () => {
    const body = deepFreeze({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: [{ value: "u1", displayName: "U" }] }, { op: "replace", path: "displayName", value: "G" }] });
    const out = normalizePatchBody(body, groups, compatPolicy(["microsoft-suite"])) as typeof body;
    expect(out.Operations[0]!.value).toEqual([{ value: "u1", display: "U" }]);
    expect(out.Operations[1]).toBe(body.Operations[1]);
    expect(normalizePatchBody(body, groups, compatPolicy(["entra"]))).toBe(body);
  });
});

describe("coerceFilterLiterals", () => {
  const cases: [string, string[], string][] = [
    ['active eq "True"', ["entra"], "active eq true"],
    ['roles[primary eq "False"]', ["onelogin"], "roles[primary eq false]"],
    ['not (active eq "true") and userName eq "True"', ["entra"], 'not (active eq true) and userName eq "True"'],
    ['active eq "True"', ["okta"], 'active eq "True"'],
    ['active eq "yes"', ["entra"], 'active eq "yes"'],
  ];
  it.each(cases)("%s with %j → %s", (text, profiles, want) => {
    const f = canonicalizeFilter(parseFilter(text), users);
    expect(printFilter(coerceFilterLiterals(f, users, compatPolicy(profiles)))).toBe(want);
  });
});

describe("hostile sizes stay linear", () => {
  it("a 200,000-entry schemas array with a legacy URN and a 100,000-key member are quick", () => {
    const schemas = ["urn:scim:schemas:core:1.0", ...Array.from({ length: 200_000 }, (_, i) => `urn:x:${i}`)];
    const member: Record<string, unknown> = { value: "u1", displayName: "U" };
    for (let i = 0; i < 100_000; i++) member[`k${i}`] = "";
    const started = performance.now();
    const out = normalizeBody({ schemas, userName: "a" }, users, compatPolicy(["onelogin"]));
    const g = normalizeBody({ displayName: "G", members: [member] }, groups, compatPolicy(["microsoft-suite"]));
    expect(performance.now() - started).toBeLessThan(3_000); // generous: shared CI cores; quadratic would take minutes
    expect((out.schemas as string[])[0]).toBe(USER);
    expect((out.schemas as string[]).length).toBe(200_001);
    expect((g.members as Record<string, unknown>[])[0]).toEqual({ value: "u1", display: "U" });
  });
});
