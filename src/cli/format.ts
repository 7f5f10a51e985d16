import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// Prettier formats every emitted file with pinned options, so output does not depend on
// a user's .prettierrc. Loaded lazily, and only for files whose checksums show a change:
// it is by far the slowest step of generation.

const OPTIONS = { printWidth: 100, tabWidth: 2, useTabs: false, semi: true, singleQuote: false, trailingComma: "all", bracketSpacing: true, endOfLine: "lf" } as const;

type Prettier = typeof import("prettier");
let prettier: Promise<Prettier> | undefined;
let identity: string | undefined;

/** Identifies the formatter (prettier version and options) for the source checksum. */
export function formatterIdentity(): string {
  if (identity === undefined) {
    const pkg = createRequire(import.meta.url).resolve("prettier/package.json");
    const { version } = JSON.parse(readFileSync(pkg, "utf8")) as { version: string };
    identity = `prettier ${version} ${JSON.stringify(OPTIONS)}`;
  }
  return identity;
}

export async function format(path: string, contents: string): Promise<string> {
  const parser = path.endsWith(".json") ? "json" : path.endsWith(".ts") ? "babel-ts" : undefined;
  if (!parser) return contents;
  prettier ??= import("prettier");
  return (await prettier).format(contents, { ...OPTIONS, parser });
}
