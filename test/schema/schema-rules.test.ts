import { describe, expect, it } from "vitest";
import type { SchemaProblem } from "../../src/schema/index.js";
import { DEVICE_URN, deviceSchema, deviceType, loadTree } from "./helpers.js";

// One row per RFC 7643 rule the loader enforces on a schema document: the attribute list
// given, and the exact problem reported (file, JSON pointer, rule, message).

const str = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: "string", ...extra });
const complex = (name: string, subAttributes: unknown[], extra: Record<string, unknown> = {}) => ({ name, type: "complex", subAttributes, ...extra });

const rows: Array<[string, unknown[], Omit<SchemaProblem, "file">]> = [
  ["unknown attribute type", [str("serial", { type: "strin" })], {
    pointer: "/attributes/0/type", rule: "unknown-attribute-type",
    message: 'attribute "serial" has unknown type "strin"; expected one of string, boolean, decimal, integer, dateTime, binary, reference, complex (RFC 7643 §2.3)',
  }],
  ["duplicate attribute name, case-insensitive", [str("serial"), str("Serial")], {
    pointer: "/attributes/1/name", rule: "duplicate-attribute-name",
    message: 'attribute "Serial" duplicates /attributes/0 (names are case-insensitive, RFC 7643 §2.1)',
  }],
  ["duplicate sub-attribute name", [complex("owner", [str("value"), str("VALUE")])], {
    pointer: "/attributes/0/subAttributes/1/name", rule: "duplicate-attribute-name",
    message: 'attribute "VALUE" duplicates /attributes/0/subAttributes/0 (names are case-insensitive, RFC 7643 §2.1)',
  }],
  ["complex without subAttributes", [{ name: "owner", type: "complex" }], {
    pointer: "/attributes/0", rule: "complex-without-subattributes",
    message: 'complex attribute "owner" has no subAttributes (RFC 7643 §2.3.8)',
  }],
  ["complex with empty subAttributes", [complex("owner", [])], {
    pointer: "/attributes/0", rule: "complex-without-subattributes",
    message: 'complex attribute "owner" has no subAttributes (RFC 7643 §2.3.8)',
  }],
  ["complex nested in complex", [complex("owner", [complex("address", [str("city")])])], {
    pointer: "/attributes/0/subAttributes/0/type", rule: "complex-nested-in-complex",
    message: 'sub-attribute "address" is complex; a complex attribute MUST NOT contain sub-attributes that have sub-attributes (RFC 7643 §2.3.8)',
  }],
  ["reference without referenceTypes", [{ name: "owner", type: "reference" }], {
    pointer: "/attributes/0", rule: "reference-without-reference-types",
    message: 'reference attribute "owner" has no referenceTypes (RFC 7643 §7: REQUIRED for references)',
  }],
  ["canonicalValues on a non-string", [{ name: "level", type: "integer", canonicalValues: ["1", "2"] }], {
    pointer: "/attributes/0/canonicalValues", rule: "canonical-values-on-non-string",
    message: 'attribute "level" of type "integer" has canonicalValues; they apply to string attributes',
  }],
  ["id redefined", [str("id")], {
    pointer: "/attributes/0/name", rule: "reserved-attribute-name",
    message: 'attribute "id" redefines the common attribute "id" every resource has (RFC 7643 §3, §3.1)',
  }],
  ["meta redefined (any case)", [complex("Meta", [str("created")])], {
    pointer: "/attributes/0/name", rule: "reserved-attribute-name",
    message: 'attribute "Meta" redefines the common attribute "meta" every resource has (RFC 7643 §3, §3.1)',
  }],
  ["schemas redefined", [str("schemas", { multiValued: true })], {
    pointer: "/attributes/0/name", rule: "reserved-attribute-name",
    message: 'attribute "schemas" redefines the common attribute "schemas" every resource has (RFC 7643 §3, §3.1)',
  }],
  ["required and readOnly", [str("serial", { required: true, mutability: "readOnly" })], {
    pointer: "/attributes/0", rule: "required-read-only",
    message: 'attribute "serial" is required but readOnly: a client can never supply it (RFC 7643 §2.2)',
  }],
  ["unknown mutability", [str("serial", { mutability: "writeonly" })], {
    pointer: "/attributes/0/mutability", rule: "invalid-characteristic",
    message: 'attribute "serial": mutability "writeonly" is not one of readOnly, readWrite, immutable, writeOnly (RFC 7643 §2.2)',
  }],
  ["non-boolean multiValued", [str("serial", { multiValued: "yes" })], {
    pointer: "/attributes/0/multiValued", rule: "invalid-characteristic",
    message: 'attribute "serial": multiValued must be true or false',
  }],
  ["subAttributes on a string", [str("serial", { subAttributes: [str("x")] })], {
    pointer: "/attributes/0/subAttributes", rule: "subattributes-on-non-complex",
    message: 'attribute "serial" of type "string" has subAttributes; only complex attributes have them',
  }],
  ["missing name", [{ type: "string" }], {
    pointer: "/attributes/0/name", rule: "missing-attribute-name",
    message: 'attribute has no name (RFC 7643 §7 "name" is REQUIRED)',
  }],
  ["name of an Object.prototype member", [str("constructor")], {
    pointer: "/attributes/0/name", rule: "prototype-member-name",
    message: 'attribute name "constructor" is the name of an Object.prototype member (compared case-insensitively); it cannot be represented safely in JavaScript objects or TypeScript types, choose another name',
  }],
  ["name of an Object.prototype member, any case", [str("ToString")], {
    pointer: "/attributes/0/name", rule: "prototype-member-name",
    message: 'attribute name "ToString" is the name of an Object.prototype member (compared case-insensitively); it cannot be represented safely in JavaScript objects or TypeScript types, choose another name',
  }],
  ["attribute not an object", ["serial"], {
    pointer: "/attributes/0", rule: "invalid-field", message: "an attribute definition must be a JSON object",
  }],
];

describe("schema rules: each problem names file, JSON pointer and rule", () => {
  it.each(rows)("%s", (_, attributes, expected) => {
    const { problems, manifest } = loadTree({ "device.json": deviceSchema(attributes) });
    expect(problems).toEqual([{ file: "device.json", ...expected }]);
    expect(manifest).toBeUndefined();
  });

  it.each([
    ["not a URN", "Device"],
    ["missing NSS", "urn:acme:"],
    ["bad NID", "urn:-acme:x"],
    ["whitespace", "urn:acme:my schema"],
    ["not a string", 42],
  ])("invalid schema URN: %s", (_, id) => {
    const { problems } = loadTree({ "device.json": { id, attributes: [str("serial")] } });
    expect(problems).toEqual([{
      file: "device.json", pointer: "/id", rule: "invalid-schema-urn",
      message: `schema id ${JSON.stringify(id)} is not a URN (RFC 7643 §7, RFC 8141: "urn:<nid>:<nss>")`,
    }]);
  });

  it("reports every problem at once, across files, sorted by file and pointer", () => {
    const { problems } = loadTree({
      "b.json": deviceSchema([str("id"), { name: "x", type: "complex" }]),
      "a.json": { id: "nope", attributes: [{ name: "y", type: "reference" }] },
    });
    expect(problems.map((p) => `${p.file}#${p.pointer} ${p.rule}`)).toEqual([
      "a.json#/attributes/0 reference-without-reference-types",
      "a.json#/id invalid-schema-urn",
      "b.json#/attributes/0/name reserved-attribute-name",
      "b.json#/attributes/1 complex-without-subattributes",
    ]);
  });

  it("accepts a valid custom schema and builds the IR with declared case and defaults", () => {
    const { problems, manifest } = loadTree({
      "device.json": deviceSchema([str("serialNumber", { required: true }), complex("owner", [str("value"), { name: "$ref", type: "reference", referenceTypes: ["User"] }])]),
      "device-type.json": deviceType(),
    });
    expect(problems).toEqual([]);
    const schema = manifest?.schemas.find((s) => s.id === DEVICE_URN);
    expect(schema?.attributes[0]).toEqual({
      name: "serialNumber", type: "string", multiValued: false, required: true, caseExact: false,
      mutability: "readWrite", returned: "default", uniqueness: "none",
    });
    expect(schema?.attributes[1]?.subAttributes?.map((a) => a.name)).toEqual(["value", "$ref"]);
  });
});
