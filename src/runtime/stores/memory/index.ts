import type { ManifestIndex } from "../../manifest/resolve.js";
import { ScimError } from "../../errors.js";
import type { Store, TenantStore } from "../contract.js";
import { readRules, type TypeRules } from "../common/rules.js";
import { MemoryTenantStore } from "./tenant.js";
import type { Table } from "./table.js";

// `scim-gen/stores/memory`: the in-memory Store, for tests, demos and single-process
// servers whose data may vanish on restart. Unique attributes are hash-indexed per tenant
// (O(1) `userName eq`), writes are versioned, and rows live as JSON bytes outside V8's heap
// (RowArena): every read decodes a private copy.

export interface MemoryStoreOptions {
  /** Clock for meta.created/lastModified; defaults to the system clock. */
  readonly now?: () => Date;
  /** A filtered list running longer is stopped with 400 tooMany; default 5000 ms. */
  readonly queryTimeoutMs?: number;
}

export class MemoryStore implements Store {
  private rules: ReadonlyMap<string, TypeRules> | undefined;
  private readonly tenants = new Map<string, MemoryTenantStore>();
  private readonly now: () => string;
  private readonly queryTimeoutMs: number;

  constructor(options: MemoryStoreOptions = {}) {
    this.queryTimeoutMs = Math.max(1, options.queryTimeoutMs ?? 5000);
    const clock = options.now ?? (() => new Date());
    // Writes within one millisecond share one timestamp string (stored rows keep it).
    let lastMs = Number.NaN;
    let lastIso = "";
    this.now = () => {
      const at = clock();
      const ms = at.getTime();
      if (ms !== lastMs) {
        lastIso = at.toISOString();
        lastMs = ms;
      }
      return lastIso;
    };
  }

  async open(manifest: ManifestIndex): Promise<void> {
    this.rules = readRules(manifest);
  }

  tenant(tenant: string): TenantStore {
    if (!this.rules) throw new Error("memoryStore: open(manifest) must be called before tenant()");
    if (typeof tenant !== "string" || tenant === "") throw new TypeError("memoryStore: tenant must be a non-empty string");
    let store = this.tenants.get(tenant);
    if (!store) {
      store = new MemoryTenantStore(new Map<string, Table>(), this.rules, this.now, this.queryTimeoutMs);
      this.tenants.set(tenant, store);
    }
    return store;
  }

  async ping(): Promise<void> {
    if (!this.rules) throw new ScimError(503, undefined, "the store is not open");
  }

  async close(): Promise<void> {
    this.tenants.clear();
  }
}

export function memoryStore(options?: MemoryStoreOptions): Store {
  return new MemoryStore(options);
}
