import { describe, expect, it } from "vitest";
import { applyPatch, type PatchPolicy } from "../../src/runtime/patch/index.js";
import { coreIndex } from "../support/core-manifest.js";

// PatchPolicy.booleanStrings reaches literals inside PATCH path filters (a narrow fix in
// src/runtime/patch/target.ts found by replaying the Microsoft validator capture:
// `replace roles[primary eq "True"].display`). Strict: the RFC's invalidFilter.

const index = coreIndex().resourceType("User")!;
const stored = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id: "u1", userName: "u", roles: [{ value: "admin", primary: true }, { value: "dev" }] };
const op = (path: string) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path, value: "Admin" }] });

const cases: [string, string, PatchPolicy | undefined, { display?: string; error?: string }][] = [
  ["strict: \"True\" literal", 'roles[primary eq "True"].display', undefined, { error: "invalidFilter" }],
  ["strict: true literal", "roles[primary eq true].display", undefined, { display: "Admin" }],
  ["booleanStrings: \"True\"", 'roles[primary eq "True"].display', { booleanStrings: true }, { display: "Admin" }],
  ["booleanStrings: \"true\"", 'roles[primary eq "true"].display', { booleanStrings: true }, { display: "Admin" }],
  ["booleanStrings: \"yes\" stays an error", 'roles[primary eq "yes"].display', { booleanStrings: true }, { error: "invalidFilter" }],
];

describe("boolean string literals in PATCH path filters", () => {
  it.each(cases)("%s", (_name, path, policy, want) => {
    const run = () => applyPatch(stored, op(path), index, policy);
    if (want.error) {
      expect(run).toThrow(expect.objectContaining({ scimType: want.error }));
      return;
    }
    const out = run() as { roles: { value: string; display?: string }[] };
    expect(out.roles.find((r) => r.value === "admin")?.display).toBe(want.display);
    expect(out.roles.find((r) => r.value === "dev")?.display).toBeUndefined();
  });

  it("strict and tolerant parses of the same path never share a cache entry", () => {
    expect(() => applyPatch(stored, op('roles[primary eq "True"].display'), index, { booleanStrings: true })).not.toThrow();
    expect(() => applyPatch(stored, op('roles[primary eq "True"].display'), index)).toThrow(expect.objectContaining({ scimType: "invalidFilter" }));
  });
});
