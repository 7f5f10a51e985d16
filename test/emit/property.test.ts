import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/emit/index.js";
import { buildManifest } from "../../src/ir/build.js";
import { checkSchema } from "../../src/schema/check-schema.js";
import { syntaxErrors } from "./support.js";

// For any schema the loader accepts (random names, types, characteristics, and arbitrary
// Unicode in descriptions and canonical values), every emitted TypeScript file parses and
// schema.json is valid JSON; generating twice gives the same bytes.

const URN = "urn:example:params:scim:schemas:core:2.0:Thing";
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,12}$/);
const text = fc.string({ unit: "binary", maxLength: 40 });
const scalarType = fc.constantFrom("string", "boolean", "decimal", "integer", "dateTime", "binary", "reference");
const characteristics = fc.record({
  multiValued: fc.boolean(),
  required: fc.boolean(),
  caseExact: fc.boolean(),
  mutability: fc.constantFrom("readOnly", "readWrite", "immutable", "writeOnly"),
  returned: fc.constantFrom("always", "never", "default", "request"),
  uniqueness: fc.constantFrom("none", "server", "global"),
  description: text,
});
const scalar = fc.tuple(name, scalarType, characteristics, fc.array(text, { maxLength: 3 })).map(([n, type, c, canonical]) => ({
  name: n, type, ...c,
  ...(type === "string" && canonical.length ? { canonicalValues: canonical } : {}),
  ...(type === "reference" ? { referenceTypes: ["external"] } : {}),
}));
const complex = fc.tuple(name, characteristics, fc.array(scalar, { minLength: 1, maxLength: 4 })).map(([n, c, subAttributes]) => ({ name: n, type: "complex", ...c, subAttributes }));
const schema = fc.tuple(fc.array(fc.oneof(scalar, complex), { minLength: 1, maxLength: 8 }), text).map(([attributes, description]) => ({ id: URN, name: "Thing", description, attributes }));

describe("emitters on arbitrary valid schemas", () => {
  it("always produce parseable TypeScript and JSON, deterministically", () => {
    let accepted = 0;
    fc.assert(
      fc.property(schema, (raw) => {
        if (checkSchema(raw, "x.json").length > 0) return;
        accepted++;
        const ir = buildManifest([raw], [{ name: "Thing", endpoint: "/Things", schema: URN }]);
        const files = generate(ir, { runtimeImport: "scim-gen/runtime" });
        expect(generate(ir, { runtimeImport: "scim-gen/runtime" })).toEqual(files);
        for (const f of files) {
          if (f.path.endsWith(".json")) expect(() => JSON.parse(f.contents)).not.toThrow();
          else expect(syntaxErrors(f.contents), f.path).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
    expect(accepted).toBeGreaterThan(10);
  }, 120_000);
});
