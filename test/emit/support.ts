import ts from "typescript";
import type { AttributeModel, Manifest } from "../../src/runtime/manifest/model.js";

export const DEVICE = "urn:example:params:scim:schemas:core:2.0:Device";

/** An attribute with RFC 7643 §2.2 defaults, overridden by `extra`. */
export const attr = (name: string, extra: Partial<AttributeModel> = {}): AttributeModel => ({
  name, type: "string", multiValued: false, required: false, caseExact: false,
  mutability: "readWrite", returned: "default", uniqueness: "none", ...extra,
});

/** A one-resource-type IR: Device with the given attributes. */
export const deviceIr = (attributes: AttributeModel[]): Manifest => ({
  schemas: [{ id: DEVICE, name: "Device", attributes }],
  resourceTypes: [{ id: "Device", name: "Device", endpoint: "/Devices", schema: DEVICE, schemaExtensions: [] }],
});

/** Syntax diagnostics of a TypeScript source (empty when it parses). */
export function syntaxErrors(source: string): string[] {
  const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.ESNext } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

/** The body of `export interface <name> { ... }` in `source`. */
export function interfaceBody(source: string, name: string): string {
  const start = source.indexOf(`export interface ${name} {`);
  if (start === -1) throw new Error(`no interface ${name}`);
  return source.slice(start, source.indexOf("\n}\n", start) + 2);
}

/** `key?: type` lines of an interface body, comments dropped. */
export const members = (body: string): string[] =>
  body.split("\n").slice(1, -1).map((l) => l.trim()).filter((l) => l && !l.startsWith("/**") && !l.startsWith("*"));

/** Names of every variable declared anywhere in `source` (comments and strings are not code). */
export function declaredVariables(source: string): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) names.push(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile("x.ts", source, ts.ScriptTarget.ES2022, true));
  return names;
}
