import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Runs the built bin (bin/scim-gen.js -> dist/cli) as a user would. `npm test` builds first.

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(root, "bin/scim-gen.js");

export function assertBuilt(): void {
  if (!existsSync(join(root, "dist/cli/main.js"))) throw new Error("dist/cli/main.js is missing: run `npm run build` (npm test does)");
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(args: readonly string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cliAsync(args: readonly string[], cwd: string) {
  return spawn(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
}

export function project(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "scim-gen-cli-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export const DEVICE_SCHEMA = {
  id: "urn:example:params:scim:schemas:core:2.0:Device",
  name: "Device",
  attributes: [{ name: "serialNumber", type: "string", required: true }],
};
export const DEVICE_TYPE = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
  name: "Device",
  endpoint: "/Devices",
  schema: "urn:example:params:scim:schemas:core:2.0:Device",
};
