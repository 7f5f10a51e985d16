import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMITTERS, generate } from "../../src/emit/index.js";
import { run } from "../../src/cli/main.js";
import { buildManifest } from "../../src/ir/build.js";
import type { Manifest } from "../../src/runtime/manifest/model.js";
import { coreManifest } from "../support/core-manifest.js";
import { configOf } from "../golden/sets.js";

// Same input, same bytes (DESIGN.md rule 7); emitters and the IR builder never mutate
// their input.

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const quiet = { out: () => {}, err: () => {} };
const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
      else out[prefix + e.name] = readFileSync(join(d, e.name), "utf8");
    }
  };
  walk(dir, "");
  return out;
};

describe("determinism", () => {
  it("generate() on a frozen IR twice gives identical files and does not mutate it", () => {
    const ir = deepFreeze(coreManifest());
    const before = JSON.stringify(ir);
    const a = generate(ir, { runtimeImport: "scim-gen/runtime", framework: "express" });
    const b = generate(ir, { runtimeImport: "scim-gen/runtime", framework: "express" });
    expect(a).toEqual(b);
    expect(JSON.stringify(ir)).toBe(before);
    expect(a.map((f) => f.path)).toEqual([...a.map((f) => f.path)].sort());
  });

  it("the IR does not depend on the order resource types and schemas were listed", () => {
    const ir = coreManifest();
    const reversed: Manifest = { schemas: [...ir.schemas].reverse(), resourceTypes: [...ir.resourceTypes].reverse() };
    expect(generate(reversed, { runtimeImport: "x" })).toEqual(generate(ir, { runtimeImport: "x" }));
  });

  it("buildManifest does not mutate frozen raw JSON", () => {
    const raw = deepFreeze({ id: "urn:a:b", name: "B", attributes: [{ name: "x", type: "complex", subAttributes: [{ name: "y" }] }] });
    const rt = deepFreeze({ name: "B", endpoint: "/Bs", schema: "urn:a:b" });
    expect(() => buildManifest([raw], [rt])).not.toThrow();
  });

  it("two whole generate runs into fresh directories write identical bytes", async () => {
    const dirs = [mkdtempSync(join(tmpdir(), "scim-gen-det-")), mkdtempSync(join(tmpdir(), "scim-gen-det-"))];
    for (const out of dirs) expect(await run(["generate", "--config", configOf("custom"), "--out", out], quiet)).toBe(0);
    const [a, b] = dirs.map(snapshot);
    expect(Object.keys(a!).length).toBeGreaterThan(5);
    expect(a).toEqual(b);
  }, 30_000);

  it("the server emitter runs only when a framework is chosen", () => {
    const ir = coreManifest();
    expect(generate(ir, { runtimeImport: "x" }).some((f) => f.path.startsWith("server."))).toBe(false);
    expect(generate(ir, { runtimeImport: "x", framework: "hono" }).map((f) => f.path)).toContain("server.hono.ts");
    expect(EMITTERS.map((e) => e.name)).toEqual(["models", "schema-json", "filters", "manifest", "validators", "server"]);
  });

  it("an IR whose resource type names a missing schema is a clear error", () => {
    const ir: Manifest = { schemas: [], resourceTypes: [{ id: "D", name: "D", endpoint: "/D", schema: "urn:a:b", schemaExtensions: [] }] };
    expect(() => generate(ir, { runtimeImport: "x" }, EMITTERS.slice(0, 1))).toThrow("resource type D names schema urn:a:b, which the IR does not contain");
  });

  it("two emitters writing one path is an error, not a silent overwrite", () => {
    const twice = [{ name: "a", emit: () => [{ path: "x.ts", contents: "", ownership: "generated" as const }] }, { name: "b", emit: () => [{ path: "x.ts", contents: "", ownership: "generated" as const }] }];
    expect(() => generate(coreManifest(), { runtimeImport: "x" }, twice)).toThrow("emitters produced x.ts twice (second from b)");
  });
});
