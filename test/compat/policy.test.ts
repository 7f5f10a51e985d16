import { describe, expect, it } from "vitest";
import {
  compatPolicy,
  compatSelector,
  parseCompatList,
  policyFor,
  PROFILE_NAMES,
  PROFILES,
  STRICT_COMPAT,
  STRICT_SWITCHES,
  SWITCH_NAMES,
  type CompatSwitch,
} from "../../src/runtime/compat/index.js";

// The policy object: strict by default, profiles combine by union, unknown names are
// configuration errors, and each switch lands on the option of the module that owns it.

describe("CompatPolicy", () => {
  it("is strict with no profile: every switch off, no module options", () => {
    expect(STRICT_COMPAT.strict).toBe(true);
    expect(STRICT_COMPAT.patch).toBeUndefined();
    expect(STRICT_COMPAT.filter).toBeUndefined();
    expect(STRICT_COMPAT.validate).toEqual({});
    expect(Object.values(STRICT_SWITCHES).every((v) => v === false)).toBe(true);
    expect(compatPolicy([])).toBe(STRICT_COMPAT);
    expect(compatPolicy(["strict"]).strict).toBe(true);
  });

  it("knows the six providers and the Microsoft suite", () => {
    expect(PROFILE_NAMES).toEqual(expect.arrayContaining(["entra", "okta", "google", "onelogin", "ping", "jumpcloud", "microsoft-suite"]));
  });

  const expected: [string, CompatSwitch[]][] = [
    ["entra", ["patchOpCaseInsensitive", "booleanStrings", "removeByValue", "createOnNoMatch", "removeNoMatchIsNoop", "lenientFilters", "pathKeysInValue", "ignoreReadOnlyInValue", "stringAsComplexValue", "singleValueArrays", "unqualifiedExtensionPaths", "legacySchemaUrns", "relativeReferences", "ignoreUnknownAttributes", "emptyAsRemoval"]],
    ["microsoft-suite", ["patchOpCaseInsensitive", "booleanStrings", "removeByValue", "createOnNoMatch", "removeNoMatchIsNoop", "lenientFilters", "pathKeysInValue", "ignoreReadOnlyInValue", "stringAsComplexValue", "singleValueArrays", "unqualifiedExtensionPaths", "legacySchemaUrns", "relativeReferences", "ignoreUnknownAttributes", "emptyAsRemoval", "displayNameAsDisplay", "resourceTypesUserFirst", "keepUnknownMembers", "patchNoContent", "serviceConfigurationAlias"]],
    ["okta", ["ignoreReadOnlyInValue", "removeNoMatchIsNoop", "emptyAsRemoval"]],
    ["google", []],
    ["onelogin", ["legacySchemaUrns", "booleanStrings", "ignoreUnknownAttributes", "emptyAsRemoval", "singleAsList", "stringAsComplexValue", "lenientFilters"]],
    ["ping", []],
    ["jumpcloud", ["removeByValue", "removeNoMatchIsNoop"]],
  ];
  it.each(expected)("profile %s switches on exactly its tolerances", (name, on) => {
    const p = compatPolicy([name]);
    expect(SWITCH_NAMES.filter((k) => p.switches[k]).sort()).toEqual([...on].sort());
    expect(p.strict).toBe(on.length === 0);
  });

  it("only microsoft-suite answers PATCH with 204, serves /serviceConfiguration or keeps unknown members", () => {
    for (const name of PROFILE_NAMES.filter((n) => n !== "microsoft-suite")) {
      const s = compatPolicy([name]).switches;
      expect([name, s.patchNoContent, s.serviceConfigurationAlias, s.keepUnknownMembers]).toEqual([name, false, false, false]);
    }
  });

  it("combines profiles by union, order and case insensitive", () => {
    const both = compatPolicy(["okta", "JumpCloud"]);
    expect(both.profiles).toEqual(["okta", "jumpcloud"]);
    for (const k of SWITCH_NAMES) expect(both.switches[k]).toBe(Boolean(PROFILES.okta![k] || PROFILES.jumpcloud![k]));
    expect(compatPolicy(["jumpcloud", "okta"]).key).toBe(both.key);
  });

  it("maps switches onto the PATCH policy, validator and filter options", () => {
    const entra = compatPolicy(["entra"]);
    expect(entra.patch).toMatchObject({ opCaseInsensitive: true, removeByValue: true, createOnNoMatch: true, valueAsString: true, singleValueArrays: true, unqualifiedExtensionPaths: true, booleanStrings: true, emptyAsRemoval: true, filterOptions: { lenient: true } });
    expect(entra.validate).toEqual({ ignoreUnknownAttributes: true, coerceBooleanStrings: true });
    expect(entra.filter).toEqual({ lenient: true });
    const okta = compatPolicy(["okta"]);
    expect(okta.patch).toMatchObject({ opCaseInsensitive: false, ignoreReadOnlyInValue: true, pathKeysInValue: false });
    expect(okta.validate).toEqual({});
    expect(okta.filter).toBeUndefined();
  });

  it.each([["entra,nope"], ["__proto__"], ["constructor"], ["toString"]])("refuses unknown profile names (%s)", (text) => {
    expect(() => parseCompatList(text)).toThrow(/unknown profile/);
    expect(() => compatSelector(text.split(","))).toThrow(/unknown profile/);
  });

  it("parses the example's COMPAT variable", () => {
    expect(parseCompatList(" entra , Okta ,")).toEqual(["entra", "okta"]);
    expect(parseCompatList(undefined)).toEqual([]);
  });

  it("selects per tenant through a function; policyFor caches per list", () => {
    const perTenant = compatSelector((tenant) => (tenant === "acme" ? ["entra"] : []));
    expect(policyFor(perTenant("acme")).switches.patchOpCaseInsensitive).toBe(true);
    expect(policyFor(perTenant("globex"))).toBe(STRICT_COMPAT);
    const list = compatSelector(["okta"])("any");
    expect(policyFor(list)).toBe(policyFor(list));
  });

  it("is frozen: a handler cannot switch a tolerance on for everyone", () => {
    const p = compatPolicy(["okta"]);
    expect(Object.isFrozen(p) && Object.isFrozen(p.switches) && Object.isFrozen(STRICT_SWITCHES)).toBe(true);
  });
});
