import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import type { ValidateOptions } from "../../src/runtime/resource/validator.js";
import { validateGroup, validateUser } from "../support/generated/core-validators.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const create: ValidateOptions = { mode: "create" };

function fails(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error("expected a ScimError");
}

describe("canonical attribute-name case (RFC 7643 §2.1)", () => {
  it.each([
    ["top level", { UserName: "bjensen" }, { userName: "bjensen" }],
    ["sub-attributes", { userName: "b", Name: { FamilyName: "Jensen", GIVENNAME: "Barbara" } }, { userName: "b", name: { familyName: "Jensen", givenName: "Barbara" } }],
    ["multi-valued elements", { userName: "b", EMAILS: [{ Value: "b@x.org", TYPE: "work" }] }, { userName: "b", emails: [{ value: "b@x.org", type: "work" }] }],
    ["extension URN key", { userName: "b", [ENT.toUpperCase()]: { EmployeeNumber: "7" } }, { userName: "b", [ENT]: { employeeNumber: "7" } }],
  ])("%s", (_, body, expected) => {
    const out = validateUser({ schemas: [USER, ENT], ...body }, create);
    const schemas = ENT in expected ? [USER, ENT] : [USER];
    expect(out).toEqual({ schemas, ...expected });
  });
});

describe("types (RFC 7643 §2.3)", () => {
  it.each([
    ["string", { userName: 5 }, "userName", "must be a string"],
    ["boolean", { userName: "b", active: "true" }, "active", "must be a boolean"],
    ["complex", { userName: "b", name: "Babs" }, "name", "must be a complex value"],
    ["multiValued shape", { userName: "b", emails: { value: "x" } }, "emails", "must be an array"],
    ["element type", { userName: "b", emails: ["x"] }, "emails[0]", "must be a complex value"],
    ["binary", { userName: "b", x509Certificates: [{ value: "not base64!" }] }, "x509Certificates[0].value", "base64"],
    ["external reference", { userName: "b", profileUrl: "not a uri" }, "profileUrl", "absolute URI"],
    ["sub-attribute", { userName: "b", name: { givenName: 1 } }, "name.givenName", "must be a string"],
    ["extension attribute", { userName: "b", [ENT]: { employeeNumber: 1 } }, `${ENT}:employeeNumber`, "must be a string"],
    ["unknown attribute", { userName: "b", shoeSize: 42 }, "shoeSize", "not a defined attribute"],
    ["unknown sub-attribute", { userName: "b", name: { nick: "x" } }, "name.nick", "not a defined attribute"],
    ["two primaries", { userName: "b", emails: [{ value: "a", primary: true }, { value: "b", primary: true }] }, "emails", "more than one value with primary true"],
    ["required", { displayName: "x" }, "userName", "is required"],
  ])("%s → 400 invalidValue naming %s", (_, body, path, message) => {
    const e = fails(() => validateUser({ schemas: [USER, ENT], ...body }, create));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe("invalidValue");
    expect(e.detail).toContain(`'${path}'`);
    expect(e.detail).toContain(message);
  });

  it("reports several errors together, bounded", () => {
    const e = fails(() => validateUser({ schemas: [USER], userName: 1, active: "x", title: 2 }, create));
    expect(e.detail).toMatch(/^3 errors: /);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`bad${i}`, i]));
    const e2 = fails(() => validateUser({ schemas: [USER], userName: "b", ...many }, create));
    expect(e2.detail).toMatch(/^50 errors: .*and 40 more$/);
  });
});

describe("mutability (RFC 7644 §3.3, §3.5.1)", () => {
  it("drops readOnly input on create", () => {
    const out = validateUser({ schemas: [USER], id: "mine", meta: { version: "x" }, userName: "b", groups: [{ value: "g" }] }, create);
    expect(out).toEqual({ schemas: [USER], userName: "b" });
  });

  it("keeps stored readOnly values on replace", () => {
    const existing = { schemas: [USER], id: "42", userName: "a", groups: [{ value: "g" }] };
    const out = validateUser({ schemas: [USER], id: "other", userName: "b" }, { mode: "replace", existing });
    expect(out).toEqual({ schemas: [USER], id: "42", userName: "b", groups: [{ value: "g" }] });
  });

  it("stores writeOnly values", () => {
    expect(validateUser({ schemas: [USER], userName: "b", password: "s3cret" }, create).password).toBe("s3cret");
  });
});

describe("groups", () => {
  it("accepts RFC members", () => {
    const body = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Tour Guides", members: [{ value: "2819c223", $ref: "https://example.com/v2/Users/2819c223", display: "Babs" }] };
    expect(validateGroup(body, create)).toEqual(body);
  });
});
