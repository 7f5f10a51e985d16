import type { AttributeModel } from "./model.js";

// RFC 7643 §3.1: attributes every resource has, defined outside any schema's attribute
// list. They are resolved as if they were part of the resource type's core schema.

const readOnly = {
  multiValued: false,
  required: false,
  mutability: "readOnly",
  uniqueness: "none",
} as const;

export const ID_ATTRIBUTE: AttributeModel = {
  ...readOnly,
  name: "id",
  type: "string",
  caseExact: true,
  returned: "always",
  uniqueness: "server",
  description: "A unique identifier for a SCIM resource as defined by the service provider.",
};

export const EXTERNAL_ID_ATTRIBUTE: AttributeModel = {
  name: "externalId",
  type: "string",
  multiValued: false,
  required: false,
  caseExact: true,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  description: "A String that is an identifier for the resource as defined by the provisioning client.",
};

const metaSub = (name: string, type: AttributeModel["type"], caseExact: boolean, extra: Partial<AttributeModel> = {}): AttributeModel => ({
  ...readOnly,
  name,
  type,
  caseExact,
  returned: "default",
  ...extra,
});

export const META_ATTRIBUTE: AttributeModel = {
  ...readOnly,
  name: "meta",
  type: "complex",
  caseExact: false,
  returned: "default",
  description: "Resource metadata.",
  subAttributes: [
    metaSub("resourceType", "string", true),
    metaSub("created", "dateTime", false),
    metaSub("lastModified", "dateTime", false),
    metaSub("location", "reference", true, { referenceTypes: ["uri"] }),
    metaSub("version", "string", true),
  ],
};

/** `schemas` is a multi-valued URI list present in every representation (RFC 7643 §3). */
export const SCHEMAS_ATTRIBUTE: AttributeModel = {
  name: "schemas",
  type: "reference",
  multiValued: true,
  required: true,
  caseExact: true,
  mutability: "readWrite",
  returned: "always",
  uniqueness: "none",
  referenceTypes: ["uri"],
};

export const COMMON_ATTRIBUTES: readonly AttributeModel[] = [
  ID_ATTRIBUTE,
  EXTERNAL_ID_ATTRIBUTE,
  META_ATTRIBUTE,
];

/** Names a user schema must not redefine. */
export const RESERVED_ATTRIBUTE_NAMES: readonly string[] = ["id", "meta", "schemas"];
