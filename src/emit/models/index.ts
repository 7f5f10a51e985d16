import type { Manifest } from "../../runtime/manifest/model.js";
import type { EmitOptions, EmittedFile } from "../types.js";
import { jsdoc, literal, propertyKey } from "./names.js";
import { resourcePaths } from "./paths.js";
import { planModels, type ModelPlan, type ResourcePlan } from "./plan.js";
import { renderObject } from "./render.js";

// models.ts: per resource type the resource as returned, create and replace inputs,
// attribute-path unions (RFC 7644 §3.10), valuePath maps and PATCH types (§3.5.2).

export const PATCH_OP_URN = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

const union = (members: readonly string[]): string => (members.length === 0 ? "never" : members.map((m) => `\n  | ${m}`).join(""));

function renderPaths(r: ResourcePlan): string {
  const n = r.names;
  const paths = resourcePaths(r);
  let out = `/** Schema URNs a ${r.resourceType.name} may list in \`schemas\`. */\n`;
  out += `export type ${n.schemaUrn} = ${union([r.core.id, ...r.extensions.map((e) => e.id)].map(literal))};\n\n`;
  out += `/** Unprefixed attribute paths of ${r.resourceType.name}, declared case (RFC 7644 §3.10). */\n`;
  out += `export type ${n.corePath} = ${union(paths.core.map(literal))};\n\n`;
  out += jsdoc([`Every attribute path of ${r.resourceType.name}: core paths, the same with the core schema URN prefix, and URN-prefixed extension paths (RFC 7644 §3.10).`]);
  out += `export type ${n.attributePath} = ${union([n.corePath, `\`${r.core.id}:\${${n.corePath}}\``, ...paths.extension.map(literal)])};\n\n`;
  out += jsdoc([`Multi-valued complex attributes of ${r.resourceType.name} usable in a valuePath filter (\`emails[type eq "work"]\`), each mapped to its sub-attribute names.`]);
  out +=
    paths.valuePaths.length === 0
      ? `export type ${n.valuePaths} = Record<never, string>;\n\n`
      : `export type ${n.valuePaths} = {\n${paths.valuePaths.map(([p, subs]) => `  readonly ${propertyKey(p)}: ${subs.map(literal).join(" | ")};\n`).join("")}};\n\n`;
  const forms = paths.valuePaths.flatMap(([p]) => {
    const head = p.replace(/[`\\$]/g, "\\$&");
    return [`\`${head}[\${string}]\``, `\`${head}[\${string}].\${${n.valuePaths}[${literal(p)}]}\``];
  });
  out += jsdoc([`A PATCH \`path\` for ${r.resourceType.name} (RFC 7644 §3.5.2): an attribute path, a bare extension URN, or a valuePath \`attr[filter]\` optionally followed by \`.subAttr\`.`]);
  out += `export type ${n.patchPath} = ${union([n.attributePath, ...r.extensions.map((e) => literal(e.id)), ...forms])};\n\n`;
  out += `/** The value of an add or replace operation without a path: attributes to merge. */\n`;
  out += `export type ${n.patchValue} = Partial<Omit<${n.create}, "schemas">>;\n\n`;
  out += `/** One PATCH operation on a ${r.resourceType.name} (RFC 7644 §3.5.2.1-3). */\n`;
  out += `export type ${n.patchOperation} =\n`;
  out += `  | { op: "add" | "replace"; path: ${n.patchPath}; value: unknown }\n`;
  out += `  | { op: "add" | "replace"; path?: undefined; value: ${n.patchValue} }\n`;
  out += `  | { op: "remove"; path: ${n.patchPath}; value?: unknown };\n\n`;
  out += `/** PATCH ${r.resourceType.endpoint}/{id} request body (RFC 7644 §3.5.2). */\n`;
  out += `export interface ${n.patchRequest} {\n  schemas: [${literal(PATCH_OP_URN)}];\n  Operations: ${n.patchOperation}[];\n}\n`;
  return out;
}

export function renderModels(plan: ModelPlan): string {
  const parts = plan.objects.map(renderObject);
  for (const r of plan.resources) parts.push(renderPaths(r));
  return parts.join("\n");
}

export function emitModels(ir: Manifest, _options: EmitOptions): EmittedFile[] {
  return [{ path: "models.ts", contents: renderModels(planModels(ir)), ownership: "generated" }];
}
