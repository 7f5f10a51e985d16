import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Framework } from "../emit/types.js";
import { MAX_SCHEMA_BYTES, parseJson } from "../schema/json.js";
import { CORE_SCHEMA_NAMES, type CoreSchemaName } from "../schema/load.js";
import { formatProblem } from "../schema/problem.js";

// scim-gen.config.json, merged with command-line flags (flags win). Paths in the file are
// relative to the file's directory; paths given as flags are relative to the working
// directory. Unknown keys and wrong types are usage errors (exit 2), not silently ignored.

export const CONFIG_FILE = "scim-gen.config.json";
export const FRAMEWORKS: readonly Framework[] = ["express", "fastify", "hono", "node"];

export class UsageError extends Error {}

export interface ResolvedConfig {
  /** Directory relative paths (and displayed input names) are resolved against. */
  readonly baseDir: string;
  readonly configFile?: string;
  readonly schemas: readonly string[];
  readonly resourceTypes: readonly string[];
  readonly core: readonly CoreSchemaName[];
  /** Absolute output directory. */
  readonly out: string;
  readonly framework?: Framework;
  readonly runtimeImport: string;
  readonly basePath?: string;
}

export interface ConfigFlags {
  readonly config?: string;
  readonly out?: string;
  readonly framework?: string;
  readonly schemas?: readonly string[];
  readonly resourceTypes?: readonly string[];
  readonly core?: string;
  readonly runtimeImport?: string;
}

/** Keep in step with schemas/scim-gen.config.schema.json (a test compares them). */
export const CONFIG_KEYS = ["$schema", "schemas", "resourceTypes", "core", "out", "framework", "runtimeImport", "basePath"] as const;

function stringList(v: unknown, key: string): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  throw new UsageError(`${CONFIG_FILE}: "${key}" must be a string or an array of strings`);
}

function optionalString(v: unknown, key: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v === "") throw new UsageError(`${CONFIG_FILE}: "${key}" must be a non-empty string`);
  return v;
}

export function parseCore(v: unknown, where: string): CoreSchemaName[] {
  const list = v === "none" ? [] : v === "all" ? [...CORE_SCHEMA_NAMES] : typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v;
  if (!Array.isArray(list)) throw new UsageError(`${where}: "core" must be "all", "none" or a list of ${CORE_SCHEMA_NAMES.join(", ")}`);
  for (const name of list) {
    if (!(CORE_SCHEMA_NAMES as readonly unknown[]).includes(name)) {
      throw new UsageError(`${where}: unknown core schema ${JSON.stringify(name)}; expected ${CORE_SCHEMA_NAMES.join(", ")}`);
    }
  }
  return list as CoreSchemaName[];
}

export function parseFramework(v: unknown, where: string): Framework | undefined {
  if (v === undefined) return undefined;
  if (!(FRAMEWORKS as readonly unknown[]).includes(v)) throw new UsageError(`${where}: unknown framework ${JSON.stringify(v)}; expected ${FRAMEWORKS.join(", ")}`);
  return v as Framework;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    if (statSync(path).size > MAX_SCHEMA_BYTES) throw new UsageError(`${path}: a config file over ${MAX_SCHEMA_BYTES} bytes is not plausible`);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const parsed = parseJson(text, path);
  if ("problem" in parsed) throw new UsageError(formatProblem(parsed.problem));
  const raw = parsed.value;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new UsageError(`${path}: the config must be a JSON object`);
  for (const key of Object.keys(raw)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) throw new UsageError(`${path}: unknown key "${key}"; expected one of ${CONFIG_KEYS.slice(1).join(", ")}`);
  }
  return raw as Record<string, unknown>;
}

export function resolveConfig(flags: ConfigFlags, cwd: string = process.cwd()): ResolvedConfig {
  const explicit = flags.config !== undefined;
  const configFile = resolve(cwd, flags.config ?? CONFIG_FILE);
  const haveFile = explicit || existsSync(configFile);
  if (explicit && !existsSync(configFile)) throw new UsageError(`config file not found: ${configFile}`);
  const raw = haveFile ? readConfigFile(configFile) : {};
  if (!haveFile && flags.out === undefined) {
    throw new UsageError(`no ${CONFIG_FILE} in ${cwd}: run \`scim-gen init\`, pass --config <file>, or pass --out <dir> (and --schemas)`);
  }
  const baseDir = haveFile ? dirname(configFile) : cwd;
  const fromFlags = (list: readonly string[] | undefined): string[] | undefined => list?.map((p) => resolve(cwd, p));
  const out = flags.out !== undefined ? resolve(cwd, flags.out) : resolve(baseDir, optionalString(raw.out, "out") ?? "src/scim");
  const framework = parseFramework(flags.framework ?? raw.framework, flags.framework !== undefined ? "--framework" : CONFIG_FILE);
  const basePath = optionalString(raw.basePath, "basePath");
  return {
    baseDir,
    ...(haveFile ? { configFile } : {}),
    schemas: fromFlags(flags.schemas) ?? (raw.schemas === undefined ? [] : stringList(raw.schemas, "schemas")),
    resourceTypes: fromFlags(flags.resourceTypes) ?? (raw.resourceTypes === undefined ? [] : stringList(raw.resourceTypes, "resourceTypes")),
    core: flags.core !== undefined ? parseCore(flags.core, "--core") : raw.core === undefined ? [...CORE_SCHEMA_NAMES] : parseCore(raw.core, CONFIG_FILE),
    out,
    ...(framework ? { framework } : {}),
    runtimeImport: flags.runtimeImport ?? optionalString(raw.runtimeImport, "runtimeImport") ?? "scim-gen/runtime",
    ...(basePath ? { basePath } : {}),
  };
}
