import { policyFor } from "../compat/policy.js";
import type { ResourceData, Store } from "../stores/contract.js";
import type { ResourceHandler } from "./handler.js";
import type { ListQuery, ListResult, RequestContext, ResourceRecord, WriteConditions } from "./types.js";

// Adapts a tenant-scoped Store (memory, SQLite, PostgreSQL) to the ResourceHandler
// contract: filter, sort and paging are pushed down to the store, the tenant comes from
// the RequestContext so no call can reach another tenant's data (DESIGN.md rule 5).

export function storeHandler(store: Store, resourceType: string): ResourceHandler<ResourceData, ResourceData, ResourceData> {
  return {
    async create(ctx: RequestContext, input: ResourceData): Promise<ResourceRecord<ResourceData>> {
      // Spread keeps the caller's object intact; ids are never taken from the client.
      return store.tenant(ctx.tenant).create(resourceType, { ...input, id: crypto.randomUUID() });
    },
    get(ctx: RequestContext, id: string) {
      return store.tenant(ctx.tenant).get(resourceType, id);
    },
    async replace(ctx: RequestContext, id: string, input: ResourceData, conditions: WriteConditions) {
      // Compat (microsoft-suite): members naming no resource of this tenant are kept.
      const options = policyFor(ctx.compat).switches.keepUnknownMembers ? { ...conditions, keepUnknownReferences: true } : conditions;
      return store.tenant(ctx.tenant).replace(resourceType, id, { ...input, id }, options);
    },
    delete(ctx: RequestContext, id: string, conditions: WriteConditions) {
      return store.tenant(ctx.tenant).delete(resourceType, id, conditions);
    },
    async list(ctx: RequestContext, query: ListQuery): Promise<ListResult<ResourceData>> {
      const q: { -readonly [K in keyof ListQuery]: ListQuery[K] } = { startIndex: query.startIndex, count: query.count };
      if (query.filter) q.filter = query.filter;
      if (query.sortBy) {
        q.sortBy = query.sortBy;
        q.sortOrder = query.sortOrder ?? "ascending";
      }
      if (query.keyset) {
        q.keyset = query.keyset;
        if (query.sortOrder) q.sortOrder = query.sortOrder; // without sortBy: the id order
      }
      return store.tenant(ctx.tenant).list(resourceType, q);
    },
  };
}

/**
 * Opens a store once, on first use; a failed open is retried by the next request. Once
 * the store is open it answers undefined: requests then go on without waiting a tick.
 */
export function lazyOpen(open: () => Promise<void>): () => Promise<void> | undefined {
  let opened: Promise<void> | undefined;
  let done = false;
  return () => {
    if (done) return undefined;
    opened ??= open().then(
      () => void (done = true),
      (err: unknown) => {
        opened = undefined;
        throw err;
      },
    );
    return opened;
  };
}
