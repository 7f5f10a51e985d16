import { describe, expect, it } from "vitest";
import { patchResource } from "../../src/runtime/patch/index.js";
import { ENT, group, groups, GROUP, patch, scimError, user, USER, users, validateGroup, validateUser } from "./fixtures.js";

// A no-path add/replace value is a set of attributes (RFC 7644 §3.5.2.1, §3.5.2.3). Its
// `schemas` is not applied (the result's is rebuilt from the extensions present), but it
// is checked as a POST body's is (RFC 7643 §3): the resource type's own URNs in any case
// pass, as Entra and Okta send them; another schema's URN or a malformed `schemas` is 400
// invalidValue naming it, and the stored resource is not changed.

const ADSCIM = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

describe("no-path value schemas that are not the resource type's", () => {
  const refused: [string, "add" | "replace", unknown, string][] = [
    ["an unknown URN", "replace", ["urn:bogus"], `'schemas[0]' "urn:bogus" is not a schema of resource type User`],
    ["an unknown URN after the core one", "add", [USER, "urn:bogus"], `'schemas[1]' "urn:bogus" is not a schema of resource type User`],
    ["another resource type's core URN", "replace", [GROUP], `'schemas[0]' "${GROUP}" is not a schema of resource type User`],
    ["a string instead of an array", "replace", USER, "'schemas' must be an array of schema URNs, got a string"],
    ["null", "add", null, "'schemas' must be an array of schema URNs, got null"],
    ["an object", "replace", { urn: USER }, "'schemas' must be an array of schema URNs"],
    ["a number in the array", "replace", [USER, 7], "'schemas[1]' must be a schema URN string, got a number"],
  ];
  it.each(refused)("%s → 400 invalidValue, nothing changed", (_case, op, schemas, detail) => {
    const stored = user();
    const before = JSON.stringify(stored);
    const e = scimError(() => patchResource(stored, patch({ op, value: { schemas, displayName: "New" } }), users, validateUser));
    expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
    expect(e.detail).toContain(detail);
    expect(JSON.stringify(stored)).toBe(before);
  });

  it("spelled in another case, the member is still checked", () => {
    const e = scimError(() => patchResource(user(), patch({ op: "replace", value: { Schemas: ["urn:bogus"], displayName: "New" } }), users, validateUser));
    expect(e.detail).toContain('"urn:bogus" is not a schema of resource type User');
  });

  it("under ignoreUnknownAttributes an unknown URN passes, as in a POST body (Entra's ADSCIM group URN)", () => {
    const out = patchResource(group(), patch({ op: "replace", value: { schemas: [GROUP, ADSCIM], displayName: "Ops" } }), groups, validateGroup, { policy: { ignoreUnknownAttributes: true } });
    expect(out.displayName).toBe("Ops");
    expect(out.schemas).toEqual([GROUP]);
  });
});

describe("no-path value schemas naming the resource type's own URNs", () => {
  const accepted: [string, unknown][] = [
    ["the core URN", [USER]],
    ["core and extension", [USER, ENT]],
    ["the extension alone", [ENT]],
    ["other case", [USER.toUpperCase(), ENT.toLowerCase()]],
    ["empty", []],
  ];
  it.each(accepted)("%s: accepted and not applied", (_case, schemas) => {
    const out = patchResource(user(), patch({ op: "replace", value: { schemas, displayName: "New" } }), users, validateUser);
    expect(out.displayName).toBe("New");
    expect(out.schemas).toEqual([USER, ENT]);
  });
});
