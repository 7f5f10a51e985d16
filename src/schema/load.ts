import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildManifest } from "../ir/build.js";
import type { Manifest } from "../runtime/manifest/model.js";
import { checkResourceType, type KnownSchema } from "./check-resource-type.js";
import { checkSchema, isObject, type JsonObject } from "./check-schema.js";
import { expandPattern } from "./glob.js";
import { MAX_SCHEMA_BYTES, readJsonFile } from "./json.js";
import { sortProblems, type SchemaProblem } from "./problem.js";

// schema and resource-type JSON (built-in core + the user's files) -> checked -> IR.

export const CORE_SCHEMA_NAMES = ["User", "Group", "EnterpriseUser"] as const;
export type CoreSchemaName = (typeof CORE_SCHEMA_NAMES)[number];

const RESOURCE_TYPE_URN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const ENTERPRISE_URN = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const BUILTIN_DIR = fileURLToPath(new URL("../../schemas/", import.meta.url));
const BUILTIN: Record<CoreSchemaName, readonly string[]> = {
  User: ["User.json", "resource-types/User.json"],
  Group: ["Group.json", "resource-types/Group.json"],
  EnterpriseUser: ["Enterprise-User.json"],
};

export interface LoadOptions {
  /** Directory that relative patterns and displayed file names are relative to. */
  readonly baseDir: string;
  /** Files, directories or globs of schema JSON. */
  readonly schemas: readonly string[];
  /** Files, directories or globs of resource-type JSON. */
  readonly resourceTypes?: readonly string[];
  /** Built-in RFC 7643 schemas to include; a user resource type of the same name replaces the built-in one. */
  readonly core: readonly CoreSchemaName[];
  readonly maxBytes?: number;
}

export interface LoadResult {
  /** Present only when there are no problems. */
  readonly manifest?: Manifest;
  readonly problems: readonly SchemaProblem[];
  /** Inputs as named in headers: relative paths, built-ins as "scim-gen:schemas/…", sorted. */
  readonly inputs: readonly string[];
  /** Absolute paths of the user's input files (for watch). */
  readonly files: readonly string[];
}

interface Doc {
  readonly file: string;
  readonly raw: JsonObject;
  readonly builtin: boolean;
}

const isResourceType = (raw: JsonObject): boolean =>
  "endpoint" in raw || (Array.isArray(raw.schemas) && raw.schemas.includes(RESOURCE_TYPE_URN));

export function loadSchemas(options: LoadOptions): LoadResult {
  const problems: SchemaProblem[] = [];
  const entries: Array<{ path: string; file: string; builtin: boolean }> = [];
  for (const name of CORE_SCHEMA_NAMES) {
    if (!options.core.includes(name)) continue;
    for (const f of BUILTIN[name]) entries.push({ path: BUILTIN_DIR + f, file: `scim-gen:schemas/${f}`, builtin: true });
  }
  const files = new Set<string>();
  for (const pattern of [...options.schemas, ...(options.resourceTypes ?? [])]) {
    const matched = expandPattern(pattern, options.baseDir);
    if (matched.length === 0) {
      problems.push({ file: pattern, pointer: "", rule: "no-match", message: `no JSON file matches "${pattern}"` });
    }
    for (const path of matched) files.add(path);
  }
  for (const path of [...files].sort()) {
    entries.push({ path, file: relative(options.baseDir, path).split("\\").join("/") || path, builtin: false });
  }

  const schemas: Doc[] = [];
  const resourceTypes: Doc[] = [];
  for (const e of entries) {
    const read = readJsonFile(e.path, e.file, options.maxBytes ?? MAX_SCHEMA_BYTES);
    if ("problem" in read) {
      problems.push(read.problem);
      continue;
    }
    if (!isObject(read.value)) {
      const kind = Array.isArray(read.value) ? "an array" : read.value === null ? "null" : `a ${typeof read.value}`;
      problems.push({ file: e.file, pointer: "", rule: "not-an-object", message: `file holds ${kind}; expected one schema or resource type object` });
      continue;
    }
    (isResourceType(read.value) ? resourceTypes : schemas).push({ file: e.file, raw: read.value, builtin: e.builtin });
  }

  const known = new Map<string, KnownSchema>();
  for (const s of schemas) {
    problems.push(...checkSchema(s.raw, s.file));
    if (typeof s.raw.id !== "string") continue;
    const first = known.get(s.raw.id.toLowerCase());
    if (first) {
      problems.push({ file: s.file, pointer: "/id", rule: "duplicate-schema-id", message: `schema "${s.raw.id}" is also defined in ${first.file}` });
    } else {
      known.set(s.raw.id.toLowerCase(), { id: s.raw.id, file: s.file, attributes: Array.isArray(s.raw.attributes) ? s.raw.attributes : [] });
    }
  }

  const chosen = chooseResourceTypes(resourceTypes, options.core, problems);
  for (const rt of chosen) problems.push(...checkResourceType(rt.raw, rt.file, known));

  const inputs = entries.map((e) => e.file).sort();
  const result = { problems: sortProblems(problems), inputs, files: [...files].sort() };
  if (problems.length > 0) return result;
  return { ...result, manifest: buildManifest(schemas.map((s) => s.raw), chosen.map((r) => r.raw)) };
}

/** User resource types replace built-ins of the same name; duplicates among the user's are errors. */
function chooseResourceTypes(docs: readonly Doc[], core: readonly CoreSchemaName[], problems: SchemaProblem[]): Doc[] {
  // Names are compared without case and separators: generated type and file names drop
  // both ("My-Device" and "MyDevice" would both emit handlers/my-device.ts and MyDevice).
  const key = (d: Doc): string => (typeof d.raw.name === "string" ? d.raw.name.replace(/[^A-Za-z0-9]/g, "").toLowerCase() : "");
  const user = new Map<string, Doc>();
  const endpoints = new Map<string, Doc>();
  for (const d of docs.filter((x) => !x.builtin)) {
    const k = key(d);
    const first = user.get(k);
    if (k && first) {
      const same = first.raw.name === d.raw.name ? "is also defined" : `clashes with "${String(first.raw.name)}" (names are compared ignoring case, "-" and "_", as generated names are)`;
      problems.push({ file: d.file, pointer: "/name", rule: "duplicate-resource-type", message: `resource type "${String(d.raw.name)}" ${same} in ${first.file}` });
      continue;
    }
    user.set(k, d);
    const ep = typeof d.raw.endpoint === "string" ? d.raw.endpoint.toLowerCase() : "";
    const other = endpoints.get(ep);
    if (ep && other) {
      problems.push({ file: d.file, pointer: "/endpoint", rule: "duplicate-resource-type", message: `endpoint "${String(d.raw.endpoint)}" is also used by ${other.file}` });
    }
    endpoints.set(ep, d);
  }
  const out: Doc[] = [];
  for (const d of docs.filter((x) => x.builtin)) {
    if (user.has(key(d))) continue;
    const ep = typeof d.raw.endpoint === "string" ? d.raw.endpoint.toLowerCase() : "";
    if (endpoints.has(ep)) continue;
    out.push(core.includes("EnterpriseUser") ? d : { ...d, raw: withoutEnterprise(d.raw) });
  }
  return [...out, ...user.values()];
}

function withoutEnterprise(raw: JsonObject): JsonObject {
  const ext = Array.isArray(raw.schemaExtensions) ? raw.schemaExtensions : [];
  return { ...raw, schemaExtensions: ext.filter((e) => !(isObject(e) && e.schema === ENTERPRISE_URN)) };
}
