import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";

// A small glob for input lists: `*` and `?` within one path segment, `**` for any number
// of directories. A plain directory means every *.json file beneath it. `**` does not
// descend into node_modules or dot-directories. Results are sorted, so generation does
// not depend on the order the file system lists entries.

const MAGIC = /[*?]/;

function segmentRegExp(segment: string): RegExp {
  let src = "";
  for (const ch of segment) {
    if (ch === "*") src += "[^/]*";
    else if (ch === "?") src += "[^/]";
    else src += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${src}$`);
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function subdirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules")
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function walk(dir: string, segments: readonly string[], out: Set<string>): void {
  const [head, ...rest] = segments;
  if (head === undefined) {
    if (isFile(dir)) out.add(dir);
    return;
  }
  if (head === "**") {
    walk(dir, rest, out);
    // Dirent.isDirectory() does not follow symlinks, so a link loop cannot recurse forever.
    for (const entry of subdirectories(dir)) walk(join(dir, entry), segments, out);
    return;
  }
  if (!MAGIC.test(head)) {
    walk(join(dir, head), rest, out);
    return;
  }
  const re = segmentRegExp(head);
  for (const name of list(dir)) if (re.test(name)) walk(join(dir, name), rest, out);
}

/** Absolute, sorted, de-duplicated files matched by one pattern (relative to baseDir). */
export function expandPattern(pattern: string, baseDir: string): string[] {
  const normalized = pattern.replace(/\\/g, "/");
  const absolute = isAbsolute(normalized) ? normalized : resolve(baseDir, normalized);
  const out = new Set<string>();
  if (!MAGIC.test(normalized)) {
    if (isDir(absolute)) walk(absolute, ["**", "*.json"], out);
    else if (isFile(absolute)) out.add(absolute);
    return [...out].sort();
  }
  // "a/**/**/b" matches what "a/**/b" does; collapsing keeps the walk linear.
  const parts = absolute.split(/[\\/]/).filter((p, i, all) => !(p === "**" && all[i - 1] === "**"));
  const firstMagic = parts.findIndex((p) => MAGIC.test(p));
  const root = parts.slice(0, firstMagic).join("/") || "/";
  walk(root, parts.slice(firstMagic), out);
  return [...out].sort();
}
