import { COMMON_ATTRIBUTES, META_ATTRIBUTE } from "../../runtime/manifest/common.js";
import type { AttributeModel, Manifest, ResourceTypeModel, SchemaModel } from "../../runtime/manifest/model.js";
import { NameAllocator, pascal, singular } from "./names.js";

// The shape of every generated type, decided once from the IR and rendered twice: as
// TypeScript (models.ts) and as JSON Schema (schema.json). Two variants per object:
// "resource" is what a server returns (returned:never omitted, RFC 7643 §2.2) and "input"
// what a client sends on POST/PUT (readOnly omitted, RFC 7644 §3.3, §3.5.1).

export type Variant = "resource" | "input";

export type ValueType =
  | { readonly kind: "string"; readonly format?: "date-time" | "uri" | "base64"; readonly canonicalValues?: readonly string[] }
  | { readonly kind: "boolean" | "number" | "integer" }
  | { readonly kind: "object"; readonly name: string }
  | { readonly kind: "literals"; readonly values: readonly string[] };

export interface PropertyPlan {
  /** The declared attribute name or an extension URN. */
  readonly key: string;
  readonly type: ValueType;
  readonly array: boolean;
  readonly optional: boolean;
  readonly attribute?: AttributeModel;
  readonly doc?: string;
}

export interface ObjectPlan {
  readonly name: string;
  readonly doc?: string;
  readonly properties: readonly PropertyPlan[];
}

export interface ResourcePlan {
  readonly resourceType: ResourceTypeModel;
  readonly core: SchemaModel;
  readonly extensions: readonly SchemaModel[];
  /** Type names, all allocated up front so they are stable and unique. */
  readonly names: Readonly<Record<"resource" | "create" | "replace" | "schemaUrn" | "corePath" | "attributePath" | "valuePaths" | "patchPath" | "patchValue" | "patchOperation" | "patchRequest" | "filter", string>>;
}

export interface ModelPlan {
  readonly objects: readonly ObjectPlan[];
  readonly resources: readonly ResourcePlan[];
  readonly metaName: string;
}

const SUFFIXES = {
  resource: "", create: "CreateInput", replace: "ReplaceInput", schemaUrn: "SchemaUrn", corePath: "CorePath",
  attributePath: "AttributePath", valuePaths: "ValuePaths", patchPath: "PatchPath", patchValue: "PatchValue",
  patchOperation: "PatchOperation", patchRequest: "PatchRequest", filter: "Filter",
} as const;

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function planModels(ir: Manifest): ModelPlan {
  const alloc = new NameAllocator(["Filter", "Manifest", "ScimMeta"]);
  const schemas = new Map(ir.schemas.map((s) => [s.id.toLowerCase(), s]));
  const resources: ResourcePlan[] = [...ir.resourceTypes].sort(byName).map((rt) => {
    const base = pascal(rt.name);
    const names = Object.fromEntries(Object.entries(SUFFIXES).map(([k, suffix]) => [k, alloc.take(base + suffix)]));
    // The loader guarantees these exist; an IR built by hand might not.
    const find = (urn: string): SchemaModel => {
      const s = schemas.get(urn.toLowerCase());
      if (!s) throw new Error(`resource type ${rt.name} names schema ${urn}, which the IR does not contain`);
      return s;
    };
    return { resourceType: rt, core: find(rt.schema), extensions: rt.schemaExtensions.map((e) => find(e.schema)), names: names as ResourcePlan["names"] };
  });

  const objects: ObjectPlan[] = [];
  const complex = new ComplexTypes(alloc, objects);
  const metaName = "ScimMeta";
  complex.preset(META_ATTRIBUTE, metaName);
  objects.push({ name: metaName, doc: META_ATTRIBUTE.description, properties: properties(META_ATTRIBUTE.subAttributes ?? [], "resource", complex, "") });

  const extensionNames = new Map<string, { resource: string; input: string }>();
  for (const r of resources) {
    const attrs = [...COMMON_ATTRIBUTES, ...r.core.attributes];
    const prefix = pascal(r.resourceType.name);
    const schemasProp: PropertyPlan = {
      key: "schemas",
      type: { kind: "literals", values: [r.core.id, ...r.extensions.map((e) => e.id)] },
      array: true,
      optional: false,
      doc: "Schema URNs of the core schema and each extension present (RFC 7643 §3).",
    };
    for (const ext of r.extensions) {
      if (extensionNames.has(ext.id)) continue;
      const extBase = pascal(ext.name || ext.id.slice(ext.id.lastIndexOf(":") + 1));
      const resource = alloc.take(extBase);
      const resourceProps = properties(ext.attributes, "resource", complex, extBase);
      const inputProps = properties(ext.attributes, "input", complex, extBase);
      const input = sameShape(resourceProps, inputProps) ? resource : alloc.take(`${extBase}Input`);
      objects.push({ name: resource, doc: ext.description ?? ext.name, properties: resourceProps });
      if (input !== resource) objects.push({ name: input, doc: `${ext.description ?? ext.name} (as sent by a client: no readOnly attributes)`, properties: inputProps });
      extensionNames.set(ext.id, { resource, input });
    }
    const extProps = (variant: Variant): PropertyPlan[] =>
      r.extensions.map((ext, i) => ({
        key: ext.id,
        type: { kind: "object", name: extensionNames.get(ext.id)![variant] },
        array: false,
        optional: !r.resourceType.schemaExtensions[i]!.required,
        doc: `Extension ${ext.name || ext.id} (RFC 7643 §3: keyed by its schema URN).`,
      }));
    const doc = r.resourceType.description ?? r.core.description;
    objects.push({ name: r.names.resource, doc, properties: [schemasProp, ...properties(attrs, "resource", complex, prefix), ...extProps("resource")] });
    const createProps = [schemasProp, ...properties(attrs, "input", complex, prefix), ...extProps("input")];
    objects.push({ name: r.names.create, doc: `${r.resourceType.name} as sent in POST ${r.resourceType.endpoint} (RFC 7644 §3.3): readOnly attributes omitted.`, properties: createProps });
    const id: PropertyPlan = { key: "id", type: { kind: "string" }, array: false, optional: true, doc: "Ignored by the server if present; the id comes from the URL (RFC 7644 §3.5.1)." };
    objects.push({ name: r.names.replace, doc: `${r.resourceType.name} as sent in PUT ${r.resourceType.endpoint}/{id} (RFC 7644 §3.5.1).`, properties: [schemasProp, id, ...createProps.slice(1)] });
  }
  return { objects, resources, metaName };
}

class ComplexTypes {
  private readonly named = new Map<AttributeModel, { base: string; same: boolean; resource?: string; input?: string }>();
  constructor(private readonly alloc: NameAllocator, private readonly objects: ObjectPlan[]) {}

  /** A type name for `attr` in `variant`; the object plan is added the first time a variant is asked for. */
  nameFor(attr: AttributeModel, prefix: string, variant: Variant): string {
    let entry = this.named.get(attr);
    const subs = attr.subAttributes ?? [];
    if (!entry) {
      const base = prefix + pascal(attr.multiValued ? singular(attr.name) : attr.name);
      entry = { base, same: sameShape(properties(subs, "resource", this, base), properties(subs, "input", this, base)) };
      this.named.set(attr, entry);
    }
    const existing = entry[variant] ?? (entry.same ? entry[variant === "input" ? "resource" : "input"] : undefined);
    if (existing) return (entry[variant] = existing);
    const name = this.alloc.take(variant === "input" && !entry.same ? `${entry.base}Input` : entry.base);
    entry[variant] = name;
    this.objects.push({ name, doc: attr.description, properties: properties(subs, variant, this, entry.base) });
    return name;
  }

  /** Uses `name` for `attr` in both variants (the common `meta` type). */
  preset(attr: AttributeModel, name: string): void {
    this.named.set(attr, { base: name, same: true, resource: name, input: name });
  }
}

function properties(attrs: readonly AttributeModel[], variant: Variant, complex: ComplexTypes, prefix: string): PropertyPlan[] {
  const out: PropertyPlan[] = [];
  for (const a of attrs) {
    if (variant === "resource" && a.returned === "never") continue;
    if (variant === "input" && a.mutability === "readOnly") continue;
    const optional = variant === "resource" ? !((a.required || a.returned === "always") && a.returned !== "request") : !a.required;
    const plan: PropertyPlan = { key: a.name, type: valueType(a, variant, complex, prefix), array: a.multiValued, optional, attribute: a };
    out.push(a.description !== undefined ? { ...plan, doc: a.description } : plan);
  }
  return out;
}

function valueType(a: AttributeModel, variant: Variant, complex: ComplexTypes, prefix: string): ValueType {
  switch (a.type) {
    case "complex":
      return { kind: "object", name: complex.nameFor(a, prefix, variant) };
    case "boolean":
      return { kind: "boolean" };
    case "integer":
      return { kind: "integer" };
    case "decimal":
      return { kind: "number" };
    case "dateTime":
      return { kind: "string", format: "date-time" };
    case "binary":
      return { kind: "string", format: "base64" };
    case "reference":
      return { kind: "string", format: "uri" };
    default:
      return a.canonicalValues?.length ? { kind: "string", canonicalValues: a.canonicalValues } : { kind: "string" };
  }
}

function sameShape(a: readonly PropertyPlan[], b: readonly PropertyPlan[]): boolean {
  return a.length === b.length && a.every((p, i) => p.key === b[i]!.key && p.optional === b[i]!.optional && sameType(p.type, b[i]!.type));
}

const sameType = (a: ValueType, b: ValueType): boolean =>
  a.kind === b.kind && (a.kind !== "object" || (b.kind === "object" && a.name === b.name));
