import { describe, expect, it } from "vitest";
import { compileFilter, parseFilter } from "../../src/runtime/filter/index.js";
import { ScimError } from "../../src/runtime/errors.js";
import type { StoredResource, TenantStore } from "../../src/runtime/stores/contract.js";
import { type Ctx } from "./contract.js";
import { fixtureUsers, STORE_FILTERS } from "./fixture.js";
import { storeManifest, TEST_EXT } from "./manifest.js";
import { listRows } from "../../src/runtime/stores/common/list.js";
import { readRules } from "../../src/runtime/stores/common/rules.js";
import { FILTER_CORPUS } from "./corpus.js";

// Issue 6, deliver 1: every filter gives exactly the kernel evaluator's answer on the same
// data (same ids, same order), or the same SCIM error. The evaluator sees each resource
// with meta, as the kernel builds it.

const index = storeManifest().resourceType("User")!;
const rules = readRules(storeManifest()).get("user")!;

type Outcome = { ids: string[] } | { error: string };

function expected(rows: readonly StoredResource[], text: string): Outcome {
  try {
    const match = compileFilter(parseFilter(text), index);
    const ids = rows
      .filter((r) => match({ ...r.data, meta: { resourceType: r.resourceType, created: r.created, lastModified: r.lastModified } }))
      .map((r) => r.id);
    return { ids };
  } catch (e) {
    if (!(e instanceof ScimError)) throw e;
    return { error: `${e.status} ${e.scimType}` };
  }
}

async function actual(s: TenantStore, text: string): Promise<Outcome> {
  try {
    const filter = parseFilter(text);
    const r = await s.list("User", { filter, startIndex: 1, count: 1000 });
    expect(r.totalResults).toBe(r.resources.length);
    return { ids: r.resources.map((x) => x.id) };
  } catch (e) {
    if (!(e instanceof ScimError)) throw e;
    return { error: `${e.status} ${e.scimType}` };
  }
}

export function filterContract(ctx: Ctx): void {
  describe("every filter answers exactly as the kernel evaluator", () => {
    let s: TenantStore;
    let rows: StoredResource[] = [];
    const setup = async () => {
      if (rows.length) return;
      s = ctx.tenant();
      for (const u of fixtureUsers()) rows.push(await s.create("User", u));
    };
    const filters = [...new Set([...STORE_FILTERS, ...FILTER_CORPUS])];
    it.each(filters.map((f) => [f]))("%s", async (text) => {
      await setup();
      expect(await actual(s, text)).toEqual(expected(rows, text));
    });

    // The same for sortBy: the order compareAttributeValues gives (id tiebreak), with
    // non-ASCII, empty and missing values in the fixture.
    const sorts = ["userName", "displayName", "name.familyName", "title", "emails", "emails.value", "emails.type", "meta.created", "id",
      `${TEST_EXT}:level`, `${TEST_EXT}:score`, `${TEST_EXT}:hireDate`, "active", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value"];
    it.each(sorts.flatMap((p) => [[p, "ascending"], [p, "descending"]] as const))("sortBy=%s %s", async (sortBy, sortOrder) => {
      await setup();
      const want = listRows(rules, rows, { sortBy, sortOrder, startIndex: 1, count: 1000 }).resources.map((r) => r.id);
      const got = await s.list("User", { sortBy, sortOrder, startIndex: 1, count: 1000 });
      expect(got.resources.map((r) => r.id)).toEqual(want);
      const page = await s.list("User", { sortBy, sortOrder, startIndex: 3, count: 2 });
      expect(page.resources.map((r) => r.id)).toEqual(want.slice(2, 4));
    });
  });
}
