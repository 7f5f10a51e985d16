import type { Manifest } from "../../runtime/manifest/model.js";
import { planModels } from "../models/plan.js";
import type { EmitOptions, EmittedFile } from "../types.js";

// filters.ts: the filter AST (RFC 7644 §3.4.2.2) narrowed per resource type, so a
// handler translating `UserFilter` to its own query is checked by the compiler.

export function emitFilters(ir: Manifest, options: EmitOptions): EmittedFile[] {
  const plan = planModels(ir);
  const imports = plan.resources.flatMap((r) => [r.names.attributePath, r.names.valuePaths]);
  let out = `import type { Filter } from ${JSON.stringify(options.runtimeImport)};\n`;
  out += imports.length > 0 ? `import type { ${imports.join(", ")} } from "./models.js";\n` : "";
  for (const r of plan.resources) {
    out += `\n/** A parsed filter on ${r.resourceType.name}: attribute paths and valuePath sub-attributes are ${r.resourceType.name}'s own. */\n`;
    out += `export type ${r.names.filter} = Filter<${r.names.attributePath}, ${r.names.valuePaths}>;\n`;
  }
  return [{ path: "filters.ts", contents: out, ownership: "generated" }];
}
