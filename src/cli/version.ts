import { readFileSync } from "node:fs";

// The package version, read once from package.json (two levels up from src/cli and dist/cli).
let cached: string | undefined;
export function version(): string {
  cached ??= (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
  return cached;
}
