import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Framework } from "../types.js";

// Reads the handlebars templates from templates/ at the package root, whether running
// from src/ (tsx, vitest) or dist/. The emitter itself stays pure: it receives the text.

export interface ServerTemplates {
  readonly servers: Readonly<Record<Framework, string>>;
  readonly handler: string;
  readonly partials: Readonly<Record<string, string>>;
}

export const FRAMEWORKS: readonly Framework[] = ["express", "fastify", "hono", "node"];

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) || !existsSync(join(dir, "templates"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("scim-gen: cannot find the templates/ folder");
    dir = parent;
  }
  return dir;
}

let cached: ServerTemplates | undefined;

export function loadServerTemplates(): ServerTemplates {
  if (cached) return cached;
  const root = join(packageRoot(), "templates");
  const read = (...parts: string[]): string => readFileSync(join(root, ...parts), "utf8");
  const servers = {} as Record<Framework, string>;
  for (const fw of FRAMEWORKS) servers[fw] = read(fw, "server.ts.hbs");
  cached = { servers, handler: read("handlers", "handler.ts.hbs"), partials: { kernel: read("partials", "kernel.hbs") } };
  return cached;
}
