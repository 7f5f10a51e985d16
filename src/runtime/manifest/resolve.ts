import { COMMON_ATTRIBUTES } from "./common.js";
import type { AttributeModel, Manifest, ResourceTypeModel, SchemaModel } from "./model.js";

/** An attribute path resolved against one resource type (RFC 7644 §3.10). */
export interface ResolvedAttribute {
  /** URN of the schema that defines the top-level attribute. */
  readonly schema: string;
  /** True when the attribute lives under its extension URN key in the resource. */
  readonly extension: boolean;
  /** The top-level attribute. */
  readonly attribute: AttributeModel;
  /** The sub-attribute, when the path names one. */
  readonly subAttribute?: AttributeModel;
  /** Canonical path in declared case: "name.familyName", "urn:…:User:manager.value". */
  readonly path: string;
}

const lower = (s: string): string => s.toLowerCase();

function byName(attrs: readonly AttributeModel[]): Map<string, AttributeModel> {
  const map = new Map<string, AttributeModel>();
  for (const a of attrs) map.set(lower(a.name), a);
  return map;
}

/**
 * Case-insensitive look-ups of one resource type's attributes. URN-prefixed paths are
 * split on the longest known schema URN, so the dot in "2.0" is never a separator.
 */
export class ResourceTypeIndex {
  readonly resourceType: ResourceTypeModel;
  readonly coreSchema: SchemaModel;
  readonly extensions: readonly SchemaModel[];
  private readonly core: Map<string, AttributeModel>;
  private readonly ext = new Map<string, { schema: SchemaModel; attrs: Map<string, AttributeModel> }>();
  private readonly cache = new Map<string, ResolvedAttribute | null>();

  constructor(resourceType: ResourceTypeModel, schemas: ReadonlyMap<string, SchemaModel>) {
    this.resourceType = resourceType;
    const core = schemas.get(lower(resourceType.schema));
    if (!core) throw new Error(`resource type ${resourceType.name}: unknown schema ${resourceType.schema}`);
    this.coreSchema = core;
    this.core = byName([...COMMON_ATTRIBUTES, ...core.attributes]);
    const extensions: SchemaModel[] = [];
    for (const e of resourceType.schemaExtensions) {
      const schema = schemas.get(lower(e.schema));
      if (!schema) throw new Error(`resource type ${resourceType.name}: unknown extension ${e.schema}`);
      extensions.push(schema);
      this.ext.set(lower(schema.id), { schema, attrs: byName(schema.attributes) });
    }
    this.extensions = extensions;
  }

  /** The extension schema whose URN equals `urn` (case-insensitive), if any. */
  extension(urn: string): SchemaModel | undefined {
    return this.ext.get(lower(urn))?.schema;
  }

  /** Top-level attributes of the core schema, common attributes included. */
  coreAttributes(): IterableIterator<AttributeModel> {
    return this.core.values();
  }

  /** Resolves `attr`, `attr.sub`, `urn:…:attr` or `urn:…:attr.sub`; undefined when unknown. */
  resolve(path: string): ResolvedAttribute | undefined {
    const key = lower(path);
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.resolveUncached(path) ?? null;
      if (this.cache.size < 10_000) this.cache.set(key, hit);
    }
    return hit ?? undefined;
  }

  private resolveUncached(path: string): ResolvedAttribute | undefined {
    const key = lower(path);
    if (key.startsWith("urn:")) {
      const coreUrn = lower(this.coreSchema.id);
      if (key.startsWith(coreUrn + ":")) {
        return this.inSchema(this.coreSchema.id, false, this.core, path.slice(coreUrn.length + 1));
      }
      let best: string | undefined;
      for (const urn of this.ext.keys()) {
        if (key.startsWith(urn + ":") && (!best || urn.length > best.length)) best = urn;
      }
      if (!best) return undefined;
      const e = this.ext.get(best)!;
      return this.inSchema(e.schema.id, true, e.attrs, path.slice(best.length + 1));
    }
    return this.inSchema(this.coreSchema.id, false, this.core, path);
  }

  private inSchema(
    schema: string,
    extension: boolean,
    attrs: Map<string, AttributeModel>,
    rest: string,
  ): ResolvedAttribute | undefined {
    const parts = rest.split(".");
    if (parts.length > 2 || parts.some((p) => p === "")) return undefined;
    const attribute = attrs.get(lower(parts[0]!));
    if (!attribute) return undefined;
    const prefix = extension ? `${schema}:` : "";
    if (parts.length === 1) return { schema, extension, attribute, path: prefix + attribute.name };
    const subAttribute = attribute.subAttributes?.find((s) => lower(s.name) === lower(parts[1]!));
    if (!subAttribute) return undefined;
    return { schema, extension, attribute, subAttribute, path: `${prefix}${attribute.name}.${subAttribute.name}` };
  }
}

/** Look-ups over a whole manifest: resource types by name or endpoint, schemas by URN. */
export class ManifestIndex {
  readonly manifest: Manifest;
  private readonly schemas = new Map<string, SchemaModel>();
  private readonly types = new Map<string, ResourceTypeIndex>();
  /** The same by the exact spelling declared ("User", "Users"): what clients send. */
  private readonly declared = new Map<string, ResourceTypeIndex>();

  constructor(manifest: Manifest) {
    this.manifest = manifest;
    for (const s of manifest.schemas) this.schemas.set(lower(s.id), s);
    for (const rt of manifest.resourceTypes) {
      const index = new ResourceTypeIndex(rt, this.schemas);
      this.types.set(lower(rt.name), index);
      this.types.set(lower(rt.endpoint.replace(/^\//, "")), index);
      this.declared.set(rt.name, index).set(rt.endpoint.replace(/^\//, ""), index);
    }
  }

  schema(urn: string): SchemaModel | undefined {
    return this.schemas.get(lower(urn));
  }

  /** By resource type name ("User") or endpoint ("Users", "/Users"), case-insensitive. */
  resourceType(nameOrEndpoint: string): ResourceTypeIndex | undefined {
    return this.declared.get(nameOrEndpoint) ?? this.types.get(lower(nameOrEndpoint.replace(/^\//, "")));
  }
}
