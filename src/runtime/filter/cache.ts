import type { ResourceTypeIndex } from "../manifest/resolve.js";
import type { Filter } from "./ast.js";
import { compileFilter, type CompileOptions, type Matcher } from "./evaluate/compile.js";
import type { FilterOptions } from "./options.js";
import { parseFilter } from "./parse.js";

// Compiled filters by (resource type, options, filter text) in a bounded LRU: IdPs repeat
// the same few filter shapes (`userName eq "…"`), so the list endpoint parses and
// compiles each once. Errors are not cached: a bad filter is cheap to reject again.

export interface CompiledFilter {
  readonly text: string;
  readonly filter: Filter;
  readonly match: Matcher;
}

export interface FilterCacheOptions extends FilterOptions, CompileOptions {}

export class FilterCache {
  private readonly entries = new Map<string, CompiledFilter>();
  private readonly types = new WeakMap<ResourceTypeIndex, number>();
  private nextType = 0;
  readonly capacity: number;

  constructor(capacity = 1000) {
    this.capacity = Math.max(1, capacity);
  }

  get size(): number {
    return this.entries.size;
  }

  get(index: ResourceTypeIndex, text: string, options?: FilterCacheOptions): CompiledFilter {
    let id = this.types.get(index);
    if (id === undefined) this.types.set(index, (id = this.nextType++));
    const flags = `${options?.lenient ? 1 : 0}${options?.coerceBooleanStrings ? 1 : 0}:${options?.maxLength ?? ""}:${options?.maxDepth ?? ""}:${options?.maxTerms ?? ""}`;
    const key = `${id}|${flags}|${text}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const filter = parseFilter(text, options);
    const entry: CompiledFilter = { text, filter, match: compileFilter(filter, index, options) };
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }
}
