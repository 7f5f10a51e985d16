import type {
  AttributeModel,
  AttributeType,
  Manifest,
  Mutability,
  ResourceTypeModel,
  Returned,
  SchemaModel,
  Uniqueness,
} from "../runtime/manifest/model.js";

// Raw schema JSON -> IR, applying the RFC 7643 §2.2 defaults for missing characteristics
// (required=false, caseExact=false, mutability=readWrite, returned=default,
// uniqueness=none, type=string). Input is assumed already checked by src/schema; this
// function never mutates it and builds objects without prototype-sensitive keys.

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;

export function buildAttribute(raw: Json): AttributeModel {
  const type = (str(raw.type) ?? "string") as AttributeType;
  const attr: {
    -readonly [K in keyof AttributeModel]: AttributeModel[K];
  } = {
    name: str(raw.name) ?? "",
    type,
    multiValued: raw.multiValued === true,
    required: raw.required === true,
    caseExact: raw.caseExact === true,
    mutability: (str(raw.mutability) ?? "readWrite") as Mutability,
    returned: (str(raw.returned) ?? "default") as Returned,
    uniqueness: (str(raw.uniqueness) ?? "none") as Uniqueness,
  };
  const description = str(raw.description);
  if (description !== undefined) attr.description = description;
  const canonicalValues = strings(raw.canonicalValues);
  if (canonicalValues && canonicalValues.length > 0) attr.canonicalValues = canonicalValues;
  const referenceTypes = strings(raw.referenceTypes);
  if (referenceTypes && referenceTypes.length > 0) attr.referenceTypes = referenceTypes;
  if (type === "complex" && Array.isArray(raw.subAttributes)) {
    attr.subAttributes = (raw.subAttributes as Json[]).map(buildAttribute);
  }
  return attr;
}

export function buildSchema(raw: Json): SchemaModel {
  const schema: { -readonly [K in keyof SchemaModel]: SchemaModel[K] } = {
    id: str(raw.id) ?? "",
    name: str(raw.name) ?? "",
    attributes: Array.isArray(raw.attributes) ? (raw.attributes as Json[]).map(buildAttribute) : [],
  };
  const description = str(raw.description);
  if (description !== undefined) schema.description = description;
  return schema;
}

export function buildResourceType(raw: Json): ResourceTypeModel {
  const name = str(raw.name) ?? "";
  const rt: { -readonly [K in keyof ResourceTypeModel]: ResourceTypeModel[K] } = {
    id: str(raw.id) ?? name,
    name,
    endpoint: str(raw.endpoint) ?? `/${name}`,
    schema: str(raw.schema) ?? "",
    schemaExtensions: Array.isArray(raw.schemaExtensions)
      ? (raw.schemaExtensions as Json[]).map((e) => ({ schema: str(e.schema) ?? "", required: e.required === true }))
      : [],
  };
  const description = str(raw.description);
  if (description !== undefined) rt.description = description;
  return rt;
}

/** Builds the IR. Schemas and resource types keep their input order; emitters sort. */
export function buildManifest(schemas: readonly Json[], resourceTypes: readonly Json[]): Manifest {
  return { schemas: schemas.map(buildSchema), resourceTypes: resourceTypes.map(buildResourceType) };
}
