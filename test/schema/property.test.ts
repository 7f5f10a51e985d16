import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/emit/index.js";
import { buildManifest } from "../../src/ir/build.js";
import { checkResourceType, type KnownSchema } from "../../src/schema/check-resource-type.js";
import { checkSchema, type JsonObject } from "../../src/schema/check-schema.js";
import { findSyntaxError, parseJson } from "../../src/schema/json.js";

// Arbitrary input never crashes the loader: any JSON value gets problems or a valid IR,
// and the JSON syntax scanner agrees with JSON.parse on which texts are valid.

const attribute = fc.record(
  {
    name: fc.oneof(fc.string(), fc.constantFrom("id", "a", "$ref", "__proto__"), fc.anything()),
    type: fc.oneof(fc.constantFrom("string", "complex", "reference", "integer", "nope"), fc.anything()),
    multiValued: fc.anything(),
    required: fc.oneof(fc.boolean(), fc.anything()),
    mutability: fc.oneof(fc.constantFrom("readOnly", "readWrite"), fc.anything()),
    canonicalValues: fc.anything(),
    referenceTypes: fc.anything(),
    subAttributes: fc.oneof(fc.array(fc.dictionary(fc.string(), fc.anything())), fc.anything()),
  },
  { requiredKeys: [] },
);
const schemaLike = fc.record(
  { id: fc.oneof(fc.constant("urn:a:b"), fc.anything()), name: fc.anything(), attributes: fc.oneof(fc.array(attribute, { maxLength: 5 }), fc.anything()) },
  { requiredKeys: [] },
);

describe("loader on arbitrary input", () => {
  it("checkSchema never throws, and what it accepts builds and generates", () => {
    fc.assert(
      fc.property(schemaLike, (raw) => {
        const problems = checkSchema(raw as JsonObject, "x.json");
        for (const p of problems) expect(p.pointer === "" || p.pointer.startsWith("/")).toBe(true);
        if (problems.length === 0) {
          const ir = buildManifest([raw as JsonObject], [{ name: "T", endpoint: "/T", schema: "urn:a:b" }]);
          expect(generate(ir, { runtimeImport: "x" }).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("checkResourceType never throws on any object", () => {
    const known = new Map<string, KnownSchema>([["urn:a:b", { id: "urn:a:b", file: "s.json", attributes: [{ name: "x" }] }]]);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("name", "endpoint", "schema", "schemaExtensions", "id", "x"), fc.anything()), (raw) => {
        expect(Array.isArray(checkResourceType(raw, "t.json", known))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("the syntax scanner flags exactly the texts JSON.parse rejects", () => {
    const texts = fc.oneof(fc.json(), fc.string(), fc.string({ unit: "binary" }), fc.json().map((j) => `${j}\u00a0`), fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))), fc.json().map((j) => j.replace(/[,:]/, "")));
    fc.assert(
      fc.property(texts, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(findSyntaxError(text) === undefined, text).toBe(valid);
        const r = parseJson(text, "f.json");
        expect("value" in r).toBe(valid);
      }),
      { numRuns: 1000 },
    );
  });
});
