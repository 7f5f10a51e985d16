import { describe, expect, it } from "vitest";
import { emitModels } from "../../src/emit/models/index.js";
import type { AttributeModel } from "../../src/runtime/manifest/model.js";
import { attr, deviceIr, interfaceBody, members, syntaxErrors } from "./support.js";

// How each attribute characteristic shapes the three object types of a resource:
// as returned (Device), POST input (DeviceCreateInput), PUT input (DeviceReplaceInput).

const models = (attributes: AttributeModel[]): string => emitModels(deviceIr(attributes), { runtimeImport: "scim-gen/runtime" })[0]!.contents;
const member = (source: string, type: string, name: string): string | undefined =>
  members(interfaceBody(source, type)).find((l) => l.startsWith(`${name}?:`) || l.startsWith(`${name}:`));

describe("models.ts: characteristics -> types", () => {
  it.each<[string, Partial<AttributeModel>, string | undefined, string | undefined]>([
    ["plain optional string", {}, "serial?: string;", "serial?: string;"],
    ["required", { required: true }, "serial: string;", "serial: string;"],
    ["returned always", { returned: "always" }, "serial: string;", "serial?: string;"],
    ["required but returned on request only", { required: true, returned: "request" }, "serial?: string;", "serial: string;"],
    ["readOnly: not in the input", { mutability: "readOnly" }, "serial?: string;", undefined],
    ["writeOnly, returned never: only in the input", { mutability: "writeOnly", returned: "never" }, undefined, "serial?: string;"],
    ["immutable: in both", { mutability: "immutable" }, "serial?: string;", "serial?: string;"],
    ["multi-valued", { multiValued: true }, "serial?: string[];", "serial?: string[];"],
    ["canonical values stay open", { canonicalValues: ["a", "b"] }, 'serial?: "a" | "b" | (string & {});', 'serial?: "a" | "b" | (string & {});'],
    ["multi-valued canonical", { multiValued: true, canonicalValues: ["a"] }, 'serial?: Array<"a" | (string & {})>;', 'serial?: Array<"a" | (string & {})>;'],
    ["boolean", { type: "boolean" }, "serial?: boolean;", "serial?: boolean;"],
    ["integer", { type: "integer" }, "serial?: number;", "serial?: number;"],
    ["decimal", { type: "decimal" }, "serial?: number;", "serial?: number;"],
    ["dateTime", { type: "dateTime" }, "serial?: string;", "serial?: string;"],
    ["reference", { type: "reference", referenceTypes: ["User"] }, "serial?: string;", "serial?: string;"],
  ])("%s", (_, extra, returned, input) => {
    const source = models([attr("serial", extra)]);
    expect(member(source, "Device", "serial")).toBe(returned);
    expect(member(source, "DeviceCreateInput", "serial")).toBe(input);
    expect(member(source, "DeviceReplaceInput", "serial")).toBe(input);
  });

  it("common attributes: id and meta only as returned, externalId in both, replace may carry id", () => {
    const source = models([attr("serial")]);
    expect(members(interfaceBody(source, "Device")).slice(0, 4)).toEqual([
      'schemas: "urn:example:params:scim:schemas:core:2.0:Device"[];', "id: string;", "externalId?: string;", "meta?: ScimMeta;",
    ]);
    expect(members(interfaceBody(source, "DeviceCreateInput")).slice(0, 2)).toEqual(['schemas: "urn:example:params:scim:schemas:core:2.0:Device"[];', "externalId?: string;"]);
    expect(members(interfaceBody(source, "DeviceReplaceInput")).slice(0, 3)).toEqual(['schemas: "urn:example:params:scim:schemas:core:2.0:Device"[];', "id?: string;", "externalId?: string;"]);
  });

  it("a complex attribute with readOnly sub-attributes gets a separate input type", () => {
    const owner = attr("owner", { type: "complex", subAttributes: [attr("value"), attr("display", { mutability: "readOnly" })] });
    const source = models([owner]);
    expect(member(source, "Device", "owner")).toBe("owner?: DeviceOwner;");
    expect(member(source, "DeviceCreateInput", "owner")).toBe("owner?: DeviceOwnerInput;");
    expect(members(interfaceBody(source, "DeviceOwner"))).toEqual(["value?: string;", "display?: string;"]);
    expect(members(interfaceBody(source, "DeviceOwnerInput"))).toEqual(["value?: string;"]);
  });

  it("multi-valued complex: item type named in the singular, a valuePath entry and PATCH path forms", () => {
    const ports = attr("ports", { type: "complex", multiValued: true, subAttributes: [attr("value"), attr("type")] });
    const source = models([ports]);
    expect(member(source, "Device", "ports")).toBe("ports?: DevicePort[];");
    expect(source).toContain('export type DeviceValuePaths = {\n  readonly ports: "value" | "type";\n};');
    expect(source).toContain("| `ports[${string}]`\n  | `ports[${string}].${DeviceValuePaths[\"ports\"]}`;");
    expect(source).toContain('| "ports"\n  | "ports.value"\n  | "ports.type";');
  });

  it("without multi-valued complex attributes the valuePath map is empty", () => {
    expect(models([attr("serial")])).toContain("export type DeviceValuePaths = Record<never, string>;");
  });

  it("descriptions become JSDoc with the characteristics", () => {
    const source = models([attr("serial", { description: "Serial number.", required: true, uniqueness: "server", caseExact: true })]);
    expect(interfaceBody(source, "Device")).toContain("  /**\n   * Serial number.\n   *\n   * required · readWrite · returned default · unique (server) · caseExact\n   */\n  serial: string;");
  });

  it("the output is syntactically valid TypeScript", () => {
    expect(syntaxErrors(models([attr("serial"), attr("ports", { type: "complex", multiValued: true, subAttributes: [attr("value")] })]))).toEqual([]);
  });
});
