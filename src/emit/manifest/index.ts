import type { AttributeModel, Manifest, ResourceTypeModel, SchemaModel } from "../../runtime/manifest/model.js";
import { planModels } from "../models/plan.js";
import type { EmitOptions, EmittedFile } from "../types.js";

// manifest.ts: the IR as a constant the kernel reads at run time (attribute
// characteristics, discovery documents), plus typed look-up constants. Schemas sorted by
// id and resource types by name; attribute order is the declared order.

const byKey = (key: (x: { id: string; name: string }) => string) => (a: { id: string; name: string }, b: { id: string; name: string }) =>
  key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

// Explicit key order so the output does not depend on how the IR objects were built.
function attribute(a: AttributeModel): AttributeModel {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    required: a.required,
    caseExact: a.caseExact,
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...(a.canonicalValues ? { canonicalValues: [...a.canonicalValues] } : {}),
    ...(a.referenceTypes ? { referenceTypes: [...a.referenceTypes] } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
  };
}

const schema = (s: SchemaModel): SchemaModel => ({
  id: s.id,
  name: s.name,
  ...(s.description !== undefined ? { description: s.description } : {}),
  attributes: s.attributes.map(attribute),
});

const resourceType = (r: ResourceTypeModel): ResourceTypeModel => ({
  id: r.id,
  name: r.name,
  ...(r.description !== undefined ? { description: r.description } : {}),
  endpoint: r.endpoint,
  schema: r.schema,
  schemaExtensions: r.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
});

export function emitManifest(ir: Manifest, options: EmitOptions): EmittedFile[] {
  const manifest: Manifest = {
    schemas: [...ir.schemas].sort(byKey((s) => s.id)).map(schema),
    resourceTypes: [...ir.resourceTypes].sort(byKey((r) => r.name)).map(resourceType),
  };
  const plan = planModels(ir);
  let out = `import type { Manifest } from ${JSON.stringify(options.runtimeImport)};\n\n`;
  out += `/** Every schema and resource type this server implements (RFC 7643 §6, §7). */\n`;
  out += `export const manifest: Manifest = ${JSON.stringify(manifest, null, 2)};\n\n`;
  out += `/** Resource type names, for typed look-ups. */\n`;
  out += `export const resourceTypeNames = ${JSON.stringify(plan.resources.map((r) => r.resourceType.name))} as const;\n`;
  out += `export type ResourceTypeName = (typeof resourceTypeNames)[number];\n\n`;
  out += `/** Core schema URN of each resource type. */\n`;
  out += `export const schemaUrns = {\n${plan.resources.map((r) => `  ${JSON.stringify(r.resourceType.name)}: ${JSON.stringify(r.core.id)},\n`).join("")}} as const;\n\n`;
  out += `/** Endpoint of each resource type, relative to the SCIM base URL. */\n`;
  out += `export const endpoints = {\n${plan.resources.map((r) => `  ${JSON.stringify(r.resourceType.name)}: ${JSON.stringify(r.resourceType.endpoint)},\n`).join("")}} as const;\n`;
  return [{ path: "manifest.ts", contents: out, ownership: "generated" }];
}
