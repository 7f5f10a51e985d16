import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, root } from "./support.js";

// The published package works: `npm pack`, install the tarball into an empty project
// (dependencies come from the local npm cache), run the bin through npx.

beforeAll(assertBuilt);

describe("packed tarball", () => {
  it("installs into an empty project and `npx scim-gen --help` works", () => {
    const packDir = mkdtempSync(join(tmpdir(), "scim-gen-pack-"));
    execFileSync("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: root, encoding: "utf8" });
    const tarball = readdirSync(packDir).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    const app = mkdtempSync(join(tmpdir(), "scim-gen-app-"));
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true, type: "module" }));
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--omit=peer", join(packDir, tarball!)], { cwd: app, encoding: "utf8", stdio: "pipe" });
    const help = execFileSync("npx", ["--no-install", "scim-gen", "--help"], { cwd: app, encoding: "utf8" });
    expect(help).toContain("Usage: scim-gen");
    expect(help).toContain("generate");
    execFileSync("npx", ["--no-install", "scim-gen", "init"], { cwd: app, encoding: "utf8" });
    const generated = execFileSync("npx", ["--no-install", "scim-gen", "generate"], { cwd: app, encoding: "utf8" });
    expect(generated).toContain("src/scim: 5 created");
  }, 120_000);
});
