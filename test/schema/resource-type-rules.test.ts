import { describe, expect, it } from "vitest";
import type { SchemaProblem } from "../../src/schema/index.js";
import { DEVICE_URN, deviceSchema, deviceType, loadTree } from "./helpers.js";

// RFC 7643 §6 rules on resource type documents, checked against the loaded schemas.

const EXT_A = "urn:acme:params:scim:schemas:extension:2.0:DeviceA";
const EXT_B = "urn:acme:params:scim:schemas:extension:2.0:DeviceB";
const ext = (id: string, names: string[]) => ({ id, name: id.split(":").pop(), attributes: names.map((name) => ({ name, type: "string" })) });
const schemas = { "device.json": deviceSchema([{ name: "serial" }]), "a.json": ext(EXT_A, ["color"]), "b.json": ext(EXT_B, ["Color", "size"]) };

const rows: Array<[string, Record<string, unknown>, Omit<SchemaProblem, "file">]> = [
  ["missing schema", { schema: "urn:acme:params:scim:schemas:core:2.0:Gadget" }, {
    pointer: "/schema", rule: "unknown-schema",
    message: 'resource type names schema "urn:acme:params:scim:schemas:core:2.0:Gadget", which no input defines',
  }],
  ["missing extension", { schemaExtensions: [{ schema: "urn:acme:params:scim:schemas:extension:2.0:Nope", required: false }] }, {
    pointer: "/schemaExtensions/0/schema", rule: "unknown-extension",
    message: 'schema extension "urn:acme:params:scim:schemas:extension:2.0:Nope" is not defined by any input',
  }],
  ["two extensions define one attribute name", { schemaExtensions: [{ schema: EXT_A, required: false }, { schema: EXT_B, required: false }] }, {
    pointer: "/schemaExtensions/1/schema", rule: "duplicate-extension-attribute",
    message: `extensions "${EXT_A}" and "${EXT_B}" both define attribute "Color"; unprefixed paths would be ambiguous`,
  }],
  ["extension listed twice", { schemaExtensions: [{ schema: EXT_A }, { schema: EXT_A }] }, {
    pointer: "/schemaExtensions/1/schema", rule: "duplicate-extension",
    message: `schema "${EXT_A}" is already the core schema or listed as an extension`,
  }],
  ["core schema listed as extension", { schemaExtensions: [{ schema: DEVICE_URN }] }, {
    pointer: "/schemaExtensions/0/schema", rule: "duplicate-extension",
    message: `schema "${DEVICE_URN}" is already the core schema or listed as an extension`,
  }],
  ["missing endpoint", { endpoint: undefined, schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"] }, {
    pointer: "/endpoint", rule: "missing-resource-type-field", message: "resource type has no endpoint (RFC 7643 §6: REQUIRED string)",
  }],
  ["endpoint with a nested path", { endpoint: "/a/b" }, {
    pointer: "/endpoint", rule: "invalid-endpoint",
    message: 'endpoint "/a/b" must be one relative path segment such as "/Users" (RFC 7643 §6)',
  }],
  ["schemaExtensions not a list", { schemaExtensions: { schema: EXT_A } }, {
    pointer: "/schemaExtensions", rule: "invalid-field", message: "schemaExtensions must be an array of { schema, required } (RFC 7643 §6)",
  }],
  // Looked up by name in plain objects at run time: "constructor" found Object's own (a 500).
  ...["constructor", "ToString", "hasOwnProperty"].map((name): [string, Record<string, unknown>, Omit<SchemaProblem, "file">] => [`named ${name}`, { name, endpoint: "/Things" }, {
    pointer: "/name", rule: "prototype-member-name",
    message: `resource type name "${name}" is the name of an Object.prototype member (compared case-insensitively); it cannot be looked up safely, choose another name`,
  }]),
];

describe("resource type rules", () => {
  it.each(rows)("%s", (_, extra, expected) => {
    const { problems } = loadTree({ ...schemas, "device-type.json": deviceType(extra) });
    expect(problems).toEqual([{ file: "device-type.json", ...expected }]);
  });

  it("two user resource types with one name", () => {
    const { problems } = loadTree({ ...schemas, "t1.json": deviceType(), "t2.json": deviceType({ endpoint: "/Gadgets" }) });
    expect(problems).toEqual([{ file: "t2.json", pointer: "/name", rule: "duplicate-resource-type", message: 'resource type "Device" is also defined in t1.json' }]);
  });

  it.each([
    ["My-Device", "MyDevice"],
    ["my_device", "MyDevice"],
    ["DEVICE", "Device"],
  ])("%s and %s clash: generated names drop case and separators", (first, second) => {
    const { problems } = loadTree({ ...schemas, "t1.json": deviceType({ name: first }), "t2.json": deviceType({ name: second, endpoint: "/Gadgets" }) });
    expect(problems).toEqual([{ file: "t2.json", pointer: "/name", rule: "duplicate-resource-type", message: `resource type "${second}" clashes with "${first}" (names are compared ignoring case, "-" and "_", as generated names are) in t1.json` }]);
  });

  it("one extension defining a name twice is that schema's problem only", () => {
    const twice = { ...schemas, "a.json": ext(EXT_A, ["foo", "Foo"]) };
    const { problems } = loadTree({ ...twice, "device-type.json": deviceType({ schemaExtensions: [{ schema: EXT_A, required: false }] }) });
    expect(problems.map((p) => p.rule)).toEqual(["duplicate-attribute-name"]);
  });

  it("an upper-case URN scheme is a URN (RFC 8141 §3.1)", () => {
    const upper = "URN:acme:params:scim:schemas:extension:2.0:Upper";
    const { problems, manifest } = loadTree({ ...schemas, "u.json": ext(upper, ["shade"]), "device-type.json": deviceType({ schemaExtensions: [{ schema: upper, required: false }] }) });
    expect(problems).toEqual([]);
    expect(manifest?.resourceTypes.find((r) => r.name === "Device")?.schemaExtensions).toEqual([{ schema: upper, required: false }]);
  });

  it("a user resource type replaces the built-in one of the same name", () => {
    const user = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], name: "User", endpoint: "/Users", schema: "urn:ietf:params:scim:schemas:core:2.0:User", schemaExtensions: [{ schema: EXT_A, required: true }] };
    const { problems, manifest } = loadTree({ "a.json": ext(EXT_A, ["color"]), "user.json": user }, ["User", "Group", "EnterpriseUser"]);
    expect(problems).toEqual([]);
    expect(manifest?.resourceTypes.map((r) => [r.name, r.schemaExtensions])).toEqual([
      ["Group", []],
      ["User", [{ schema: EXT_A, required: true }]],
    ]);
  });

  it("core without EnterpriseUser drops the enterprise extension from the built-in User", () => {
    const { manifest } = loadTree({}, ["User", "Group"], []);
    expect(manifest?.resourceTypes.find((r) => r.name === "User")?.schemaExtensions).toEqual([]);
    expect(manifest?.schemas.map((s) => s.id)).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"]);
  });

  it("two schemas with one id (case-insensitive), one naming the other's file", () => {
    const { problems } = loadTree({ "x.json": deviceSchema([{ name: "a" }]), "y.json": { ...deviceSchema([{ name: "b" }]), id: DEVICE_URN.toUpperCase().replace("URN:", "urn:") } });
    expect(problems).toEqual([{ file: "y.json", pointer: "/id", rule: "duplicate-schema-id", message: `schema "${DEVICE_URN.toUpperCase().replace("URN:", "urn:")}" is also defined in x.json` }]);
  });

  it("a user schema with a built-in id is a duplicate", () => {
    const { problems } = loadTree({ "u.json": { id: "urn:ietf:params:scim:schemas:core:2.0:User", attributes: [{ name: "userName" }] } }, ["User"]);
    expect(problems.map((p) => [p.file, p.rule])).toEqual([["u.json", "duplicate-schema-id"]]);
  });
});
