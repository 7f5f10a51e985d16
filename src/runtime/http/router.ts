import { ScimError } from "../errors.js";
import type { ManifestIndex, ResourceTypeIndex } from "../manifest/resolve.js";

// Maps a path below the SCIM base to an endpoint (RFC 7644 §3.2). Segments are matched
// before decoding, so an encoded slash can never create a new segment; "." and ".."
// segments and malformed ids are refused here, before any store sees them.

export type Route =
  | { readonly kind: "serviceProviderConfig" }
  | { readonly kind: "resourceTypes"; readonly id?: string }
  | { readonly kind: "schemas"; readonly id?: string }
  | { readonly kind: "root" }
  | { readonly kind: "rootSearch" }
  | { readonly kind: "me" }
  | { readonly kind: "bulk" }
  | { readonly kind: "collection"; readonly type: ResourceTypeIndex }
  | { readonly kind: "search"; readonly type: ResourceTypeIndex }
  | { readonly kind: "resource"; readonly type: ResourceTypeIndex; readonly id: string };

/** Methods each kind of route answers; anything else is 405 with an Allow header. */
export const ALLOWED: Readonly<Record<Route["kind"], readonly string[]>> = {
  serviceProviderConfig: ["GET"],
  resourceTypes: ["GET"],
  schemas: ["GET"],
  root: ["GET"],
  rootSearch: ["POST"],
  me: ["GET", "PUT", "PATCH", "DELETE"],
  bulk: ["POST"],
  collection: ["GET", "POST"],
  search: ["POST"],
  resource: ["GET", "PUT", "PATCH", "DELETE"],
};

export const MAX_ID_LENGTH = 1024;

function notFound(path: string): ScimError {
  const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path;
  return ScimError.notFound(`no SCIM endpoint at ${JSON.stringify(shown)}`);
}

export function decodeSegment(segment: string, path: string): string {
  if (!segment.includes("%")) return segment; // the common case: ids are plain UUIDs
  try {
    return decodeURIComponent(segment);
  } catch {
    throw ScimError.badRequest("invalidSyntax", `malformed percent-encoding in path ${JSON.stringify(path.slice(0, 120))}`);
  }
}

function resourceId(segment: string, path: string): string {
  if (segment.length > MAX_ID_LENGTH * 3) throw ScimError.notFound(`resource id longer than ${MAX_ID_LENGTH} characters`);
  const id = decodeSegment(segment, path);
  if (id.length > MAX_ID_LENGTH) throw ScimError.notFound(`resource id longer than ${MAX_ID_LENGTH} characters`);
  if (id === "" || id === "." || id === ".." || id.includes("/") || id.includes("\\")) {
    throw ScimError.notFound(`resource ${JSON.stringify(id.slice(0, 120))} not found`);
  }
  return id;
}

/** Routes without parameters, shared by every request. */
const FIXED = {
  root: { kind: "root" },
  rootSearch: { kind: "rootSearch" },
  serviceProviderConfig: { kind: "serviceProviderConfig" },
  resourceTypes: { kind: "resourceTypes" },
  schemas: { kind: "schemas" },
  me: { kind: "me" },
  bulk: { kind: "bulk" },
} as const satisfies Record<string, Route>;

/** `path` is what follows the base path, starting with "/" or empty. */
export function route(path: string, index: ManifestIndex): Route {
  const segments = path.split("/");
  // Segments from..to, without the empty ones a leading or trailing "/" leaves.
  const from = segments[0] === "" ? 1 : 0;
  let to = segments.length;
  if (to > from && segments[to - 1] === "") to--;
  for (let i = from; i < to; i++) if (segments[i] === "." || segments[i] === "..") throw notFound(path);
  // RFC 7644 §3.4.2.1: a query may be sent to the server root.
  if (to === from) return FIXED.root;
  if (to - from > 2) throw notFound(path);
  const first = segments[from]!;
  const second = to - from === 2 ? segments[from + 1] : undefined;
  switch (first) {
    case ".search":
      if (second === undefined) return FIXED.rootSearch;
      throw notFound(path);
    case "ServiceProviderConfig":
      if (second === undefined) return FIXED.serviceProviderConfig;
      throw notFound(path);
    case "ResourceTypes":
      return second === undefined ? FIXED.resourceTypes : { kind: "resourceTypes", id: decodeSegment(second, path) };
    case "Schemas":
      return second === undefined ? FIXED.schemas : { kind: "schemas", id: decodeSegment(second, path) };
    case "Me":
      if (second === undefined) return FIXED.me;
      throw notFound(path);
    case "Bulk":
      if (second === undefined) return FIXED.bulk;
      throw notFound(path);
  }
  const type = index.resourceType(first);
  if (!type || first.startsWith("/")) throw notFound(path);
  if (second === undefined) return { kind: "collection", type };
  if (second === ".search") return { kind: "search", type };
  return { kind: "resource", type, id: resourceId(second, path) };
}
