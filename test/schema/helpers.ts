import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadSchemas, type CoreSchemaName, type LoadResult } from "../../src/schema/index.js";

/** Writes `files` (JSON values, or raw text for strings) into a fresh temp dir. */
export function tempTree(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), "scim-gen-schema-"));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export function loadTree(files: Record<string, unknown>, core: readonly CoreSchemaName[] = [], patterns = ["."]): LoadResult {
  return loadSchemas({ baseDir: tempTree(files), schemas: patterns, core });
}

export const DEVICE_URN = "urn:acme:params:scim:schemas:core:2.0:Device";
export const deviceSchema = (attributes: unknown[]): Record<string, unknown> => ({ id: DEVICE_URN, name: "Device", attributes });
export const deviceType = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
  name: "Device",
  endpoint: "/Devices",
  schema: DEVICE_URN,
  ...extra,
});
