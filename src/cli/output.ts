import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../emit/index.js";
import type { EmitOptions } from "../emit/types.js";
import { loadSchemas, type LoadResult } from "../schema/load.js";
import type { ResolvedConfig } from "./config.js";
import { formatAll, formatterIdentity } from "./format.js";
import { intactSource, sourceChecksum, withHeader, type HeaderInfo } from "./header.js";
import { version } from "./version.js";

// config -> schemas loaded and checked -> emitted files with headers, formatted. The
// bytes this returns are exactly what `generate` writes and what `check` compares. A
// file on disk whose checksums match is reused as is, without running prettier.

export interface OutputFile {
  readonly path: string;
  readonly contents: string;
  readonly ownership: "generated" | "user";
}

export interface Output {
  readonly load: LoadResult;
  /** Empty when the schemas have problems. */
  readonly files: readonly OutputFile[];
  /** How many files had to be formatted (the rest were up to date). */
  readonly formatted: number;
}

export function load(config: ResolvedConfig): LoadResult {
  return loadSchemas({ baseDir: config.baseDir, schemas: config.schemas, resourceTypes: config.resourceTypes, core: config.core });
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

export async function buildOutput(config: ResolvedConfig): Promise<Output> {
  const loaded = load(config);
  if (!loaded.manifest) return { load: loaded, files: [], formatted: 0 };
  const options: EmitOptions & { basePath?: string } = {
    runtimeImport: config.runtimeImport,
    ...(config.framework ? { framework: config.framework } : {}),
    ...(config.basePath ? { basePath: config.basePath } : {}),
  };
  const info: HeaderInfo = { version: version(), inputs: loaded.inputs };
  const formatter = formatterIdentity();
  // Decide per file: reuse what is on disk (checksums match, or a user-owned file that
  // exists) or format afresh; then format everything that needs it in one batch.
  const emitted = generate(loaded.manifest, options);
  const files: OutputFile[] = [];
  const todo: Array<{ index: number; path: string; contents: string; source?: string }> = [];
  for (const f of emitted) {
    const existing = readIfExists(join(config.out, f.path));
    const source = f.ownership === "generated" ? sourceChecksum(f, info, formatter) : undefined;
    const reuse = f.ownership === "user" ? existing !== undefined : existing !== undefined && intactSource(f.path, existing) === source;
    files.push({ path: f.path, ownership: f.ownership, contents: reuse ? existing! : "" });
    if (!reuse) todo.push({ index: files.length - 1, path: f.path, contents: f.contents, ...(source ? { source } : {}) });
  }
  const bodies = await formatAll(todo);
  todo.forEach((t, k) => {
    const body = bodies[k]!;
    files[t.index] = { ...files[t.index]!, contents: t.source ? withHeader(t.path, body, info, t.source) : body };
  });
  const formatted = todo.length;
  return { load: loaded, files, formatted };
}
