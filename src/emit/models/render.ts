import type { AttributeModel } from "../../runtime/manifest/model.js";
import { jsdoc, literal, propertyKey } from "./names.js";
import type { ObjectPlan, PropertyPlan, ValueType } from "./plan.js";

// ObjectPlan -> TypeScript interface text. Canonical values stay open-ended
// (`"work" | "home" | (string & {})`): RFC 7643 §2.3.1 lets providers accept others.

export function renderType(t: ValueType): string {
  switch (t.kind) {
    case "object":
      return t.name;
    case "literals":
      return t.values.map(literal).join(" | ");
    case "string":
      return t.canonicalValues ? [...t.canonicalValues.map(literal), "(string & {})"].join(" | ") : "string";
    case "integer":
    case "number":
      return "number";
    default:
      return "boolean";
  }
}

function renderValue(p: PropertyPlan): string {
  const t = renderType(p.type);
  if (!p.array) return t;
  return t.includes(" ") ? `Array<${t}>` : `${t}[]`;
}

/** One line of the RFC 7643 §2.2 characteristics that matter to a caller. */
export function characteristics(a: AttributeModel): string {
  const parts: string[] = [];
  if (a.required) parts.push("required");
  parts.push(a.mutability, `returned ${a.returned}`);
  if (a.uniqueness !== "none") parts.push(`unique (${a.uniqueness})`);
  if (a.caseExact) parts.push("caseExact");
  if (a.type === "dateTime") parts.push("xsd:dateTime (RFC 3339)");
  if (a.type === "binary") parts.push("base64");
  if (a.type === "integer") parts.push("integer");
  if (a.referenceTypes?.length) parts.push(`reference to ${a.referenceTypes.join(" | ")}`);
  return parts.join(" · ");
}

export function renderObject(o: ObjectPlan): string {
  let out = jsdoc([o.doc]);
  out += `export interface ${o.name} {\n`;
  for (const p of o.properties) {
    out += jsdoc([p.doc, p.attribute && p.doc ? "" : undefined, p.attribute ? characteristics(p.attribute) : undefined], "  ");
    out += `  ${propertyKey(p.key)}${p.optional ? "?" : ""}: ${renderValue(p)};\n`;
  }
  return out + "}\n";
}
