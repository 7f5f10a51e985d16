import { createRequire } from "node:module";
import type { Manifest, ResourceTypeModel } from "../../runtime/manifest/model.js";
import type { EmitOptions, EmittedFile, Emitter, Framework } from "../types.js";
import { FRAMEWORKS, loadServerTemplates, type ServerTemplates } from "./templates.js";

// The server emitter: server.<framework>.ts (generated, always rewritten) wiring the IR's
// resource types to the kernel, plus one user-owned handler stub per resource type in
// handlers/ (created once, never overwritten). Templates live in templates/<framework>/.

export interface ServerEmitOptions extends EmitOptions {
  /** Default base path of the generated createScim ("/scim/v2"). */
  readonly basePath?: string;
}

const pascal = (name: string): string => {
  const clean = name.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""));
  const id = clean.charAt(0).toUpperCase() + clean.slice(1);
  return /^[A-Za-z_]/.test(id) ? id : `R${id}`;
};
const camel = (name: string): string => {
  const p = pascal(name);
  return p.charAt(0).toLowerCase() + p.slice(1);
};
const kebab = (name: string): string => pascal(name).replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/** "scim-gen/runtime" -> "scim-gen/adapters/express"; "../src/runtime/index.js" ->
 * "../src/runtime/adapters/express.js". */
export function adapterImport(runtimeImport: string, framework: Framework): string {
  if (runtimeImport.endsWith("/index.js")) return runtimeImport.replace(/index\.js$/, `adapters/${framework}.js`);
  if (runtimeImport.endsWith("/runtime")) return runtimeImport.replace(/runtime$/, `adapters/${framework}`);
  return `${runtimeImport}/adapters/${framework}`;
}

function view(rt: ResourceTypeModel) {
  const typeName = pascal(rt.name);
  return {
    name: rt.name,
    endpoint: rt.endpoint,
    typeName,
    key: /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(rt.name) ? rt.name : JSON.stringify(rt.name),
    varName: `${camel(rt.name)}Handler`,
    fileName: `${kebab(rt.name)}.ts`,
  };
}

/** Pure: the templates are passed in (see loadServerTemplates). */
export function createServerEmitter(templates: ServerTemplates): (ir: Manifest, options: ServerEmitOptions) => EmittedFile[] {
  // Loaded on first use: handlebars is a third of the CLI's start-up, and only runs that
  // emit a server need it.
  const Handlebars = createRequire(import.meta.url)("handlebars") as typeof import("handlebars");
  const hb = Handlebars.create();
  for (const [name, text] of Object.entries(templates.partials)) hb.registerPartial(name, text);
  const compile = (text: string) => hb.compile(text, { noEscape: true, strict: true });
  const servers = new Map(FRAMEWORKS.map((fw) => [fw, compile(templates.servers[fw])]));
  const handler = compile(templates.handler);
  return (ir, options) => {
    const framework = options.framework ?? "express";
    const resourceTypes = [...ir.resourceTypes].sort((a, b) => a.name.localeCompare(b.name)).map(view);
    const context = {
      runtimeImport: options.runtimeImport,
      adapterImport: adapterImport(options.runtimeImport, framework),
      nodeAdapterImport: adapterImport(options.runtimeImport, "node"),
      basePath: options.basePath ?? "/scim/v2",
      resourceTypes,
    };
    const files: EmittedFile[] = [{ path: `server.${framework}.ts`, contents: servers.get(framework)!(context), ownership: "generated" }];
    for (const rt of resourceTypes) {
      files.push({ path: `handlers/${rt.fileName}`, contents: handler({ ...context, ...rt }), ownership: "user" });
    }
    return files;
  };
}

let emitter: ReturnType<typeof createServerEmitter> | undefined;

/** The Emitter wired into generate(): server.<framework>.ts and handlers/*.ts. */
export const emitServer: Emitter = (ir, options) => {
  emitter ??= createServerEmitter(loadServerTemplates());
  return emitter(ir, options);
};
