import { ScimError } from "../errors.js";
import type { AttributeModel, Manifest, SchemaModel } from "../manifest/model.js";

// Discovery documents (RFC 7644 §4, RFC 7643 §5-§7) built from the manifest. They must be
// true: every feature advertised here is one the pipeline implements, so changePassword
// follows the schemas, bulk is on only with its limits, and the authentication schemes
// come from the configured auth.

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RT_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

/** RFC 7643 §5 authenticationSchemes entry. */
export interface AuthenticationScheme {
  readonly type: string;
  readonly name: string;
  readonly description: string;
  readonly specUri?: string;
  readonly documentationUri?: string;
  readonly primary?: boolean;
}

export interface DiscoveryOptions {
  readonly maxResults: number;
  /** Page size without a count, for both paging methods (RFC 9865 §4). */
  readonly defaultPageSize: number;
  readonly maxPayloadSize: number;
  readonly patch: boolean;
  /** RFC 7644 §3.7.4 limits; absent when /Bulk is off. */
  readonly bulk?: { readonly maxOperations: number; readonly maxPayloadSize: number };
  /** RFC 9865 §4 cursor settings; absent when cursors are off (index paging only). */
  readonly cursors?: { readonly maxPageSize: number; readonly cursorTimeout: number };
  readonly authenticationSchemes: readonly AuthenticationScheme[];
  readonly documentationUri?: string;
}

type Json = Record<string, unknown>;

function attribute(a: AttributeModel): Json {
  const out: Json = {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description ?? "",
    required: a.required,
    caseExact: a.caseExact,
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
  };
  if (a.canonicalValues) out.canonicalValues = a.canonicalValues;
  if (a.referenceTypes) out.referenceTypes = a.referenceTypes;
  if (a.subAttributes) out.subAttributes = a.subAttributes.map(attribute);
  return out;
}

/**
 * RFC 7643 §5 changePassword: PUT and PATCH write a `password` attribute like any other
 * (RFC 7643 §4.1.1), so it is supported exactly when a served schema has a writable one.
 */
function passwordWritable(manifest: Manifest): boolean {
  return manifest.schemas.some((s) => s.attributes.some((a) => a.name.toLowerCase() === "password" && a.mutability !== "readOnly" && a.mutability !== "immutable"));
}

/** The documents for one base URL; cheap to serve because they are built once per base. */
export class Discovery {
  readonly serviceProviderConfig: Json;
  readonly resourceTypes: readonly Json[];
  readonly schemas: readonly Json[];
  private readonly rtById = new Map<string, Json>();
  private readonly schemaById = new Map<string, Json>();

  constructor(manifest: Manifest, baseUrl: string, options: DiscoveryOptions) {
    const spc: Json = {
      schemas: [SPC_SCHEMA],
      patch: { supported: options.patch },
      bulk: options.bulk ? { supported: true, ...options.bulk } : { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: options.maxResults },
      // RFC 9865 §4: index paging stays the default method.
      pagination: options.cursors
        ? { cursor: true, index: true, defaultPaginationMethod: "index", defaultPageSize: options.defaultPageSize, ...options.cursors }
        : { cursor: false, index: true, defaultPaginationMethod: "index", defaultPageSize: options.defaultPageSize, maxPageSize: options.maxResults },
      changePassword: { supported: passwordWritable(manifest) },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: options.authenticationSchemes,
      meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
    };
    if (options.documentationUri) spc.documentationUri = options.documentationUri;
    this.serviceProviderConfig = spc;
    this.resourceTypes = manifest.resourceTypes.map((rt) => {
      const doc: Json = {
        schemas: [RT_SCHEMA],
        id: rt.id,
        name: rt.name,
        endpoint: rt.endpoint,
        description: rt.description ?? "",
        schema: rt.schema,
        schemaExtensions: rt.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
        meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/${encodeURIComponent(rt.id)}` },
      };
      this.rtById.set(rt.id.toLowerCase(), doc);
      return doc;
    });
    this.schemas = manifest.schemas.map((s: SchemaModel) => {
      const doc: Json = {
        schemas: [SCHEMA_SCHEMA],
        id: s.id,
        name: s.name,
        description: s.description ?? "",
        attributes: s.attributes.map(attribute),
        meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${s.id}` },
      };
      this.schemaById.set(s.id.toLowerCase(), doc);
      return doc;
    });
  }

  resourceType(id: string): Json {
    const doc = this.rtById.get(id.toLowerCase());
    if (!doc) throw ScimError.notFound(`resource type ${JSON.stringify(id.slice(0, 120))} not found`);
    return doc;
  }

  schema(id: string): Json {
    const doc = this.schemaById.get(id.toLowerCase());
    if (!doc) throw ScimError.notFound(`schema ${JSON.stringify(id.slice(0, 200))} not found`);
    return doc;
  }
}
