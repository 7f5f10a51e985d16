import type { ResourceTypeIndex } from "../manifest/resolve.js";

// legacySchemaUrns: SCIM 1.1-style URNs (OneLogin's "(Core Schema v1.1)" templates send
// `urn:scim:schemas:core:1.0`, its v2 templates `urn:scim:schemas:core:2.0`) and Entra's old
// documentation typo `…:enterprise:2.0User`, in `schemas` and as extension keys, renamed to
// the resource type's own core and enterprise URNs. Input is never changed.

type Json = Record<string, unknown>;

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const LEGACY_CORE = /^urn:scim:schemas:core:[12]\.0$/i;
const LEGACY_ENTERPRISE = /^urn:scim:schemas:extension:enterprise:[12]\.0$|^urn:ietf:params:scim:schemas:extension:enterprise:2\.0User$/i;

/** The RFC URN a legacy one stands for in `type`, or undefined. */
function modernUrn(urn: string, type: ResourceTypeIndex): string | undefined {
  if (LEGACY_CORE.test(urn)) return type.coreSchema.id;
  if (LEGACY_ENTERPRISE.test(urn)) return type.extension(ENTERPRISE)?.id;
  return undefined;
}

/** Cheap pre-check before the regular expressions: every legacy URN has one of these shapes. */
const mayBeLegacy = (s: string): boolean => s.startsWith("urn:scim:") || s.endsWith("2.0User");

/** `schemas` entries and extension keys in SCIM 1.1 spelling renamed. */
export function modernSchemas(body: Json, type: ResourceTypeIndex): Json {
  let out: Json | undefined;
  const schemas = body.schemas;
  if (Array.isArray(schemas) && schemas.some((u) => typeof u === "string" && mayBeLegacy(u) && modernUrn(u, type))) {
    // Set: linear however long a hostile `schemas` array is
    out = { ...body, schemas: [...new Set(schemas.map((u) => (typeof u === "string" ? modernUrn(u, type) ?? u : u)))] };
  }
  for (const key of Object.keys(body)) {
    const urn = mayBeLegacy(key) ? modernUrn(key, type) : undefined;
    if (!urn || urn === type.coreSchema.id || Object.hasOwn(body, urn)) continue;
    out ??= { ...body };
    out[urn] = body[key];
    delete out[key];
  }
  return out ?? body;
}

