import type { Manifest } from "../../runtime/manifest/model.js";
import { resourcePaths } from "../models/paths.js";
import { planModels, type ObjectPlan, type PropertyPlan, type ValueType } from "../models/plan.js";
import type { EmitOptions, EmittedFile } from "../types.js";

// schema.json: the same types as models.ts, as a JSON Schema (draft 2020-12) document for
// other tools (OpenAPI, form builders, other languages). One $defs entry per type name.

type JsonSchema = Record<string, unknown>;

/** A prototype-less object, so keys such as "__proto__" are plain data. */
function record(entries: Iterable<readonly [string, unknown]>): JsonSchema {
  const out: JsonSchema = Object.create(null) as JsonSchema;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

function valueSchema(t: ValueType): JsonSchema {
  switch (t.kind) {
    case "object":
      return { $ref: `#/$defs/${t.name}` };
    case "literals":
      return { enum: [...t.values] };
    case "string": {
      const s: JsonSchema = { type: "string" };
      if (t.format === "date-time") s.format = "date-time";
      if (t.format === "uri") s.format = "uri-reference";
      if (t.format === "base64") s.contentEncoding = "base64";
      if (t.canonicalValues) s.examples = [...t.canonicalValues];
      return s;
    }
    default:
      return { type: t.kind };
  }
}

function propertySchema(p: PropertyPlan): JsonSchema {
  const value = valueSchema(p.type);
  const s: JsonSchema = p.array ? { type: "array", items: value } : value;
  if (p.doc) s.description = p.doc;
  if (p.attribute?.mutability === "readOnly") s.readOnly = true;
  if (p.attribute?.mutability === "writeOnly") s.writeOnly = true;
  return s;
}

function objectSchema(o: ObjectPlan): JsonSchema {
  const s: JsonSchema = { type: "object" };
  if (o.doc) s.description = o.doc;
  s.properties = record(o.properties.map((p) => [p.key, propertySchema(p)] as const));
  const required = o.properties.filter((p) => !p.optional).map((p) => p.key);
  if (required.length > 0) s.required = required;
  return s;
}

export function buildJsonSchema(ir: Manifest): JsonSchema {
  const plan = planModels(ir);
  const defs = record(plan.objects.map((o) => [o.name, objectSchema(o)] as const));
  for (const r of plan.resources) {
    const paths = resourcePaths(r);
    defs[r.names.attributePath] = {
      description: `Attribute paths of ${r.resourceType.name} (RFC 7644 §3.10); each may also carry the core schema URN prefix.`,
      enum: [...paths.core, ...paths.extension],
    };
  }
  return { $schema: "https://json-schema.org/draft/2020-12/schema", title: "scim-gen models", $defs: defs };
}

export function emitSchemaJson(ir: Manifest, _options: EmitOptions): EmittedFile[] {
  return [{ path: "schema.json", contents: JSON.stringify(buildJsonSchema(ir), null, 2) + "\n", ownership: "generated" }];
}
