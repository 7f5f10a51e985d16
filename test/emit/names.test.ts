import { describe, expect, it } from "vitest";
import { jsdoc, NameAllocator, pascal, propertyKey, singular } from "../../src/emit/models/names.js";

describe("TypeScript names from SCIM names", () => {
  it.each([
    ["userName", "userName"],
    ["$ref", "$ref"],
    ["default", "default"],
    ["class", "class"],
    ["x-foo", '"x-foo"'],
    ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", '"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"'],
    ["constructor", '"constructor"'],
    ["__proto__", '"__proto__"'],
    ['we"ird', '"we\\"ird"'],
  ])("property key %s -> %s", (name, key) => expect(propertyKey(name)).toBe(key));

  it.each([
    ["x509Certificates", "X509Certificates"],
    ["x-foo", "XFoo"],
    ["$ref", "Ref"],
    ["2fa", "T2fa"],
    ["", "Type"],
  ])("type name %s -> %s", (name, type) => expect(pascal(name)).toBe(type));

  it.each([
    ["emails", "email"],
    ["addresses", "address"],
    ["entitlements", "entitlement"],
    ["x509Certificates", "x509Certificate"],
    ["ims", "im"],
    ["policies", "policy"],
    ["status", "status"],
    ["analysis", "analysis"],
  ])("item type of %s is %s", (plural, one) => expect(singular(plural)).toBe(one));

  it("allocates unique names in request order, case-insensitively, around reserved ones", () => {
    const names = new NameAllocator(["Filter"]);
    expect([names.take("User"), names.take("user"), names.take("User"), names.take("Filter")]).toEqual(["User", "user2", "User3", "Filter2"]);
  });

  it("a description cannot end the JSDoc comment early", () => {
    expect(jsdoc(["evil */ export const x = 1; /*"])).toBe("/**\n * evil *\\/ export const x = 1; /*\n */\n");
    expect(jsdoc([undefined, ""])).toBe("");
  });
});
