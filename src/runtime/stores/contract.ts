import type { Filter } from "../filter/ast.js";
import type { ManifestIndex } from "../manifest/resolve.js";

// The Store contract every built-in store (memory, SQLite, PostgreSQL) implements and the
// kernel adapts to resource handlers. Stores are tenant-scoped by construction (DESIGN.md
// rule 5): the only way to reach data is through `tenant(id)`.

/** A resource body as stored: `schemas`, `id`, `externalId`, attributes and extension
 * objects keyed by URN. `meta` is not stored; the kernel builds it from the fields below. */
export type ResourceData = { [key: string]: unknown };

export interface StoredResource {
  readonly id: string;
  /** Resource type name, e.g. "User". */
  readonly resourceType: string;
  /** Starts at 1 and grows by one on every write; the ETag is derived from it. */
  readonly version: number;
  /** ISO 8601 instants. */
  readonly created: string;
  readonly lastModified: string;
  readonly data: ResourceData;
}

export interface WriteOptions {
  /** Conditional write: fail with 412 unless the stored version equals this. Checked and
   * written atomically. */
  readonly ifVersion?: number;
  /** Compat (the Microsoft suite's `"members": "string id 1"`): keep references to ids that
   * name no resource of this tenant instead of 400. Default false: references must resolve. */
  readonly keepUnknownReferences?: boolean;
}

export interface StoreQuery {
  /** Parsed filter; attribute paths resolve against the resource type in the manifest. */
  readonly filter?: Filter;
  /** An attribute path (resolvable in the manifest). RFC 7644 §3.4.2.3 ordering: a missing
   * value is greater than any value (last ascending, first descending); ties break on id in
   * the sort direction. Without sortBy, resources come in creation order. */
  readonly sortBy?: string;
  readonly sortOrder?: "ascending" | "descending";
  /** 1-based (RFC 7644 §3.4.2.4). */
  readonly startIndex: number;
  /** Maximum resources to return; 0 asks for totalResults only. */
  readonly count: number;
  /** Keyset paging for cursors (RFC 9865): order by (sort value, id), or by id alone
   * without sortBy, in sortOrder's direction; return at most `count` resources strictly
   * after `after`, and report positions in `StoreListResult.keyset`. startIndex is ignored. */
  readonly keyset?: { readonly after?: KeysetPosition };
}

/** A place in keyset order: a resource's id and its sort value as the store compares it
 * (null when it has none; absent without sortBy). Opaque outside the store that made it. */
export interface KeysetPosition {
  readonly id: string;
  readonly value?: string | number | boolean | null;
}

export interface KeysetPage {
  readonly first?: KeysetPosition;
  readonly last?: KeysetPosition;
  /** More resources follow `last`. */
  readonly more: boolean;
}

export interface StoreListResult {
  readonly totalResults: number;
  readonly resources: readonly StoredResource[];
  /** Keyset queries only. */
  readonly keyset?: KeysetPage;
}

/** One tenant's data. Errors are ScimErrors: 404 (no such id), 409 `uniqueness`,
 * 412 (stale `ifVersion`). */
export interface TenantStore {
  /** `data.id` is set by the caller (the kernel generates ids). */
  create(resourceType: string, data: ResourceData): Promise<StoredResource>;
  get(resourceType: string, id: string): Promise<StoredResource | undefined>;
  replace(resourceType: string, id: string, data: ResourceData, options?: WriteOptions): Promise<StoredResource>;
  delete(resourceType: string, id: string, options?: WriteOptions): Promise<void>;
  list(resourceType: string, query: StoreQuery): Promise<StoreListResult>;
}

export interface Store {
  /** Called once by the kernel before the first request: migrations, indexes, and the
   * uniqueness and case rules read from the manifest. */
  open(manifest: ManifestIndex): Promise<void>;
  tenant(tenant: string): TenantStore;
  /** Health check for readiness probes: resolves when the store can serve requests,
   * rejects with a 503 ScimError when its database is unreachable. Optional: stores
   * without an external dependency may omit it. */
  ping?(): Promise<void>;
  close(): Promise<void>;
}
