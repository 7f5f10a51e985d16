import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { configOf, GOLDEN_SETS, repoRoot } from "./sets.js";

// The committed golden output of each fixture set equals what the generator writes now
// (refresh with `npm run golden`), and it typechecks: against the kernel's source via
// tsconfig paths (no build needed), and models/filters/manifest/validators/server under the strictest
// options a user project might have, together with usage/ which asserts that wrong paths,
// missing required attributes and readOnly inputs are compile errors.

const capture = () => {
  const lines: string[] = [];
  return { io: { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) }, lines };
};

function tsc(project: string): string[] {
  const r = spawnSync(process.execPath, [`${repoRoot}node_modules/typescript/bin/tsc`, "--noEmit", "-p", project], { cwd: repoRoot, encoding: "utf8" });
  // Errors inside the kernel's own sources are the kernel's tests' business (and `tsc -p .`);
  // here only errors located in generated or usage files count.
  return r.stdout.split("\n").filter((l) => l.startsWith("test/golden/"));
}

describe("golden output", () => {
  it.each(GOLDEN_SETS)("%s: committed output is what generate writes (scim-gen check)", async (set) => {
    const { io, lines } = capture();
    const code = await run(["check", "--config", configOf(set)], io);
    expect(lines.join("\n")).toMatch(/files up to date/);
    expect(code).toBe(0);
  });

  it("typechecks with tsc --noEmit -p test/golden (strict)", () => {
    expect(tsc("test/golden/tsconfig.json")).toEqual([]);
  }, 60_000);

  it("models, filters, manifest, validators and the server typecheck under the strictest options, and usage/ compiles", () => {
    expect(tsc("test/golden/tsconfig.strictest.json")).toEqual([]);
  }, 60_000);
});
