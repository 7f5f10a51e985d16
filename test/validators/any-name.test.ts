import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { emitValidators } from "../../src/emit/validators/index.js";
import { buildManifest } from "../../src/ir/build.js";
import type { ResourceValidator } from "../../src/runtime/resource/validator.js";

// The emitter must be safe for any attribute or resource type name the IR can hold, even
// ones the schema loader would refuse: names only ever appear as string literals, and in
// comments with line breaks and terminators neutralised.

const NAMES = ["__proto__", "constructor", "default", "class", "x-foo", "2fa", 'q"uote', "back\\slash", "new\nline */ process.exit(1); /*", "line\u2028sep", "$ref", "ünïcode"];
const URN = "urn:example:Odd";
const manifest = buildManifest(
  [{ id: URN, name: "Odd", attributes: [{ name: "label" }, ...NAMES.map((name) => ({ name, type: "string" }))] }],
  [{ name: "Odd */ thing\n", endpoint: "/Odds", schema: URN }],
);
const dir = mkdtempSync(join(tmpdir(), "scim-gen-any-name-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("validators for hostile names", () => {
  it("compile, load and validate every name as data", async () => {
    const runtime = fileURLToPath(new URL("../../src/runtime/index.ts", import.meta.url));
    const [file] = emitValidators(manifest, { runtimeImport: runtime });
    const path = join(dir, "validators.ts");
    writeFileSync(path, file!.contents);
    const mod = (await import(path)) as { validators: Record<string, ResourceValidator> };
    const validate = Object.values(mod.validators)[0]!;
    const body: Record<string, unknown> = JSON.parse(JSON.stringify({ schemas: [URN], label: "l" }));
    for (const n of NAMES) Object.defineProperty(body, n, { value: `v:${n}`, enumerable: true, configurable: true, writable: true });
    const out = validate(body, { mode: "create" });
    for (const n of NAMES) expect(Object.getOwnPropertyDescriptor(out, n)?.value).toBe(`v:${n}`);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(mod.validators)).toEqual(["Odd */ thing\n"]);
  });
});
