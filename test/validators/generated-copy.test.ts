import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { emitValidators } from "../../src/emit/validators/index.js";
import { coreManifest } from "../support/core-manifest.js";
import { emitCopy, GENERATED_COPIES } from "../support/generated/regenerate.js";

describe("generated core validators", () => {
  it.each(GENERATED_COPIES)("committed %s equals a fresh emit (run regenerate.ts after emitter changes)", (path, manifest) => {
    expect(readFileSync(path, "utf8")).toBe(emitCopy(manifest()));
  });

  it("emitting is deterministic and pure", () => {
    const ir = coreManifest();
    const before = JSON.stringify(ir);
    const a = emitValidators(ir, { runtimeImport: "scim-gen/runtime" });
    const b = emitValidators(ir, { runtimeImport: "scim-gen/runtime" });
    expect(a).toEqual(b);
    expect(JSON.stringify(ir)).toBe(before);
    expect(a.map((f) => [f.path, f.ownership])).toEqual([["validators.ts", "generated"]]);
  });

  it("exports one named validator per resource type and the validators map", () => {
    const [file] = emitValidators(coreManifest(), { runtimeImport: "scim-gen/runtime" });
    expect(file!.contents).toMatch(/export function validateUser\(/);
    expect(file!.contents).toMatch(/export function validateGroup\(/);
    expect(file!.contents).toMatch(/"Group": validateGroup,\n  "User": validateUser,/);
    expect(file!.contents).toContain('from "scim-gen/runtime"');
  });
});
