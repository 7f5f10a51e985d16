import { describe, expect, it } from "vitest";
import { generate } from "../../src/emit/index.js";
import { buildJsonSchema } from "../../src/emit/schema-json/index.js";
import { loadTree, deviceSchema, deviceType } from "../schema/helpers.js";
import { attr, declaredVariables, deviceIr, interfaceBody, syntaxErrors } from "./support.js";

// The hostile attribute names: each is either emitted as valid, safe (quoted
// where needed) TypeScript or refused by the loader with a clear rule; never broken
// TypeScript, never a prototype-polluting object inside the generator.

const rows: Array<[string, { key: string } | { refused: string }]> = [
  ["__proto__", { refused: "invalid-attribute-name" }],
  ["constructor", { refused: "prototype-member-name" }],
  ["default", { key: "default?: string;" }],
  ["class", { key: "class?: string;" }],
  ["x-foo", { key: '"x-foo"?: string;' }],
  ["2fa", { refused: "invalid-attribute-name" }],
];

describe("hostile attribute names", () => {
  it.each(rows)("%s", (name, expected) => {
    const { problems, manifest } = loadTree({ "d.json": deviceSchema([{ name }]), "t.json": deviceType() });
    if ("refused" in expected) {
      expect(problems.map((p) => [p.pointer, p.rule])).toEqual([["/attributes/0/name", expected.refused]]);
      return;
    }
    expect(problems).toEqual([]);
    const files = generate(manifest!, { runtimeImport: "scim-gen/runtime" });
    for (const f of files.filter((x) => x.path.endsWith(".ts"))) expect(syntaxErrors(f.contents), f.path).toEqual([]);
    const models = files.find((f) => f.path === "models.ts")!.contents;
    expect(interfaceBody(models, "Device")).toContain(`  ${expected.key}\n`);
    expect(models).toContain(`| ${JSON.stringify(name)}`);
  });

  it("even an unchecked IR with __proto__ / constructor names yields valid TS and no polluted objects", () => {
    const ir = deviceIr([attr("__proto__"), attr("constructor"), attr("toString", { type: "complex", subAttributes: [attr("__proto__")] })]);
    const files = generate(ir, { runtimeImport: "scim-gen/runtime" });
    for (const f of files.filter((x) => x.path.endsWith(".ts"))) expect(syntaxErrors(f.contents), f.path).toEqual([]);
    const body = interfaceBody(files.find((f) => f.path === "models.ts")!.contents, "Device");
    expect(body).toContain('  "__proto__"?: string;\n');
    expect(body).toContain('  "constructor"?: string;\n');
    const defs = buildJsonSchema(ir).$defs as Record<string, { properties: Record<string, unknown> }>;
    const props = defs.Device!.properties;
    expect(Object.keys(props)).toContain("__proto__");
    expect(Object.getPrototypeOf(props)).toBeNull();
    expect(({} as Record<string, unknown>).type).toBeUndefined();
    expect(JSON.parse(files.find((f) => f.path === "schema.json")!.contents).$defs.Device.properties).toHaveProperty(["__proto__"]);
  });

  it("hostile descriptions and canonical values cannot break out of comments or strings in any emitted file", () => {
    const evil = "*/ export const pwned = 1; /* ` ${x} \\ \" ' \u2028 </script>";
    const { problems, manifest } = loadTree({
      "d.json": { ...deviceSchema([{ name: "serial", description: evil, canonicalValues: [evil, "`${1}`"] }]), description: evil, name: evil },
      "t.json": deviceType({ description: evil }),
    });
    expect(problems).toEqual([]);
    for (const framework of [undefined, "express", "fastify", "hono", "node"] as const) {
      const files = generate(manifest!, { runtimeImport: "scim-gen/runtime", ...(framework ? { framework } : {}) });
      for (const f of files.filter((x) => x.path.endsWith(".ts"))) {
        expect(syntaxErrors(f.contents), `${framework}: ${f.path}`).toEqual([]);
        expect(declaredVariables(f.contents), `${framework}: ${f.path}`).not.toContain("pwned");
      }
    }
  });
});
