import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileFilter, parseFilter } from "../../src/runtime/filter/index.js";
import { ScimError } from "../../src/runtime/errors.js";
import type { Store, TenantStore } from "../../src/runtime/stores/contract.js";
import { corpusGroups, corpusUsers, invalidFilters, validFilters } from "../filter/corpus.js";
import { filterTestIndex } from "../filter/test-manifest.js";
import type { ContractTarget } from "./contract.js";

// Issue 6, deliver 1: the filter engineer's corpus (test/filter/corpus.ts), replayed against
// a store loaded with the corpus users and groups, meta times included (the store's clock
// is set to each fixture's meta.created, then meta.lastModified). Each valid filter must
// return exactly the hand-worked matches — which are also the kernel evaluator's answer —
// and each filter the schema rejects must fail with the same 400 invalidFilter.

const index = filterTestIndex();
const stripMeta = ({ meta: _meta, ...rest }: Record<string, unknown>) => rest;
type Meta = { created: string; lastModified: string };

async function load(t: TenantStore, setClock: (iso: string) => void): Promise<void> {
  for (const [type, rows] of [["User", corpusUsers], ["Group", corpusGroups]] as const) {
    for (const row of rows) {
      const meta = row.meta as Meta;
      setClock(meta.created);
      await t.create(type, stripMeta(row));
      if (meta.lastModified !== meta.created) {
        setClock(meta.lastModified);
        await t.replace(type, row.id as string, stripMeta(row));
      }
    }
  }
}

export function corpusContract(target: ContractTarget): void {
  describe("the filter corpus (test/filter/corpus.ts)", () => {
    let clock = new Date();
    let store: Store;
    let t: TenantStore;
    beforeAll(async () => {
      store = await target.make({ now: () => clock });
      await store.open(index);
      t = store.tenant(`corpus-${Math.random().toString(36).slice(2, 8)}`);
      await load(t, (iso) => (clock = new Date(iso)));
    });
    afterAll(async () => store?.close());

    // Compat-only cases (coerceBooleanStrings) need compile options a store query does not carry.
    const cases = validFilters.filter((c) => !c.coerceBooleanStrings);
    it.each(cases.map((c) => [c.filter, c] as const))("%s", async (_, c) => {
      const filter = parseFilter(c.filter, { lenient: c.lenient === true });
      const r = await t.list(c.resourceType, { filter, startIndex: 1, count: 100 });
      expect(r.resources.map((x) => x.id)).toEqual(c.matches);
      expect(r.totalResults).toBe(c.matches.length);
      const rows = c.resourceType === "User" ? corpusUsers : corpusGroups;
      const match = compileFilter(filter, index.resourceType(c.resourceType)!);
      expect(rows.filter((row) => match(row)).map((row) => row.id)).toEqual(c.matches);
    });

    const rejected = invalidFilters.filter((c) => c.stage === "compile");
    it.each(rejected.map((c) => [c.filter, c] as const))("rejects %s", async (_, c) => {
      const filter = parseFilter(c.filter);
      try {
        await t.list("User", { filter, startIndex: 1, count: 100 });
        expect.unreachable("the store accepted a filter the schema rejects");
      } catch (e) {
        expect(e).toBeInstanceOf(ScimError);
        expect([(e as ScimError).status, (e as ScimError).scimType]).toEqual([400, "invalidFilter"]);
        expect((e as ScimError).detail).toContain(c.detail);
      }
    });
  });
}
