import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { hasHeader } from "./header.js";
import type { OutputFile } from "./output.js";

// Compares the output with what is on disk and decides, per file, what to do. The plan
// is shared by `generate` (which applies it) and `check` (which reports it). Files
// without the generator's header are never overwritten or deleted (DESIGN.md rule 7).

export type Change =
  | { readonly kind: "create" | "update"; readonly path: string; readonly contents: string; readonly before?: string }
  | { readonly kind: "delete"; readonly path: string }
  | { readonly kind: "conflict"; readonly path: string };

export interface WritePlan {
  readonly changes: readonly Change[];
  readonly unchanged: number;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Every file under dir, relative and "/" separated, skipping node_modules and dot-entries. */
function listFiles(dir: string, root = dir, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) listFiles(path, root, out);
    else if (e.isFile()) out.push(relative(root, path).split(sep).join("/"));
  }
  return out.sort();
}

export function planWrites(outDir: string, files: readonly OutputFile[]): WritePlan {
  const changes: Change[] = [];
  let unchanged = 0;
  const produced = new Set<string>();
  for (const f of files) {
    if (f.path.split("/").some((s) => s === ".." || s === "") || f.path.startsWith("/")) throw new Error(`emitter produced an unsafe path: ${f.path}`);
    produced.add(f.path);
    const before = readIfExists(join(outDir, f.path));
    if (before === undefined) changes.push({ kind: "create", path: f.path, contents: f.contents });
    else if (f.ownership === "user" || before === f.contents) unchanged++;
    else if (!hasHeader(before)) changes.push({ kind: "conflict", path: f.path });
    else changes.push({ kind: "update", path: f.path, contents: f.contents, before });
  }
  for (const path of listFiles(outDir)) {
    if (produced.has(path) || !/\.(ts|json)$/.test(path)) continue;
    const text = readIfExists(join(outDir, path));
    if (text !== undefined && hasHeader(text)) changes.push({ kind: "delete", path });
  }
  return { changes, unchanged };
}

export function applyWrites(outDir: string, plan: WritePlan): void {
  for (const c of plan.changes) {
    const target = join(outDir, c.path);
    if (c.kind === "create" || c.kind === "update") {
      mkdirSync(dirname(target), { recursive: true });
      // Write then rename: a watcher (tsc --watch, a dev server) never sees half a file.
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, c.contents);
      renameSync(temp, target);
    } else if (c.kind === "delete") {
      rmSync(target);
    }
  }
}
