import type { AttributeModel } from "../../manifest/model.js";
import type { ManifestIndex, ResourceTypeIndex } from "../../manifest/resolve.js";
import { referenceRule, type ReferenceRule } from "../../resource/members.js";

export type { ReferenceRule };

// What a store needs to know about one resource type, read once from the manifest at
// open(): which attributes are unique (RFC 7643 §2.2 `uniqueness`) and which attributes
// hold references to other resources of the same tenant (Group.members).

/** A single-valued top-level attribute whose value must be unique per tenant. */
export interface UniqueRule {
  /** Canonical path in declared case, e.g. "userName" or "urn:…:User:employeeNumber". */
  readonly path: string;
  /** Extension URN when the attribute lives under its extension key, else undefined. */
  readonly extension: string | undefined;
  readonly attribute: AttributeModel;
  /** Compare case-sensitively? userName is always case-insensitive (RFC 7643 §4.1.1). */
  readonly caseExact: boolean;
}

export interface TypeRules {
  /** Resource type name as declared, e.g. "User". */
  readonly name: string;
  readonly index: ResourceTypeIndex;
  readonly unique: readonly UniqueRule[];
  readonly references: readonly ReferenceRule[];
}

function uniqueRule(attribute: AttributeModel, extension: string | undefined): UniqueRule | undefined {
  // `id` is unique by construction (the primary key); multi-valued and complex values are
  // not indexed for uniqueness: the RFC gives no equality rule for them.
  if (attribute.uniqueness === "none" || attribute.multiValued || attribute.type === "complex") return undefined;
  if (!extension && attribute.name.toLowerCase() === "id") return undefined;
  const isUserName = !extension && attribute.name.toLowerCase() === "username";
  const path = extension ? `${extension}:${attribute.name}` : attribute.name;
  return { path, extension, attribute, caseExact: isUserName ? false : attribute.caseExact };
}

/** Rules for every resource type of the manifest, keyed by lower-cased type name. */
export function readRules(manifest: ManifestIndex): Map<string, TypeRules> {
  const typeNames = new Set(manifest.manifest.resourceTypes.map((rt) => rt.name.toLowerCase()));
  const rules = new Map<string, TypeRules>();
  for (const rt of manifest.manifest.resourceTypes) {
    const index = manifest.resourceType(rt.name)!;
    const unique: UniqueRule[] = [];
    const references: ReferenceRule[] = [];
    for (const attribute of index.coreAttributes()) {
      const u = uniqueRule(attribute, undefined);
      if (u) unique.push(u);
      const r = referenceRule(attribute, typeNames);
      if (r) references.push(r);
    }
    for (const ext of index.extensions) {
      for (const attribute of ext.attributes) {
        const u = uniqueRule(attribute, ext.id);
        if (u) unique.push(u);
      }
    }
    rules.set(rt.name.toLowerCase(), { name: rt.name, index, unique, references });
  }
  return rules;
}
