// The intermediate model (IR) of SCIM schemas and resource types, RFC 7643 §2, §6, §7.
// It is what src/ir builds from schema JSON, what every emitter reads, and what the
// generated `manifest.ts` embeds as a constant for the runtime kernel. Every
// characteristic is explicit: the loader applies the RFC 7643 §2.2 defaults.

export type AttributeType =
  | "string"
  | "boolean"
  | "decimal"
  | "integer"
  | "dateTime"
  | "binary"
  | "reference"
  | "complex";

export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";
export type Uniqueness = "none" | "server" | "global";

export interface AttributeModel {
  /** Declared name, case kept; look-ups are case-insensitive (RFC 7643 §2.1). */
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly description?: string;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  /** Present (possibly empty only in invalid input) when type is "complex". */
  readonly subAttributes?: readonly AttributeModel[];
}

export interface SchemaModel {
  /** The schema URN, e.g. urn:ietf:params:scim:schemas:core:2.0:User */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly attributes: readonly AttributeModel[];
}

export interface SchemaExtensionModel {
  readonly schema: string;
  readonly required: boolean;
}

export interface ResourceTypeModel {
  /** RFC 7643 §6 `id`; defaults to `name`. */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  /** Relative endpoint, e.g. "/Users". */
  readonly endpoint: string;
  /** The core schema URN. */
  readonly schema: string;
  readonly schemaExtensions: readonly SchemaExtensionModel[];
}

/** The whole IR: every schema (core and extensions) and every resource type. */
export interface Manifest {
  readonly schemas: readonly SchemaModel[];
  readonly resourceTypes: readonly ResourceTypeModel[];
}
