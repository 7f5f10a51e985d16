import { isObject, isSchemaUrn, PROTOTYPE_MEMBERS, type JsonObject } from "./check-schema.js";
import { pointer, type SchemaProblem } from "./problem.js";

// Checks one resource type document (RFC 7643 §6) against the schemas that loaded.
// `schemas` maps lower-cased schema URN -> its raw attribute list.

export interface KnownSchema {
  readonly id: string;
  readonly file: string;
  readonly attributes: readonly unknown[];
}

export function checkResourceType(raw: JsonObject, file: string, schemas: ReadonlyMap<string, KnownSchema>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const report = (rule: SchemaProblem["rule"], at: string, message: string): void => {
    problems.push({ file, pointer: at, rule, message });
  };
  for (const key of ["name", "endpoint", "schema"] as const) {
    if (typeof raw[key] !== "string" || raw[key] === "") {
      report("missing-resource-type-field", pointer(key), `resource type has no ${key} (RFC 7643 §6: REQUIRED string)`);
    }
  }
  for (const key of ["id", "description"] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== "string") report("invalid-field", pointer(key), `resource type ${key} must be a string`);
  }
  if (typeof raw.name === "string" && !/^[A-Za-z][A-Za-z0-9_-]*$/.test(raw.name)) {
    report("invalid-field", pointer("name"), `resource type name ${JSON.stringify(raw.name)} must start with a letter and contain only letters, digits, "-" or "_"`);
  }
  // Resource types are looked up by name in plain objects (handlers, validators): a
  // prototype member's name would find the inherited function instead.
  if (typeof raw.name === "string" && PROTOTYPE_MEMBERS.has(raw.name.toLowerCase())) {
    report("prototype-member-name", pointer("name"), `resource type name "${raw.name}" is the name of an Object.prototype member (compared case-insensitively); it cannot be looked up safely, choose another name`);
  }
  if (typeof raw.endpoint === "string" && !/^\/[A-Za-z0-9._~-]+$/.test(raw.endpoint)) {
    report("invalid-endpoint", pointer("endpoint"), `endpoint ${JSON.stringify(raw.endpoint)} must be one relative path segment such as "/Users" (RFC 7643 §6)`);
  }
  if (typeof raw.schema === "string" && raw.schema !== "" && !schemas.has(raw.schema.toLowerCase())) {
    report("unknown-schema", pointer("schema"), `resource type names schema "${raw.schema}", which no input defines`);
  }
  const ext = raw.schemaExtensions;
  if (ext === undefined) return problems;
  if (!Array.isArray(ext)) {
    report("invalid-field", pointer("schemaExtensions"), "schemaExtensions must be an array of { schema, required } (RFC 7643 §6)");
    return problems;
  }
  // attribute name (lower case) -> extension URN that first defined it
  const owners = new Map<string, string>();
  const listed = new Set<string>([typeof raw.schema === "string" ? raw.schema.toLowerCase() : ""]);
  ext.forEach((e, i) => {
    if (!isObject(e) || !isSchemaUrn(e.schema)) {
      report("invalid-field", pointer("schemaExtensions", i, "schema"), "each schema extension needs a schema URN (RFC 7643 §6)");
      return;
    }
    if (e.required !== undefined && typeof e.required !== "boolean") {
      report("invalid-field", pointer("schemaExtensions", i, "required"), "schema extension required must be true or false");
    }
    const urn = e.schema;
    if (listed.has(urn.toLowerCase())) {
      report("duplicate-extension", pointer("schemaExtensions", i, "schema"), `schema "${urn}" is already the core schema or listed as an extension`);
      return;
    }
    listed.add(urn.toLowerCase());
    const schema = schemas.get(urn.toLowerCase());
    if (!schema) {
      report("unknown-extension", pointer("schemaExtensions", i, "schema"), `schema extension "${urn}" is not defined by any input`);
      return;
    }
    for (const a of schema.attributes) {
      if (!isObject(a) || typeof a.name !== "string") continue;
      const owner = owners.get(a.name.toLowerCase());
      // The same name twice within one extension is that schema's duplicate-attribute-name.
      if (owner !== undefined && owner !== schema.id) {
        report("duplicate-extension-attribute", pointer("schemaExtensions", i, "schema"), `extensions "${owner}" and "${schema.id}" both define attribute "${a.name}"; unprefixed paths would be ambiguous`);
      } else owners.set(a.name.toLowerCase(), schema.id);
    }
  });
  return problems;
}
