import { describe, expect, it } from "vitest";
import { buildAttribute, buildResourceType, buildSchema } from "../../src/ir/build.js";
import { ManifestIndex } from "../../src/runtime/manifest/resolve.js";
import { loadTree } from "./helpers.js";

// RFC 7643 §2.2 defaults applied when the IR is built; names keep their declared case
// while look-ups through the index are case-insensitive.

describe("IR: RFC 7643 §2.2 defaults", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["nothing but a name", { name: "a" }, { type: "string", multiValued: false, required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none" }],
    ["explicit characteristics kept", { name: "a", type: "integer", multiValued: true, required: true, caseExact: true, mutability: "immutable", returned: "always", uniqueness: "global" }, { type: "integer", multiValued: true, required: true, caseExact: true, mutability: "immutable", returned: "always", uniqueness: "global" }],
    ["empty canonicalValues dropped", { name: "a", canonicalValues: [] }, { canonicalValues: undefined }],
    ["subAttributes only on complex", { name: "a", type: "string", subAttributes: [{ name: "b" }] }, { subAttributes: undefined }],
  ])("%s", (_, raw, expected) => {
    const attr = buildAttribute(raw) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected)) expect(attr[k], k).toEqual(v);
  });

  it("builds only known keys: unknown and __proto__ keys in raw JSON are not copied", () => {
    const raw = JSON.parse('{"name": "a", "__proto__": {"type": "complex"}, "x-vendor": 1}');
    const attr = buildAttribute(raw);
    expect(Object.keys(attr).sort()).toEqual(["caseExact", "multiValued", "mutability", "name", "required", "returned", "type", "uniqueness"]);
    expect(Object.getPrototypeOf(attr)).toBe(Object.prototype);
    expect(buildSchema({ id: "urn:a:b", attributes: [] })).toEqual({ id: "urn:a:b", name: "", attributes: [] });
  });

  it("resource type id defaults to its name, extensions default to optional", () => {
    expect(buildResourceType({ name: "Device", endpoint: "/Devices", schema: "urn:a:b", schemaExtensions: [{ schema: "urn:a:c" }] })).toEqual({
      id: "Device", name: "Device", endpoint: "/Devices", schema: "urn:a:b", schemaExtensions: [{ schema: "urn:a:c", required: false }],
    });
  });

  it("declared case is kept; the index resolves any case, including URN-prefixed extension paths", () => {
    const { manifest } = loadTree({}, ["User", "Group", "EnterpriseUser"], []);
    const user = new ManifestIndex(manifest!).resourceType("User")!;
    expect(user.resolve("USERNAME")?.path).toBe("userName");
    expect(user.resolve("name.GIVENNAME")?.path).toBe("name.givenName");
    expect(user.resolve("urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:Manager.Value")?.path).toBe("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value");
  });
});
