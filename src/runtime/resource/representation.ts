import type { AttributeModel, SchemaModel } from "../manifest/model.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import type { StoredResource } from "../stores/contract.js";
import { etagFor } from "./etag.js";
import { setOwn, type JsonObject } from "./values.js";

// RFC 7643 §3.1: the representation of a stored resource: its data without any value
// that is never returned (returned "never", mutability writeOnly such as password), plus
// `meta` built by the kernel. Nested values are shared with `stored.data`, not copied.

/** Lower-case name → lower-case names of sub-attributes never returned (or "all"). */
type Hidden = Map<string, "all" | Set<string>>;

interface Plan {
  readonly core: Hidden;
  readonly extensions: Map<string, Hidden>;
}

const plans = new WeakMap<ResourceTypeIndex, Plan>();

const neverReturned = (a: AttributeModel): boolean => a.returned === "never" || a.mutability === "writeOnly";

function hidden(attrs: Iterable<AttributeModel>): Hidden {
  const map: Hidden = new Map();
  for (const a of attrs) {
    if (neverReturned(a)) map.set(a.name.toLowerCase(), "all");
    else {
      const subs = (a.subAttributes ?? []).filter(neverReturned).map((s) => s.name.toLowerCase());
      if (subs.length > 0) map.set(a.name.toLowerCase(), new Set(subs));
    }
  }
  return map;
}

function planFor(index: ResourceTypeIndex): Plan {
  let plan = plans.get(index);
  if (!plan) {
    const extensions = new Map<string, Hidden>();
    for (const s of index.extensions as readonly SchemaModel[]) extensions.set(s.id.toLowerCase(), hidden(s.attributes));
    plan = { core: hidden(index.coreAttributes()), extensions };
    plans.set(index, plan);
  }
  return plan;
}

function withoutHidden(value: unknown, subs: Set<string>): unknown {
  const strip = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const out: JsonObject = {};
    for (const k of Object.keys(v)) if (!subs.has(k.toLowerCase())) setOwn(out, k, (v as JsonObject)[k]);
    return out;
  };
  return Array.isArray(value) ? value.map(strip) : strip(value);
}

function copyLevel(data: JsonObject, into: JsonObject, rules: Hidden, plan: Plan | undefined): void {
  for (const k of Object.keys(data)) {
    const lower = k.toLowerCase();
    if (plan && (lower === "schemas" || lower === "id" || lower === "meta")) continue;
    const ext = plan?.extensions.get(lower);
    if (ext) {
      const v = data[k];
      if (typeof v === "object" && v !== null && !Array.isArray(v)) {
        const sub: JsonObject = {};
        copyLevel(v as JsonObject, sub, ext, undefined);
        setOwn(into, k, sub);
      }
      continue;
    }
    const rule = rules.get(lower);
    if (rule === "all") continue;
    setOwn(into, k, rule ? withoutHidden(data[k], rule) : data[k]);
  }
}

/** Absolute location of a resource: base URL (no trailing slash) + endpoint + id. */
export function locationFor(baseUrl: string, index: ResourceTypeIndex, id: string): string {
  const base = baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl;
  const endpoint = index.resourceType.endpoint.startsWith("/") ? index.resourceType.endpoint : `/${index.resourceType.endpoint}`;
  return `${base}${endpoint}/${encodeURIComponent(id)}`;
}

/**
 * The resource as returned (before projection): schemas, id, the stored attributes in
 * their order minus never-returned values, then meta {resourceType, created,
 * lastModified, location, version} (RFC 7643 §3.1, RFC 7644 §3.14).
 */
export function toRepresentation(stored: Omit<StoredResource, "resourceType">, index: ResourceTypeIndex, baseUrl: string): Record<string, unknown> {
  const plan = planFor(index);
  const data = stored.data;
  const out: JsonObject = {};
  out.schemas = Array.isArray(data.schemas) ? data.schemas : [index.resourceType.schema];
  out.id = stored.id;
  copyLevel(data, out, plan.core, plan);
  out.meta = {
    resourceType: index.resourceType.name,
    created: stored.created,
    lastModified: stored.lastModified,
    location: locationFor(baseUrl, index, stored.id),
    version: etagFor(stored.version),
  };
  return out;
}
