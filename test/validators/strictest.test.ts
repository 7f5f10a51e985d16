import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Generated validators land in users' repositories: they must compile under the strictest
// options users turn on, including noUnusedLocals/noUnusedParameters.
describe("generated validators", () => {
  it("typecheck under the strictest compiler options", () => {
    const config = fileURLToPath(new URL("./tsconfig.strictest.json", import.meta.url));
    const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", config], { encoding: "utf8" });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output.split("\n").filter((l) => l.includes("generated/")).join("\n")).toBe("");
  }, 60_000);
});
