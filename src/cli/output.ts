import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../emit/index.js";
import type { EmitOptions } from "../emit/types.js";
import { loadSchemas, type LoadResult } from "../schema/load.js";
import type { ResolvedConfig } from "./config.js";
import { format, formatterIdentity } from "./format.js";
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
  let formatted = 0;
  const files = await Promise.all(
    generate(loaded.manifest, options).map(async (f): Promise<OutputFile> => {
      const existing = readIfExists(join(config.out, f.path));
      if (f.ownership === "user") {
        // Created once and then the user's: an existing file is left exactly as it is.
        if (existing !== undefined) return { path: f.path, ownership: f.ownership, contents: existing };
        formatted++;
        return { path: f.path, ownership: f.ownership, contents: await format(f.path, f.contents) };
      }
      const source = sourceChecksum(f, info, formatter);
      if (existing !== undefined && intactSource(f.path, existing) === source) return { path: f.path, ownership: f.ownership, contents: existing };
      formatted++;
      return { path: f.path, ownership: f.ownership, contents: withHeader(f.path, await format(f.path, f.contents), info, source) };
    }),
  );
  return { load: loaded, files, formatted };
}
