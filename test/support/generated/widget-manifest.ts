import { buildManifest } from "../../../src/ir/build.js";
import type { Manifest } from "../../../src/runtime/manifest/model.js";

// A deliberately awkward schema for validator tests: every attribute type, every
// mutability, required text at every level, a required extension, and names that are
// dangerous as JS keys or identifiers.

export const WIDGET = "urn:example:scim:schemas:Widget";
export const WIDGET_EXT = "urn:example:scim:schemas:extension:Audit:2.0:Widget";

export function widgetManifest(): Manifest {
  return buildManifest(
    [
      {
        id: WIDGET,
        name: "Widget",
        attributes: [
          { name: "label", type: "string", required: true },
          { name: "__proto__", type: "string" },
          { name: "constructor", type: "integer" },
          { name: "default", type: "decimal" },
          { name: "class", type: "dateTime" },
          { name: "x-foo", type: "binary" },
          { name: "2fa", type: "boolean" },
          { name: "homepage", type: "reference", referenceTypes: ["uri"] },
          { name: "owner", type: "reference", referenceTypes: ["User", "Group"] },
          { name: "tags", type: "string", multiValued: true, canonicalValues: ["red", "green"] },
          { name: "color", type: "string", canonicalValues: ["Red", "Green"], caseExact: true },
          { name: "serial", type: "string", mutability: "immutable" },
          { name: "badges", type: "string", multiValued: true, mutability: "immutable" },
          { name: "secret", type: "string", mutability: "writeOnly", returned: "never" },
          { name: "computed", type: "string", mutability: "readOnly" },
          {
            name: "size",
            type: "complex",
            subAttributes: [
              { name: "width", type: "integer", required: true },
              { name: "unit", type: "string", mutability: "immutable" },
              { name: "hasOwnProperty", type: "string" },
            ],
          },
          // required text sub-attributes, in elements and in a single complex value
          { name: "parts", type: "complex", multiValued: true, subAttributes: [{ name: "value", type: "string", required: true }, { name: "note", type: "string" }] },
          {
            name: "spec",
            type: "complex",
            subAttributes: [
              { name: "link", type: "reference", referenceTypes: ["Widget", "external"], required: true },
              { name: "cert", type: "binary", required: true },
            ],
          },
        ],
      },
      { id: WIDGET_EXT, name: "Audit", attributes: [{ name: "reviewer", type: "string", required: true }, { name: "stamp", type: "string", mutability: "readOnly" }] },
    ],
    [{ name: "Widget", endpoint: "/Widgets", schema: WIDGET, schemaExtensions: [{ schema: WIDGET_EXT, required: true }] }],
  );
}
