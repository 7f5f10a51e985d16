import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keysetRows } from "../../src/runtime/stores/common/keyset.js";
import { readRules } from "../../src/runtime/stores/common/rules.js";
import type { StoredResource } from "../../src/runtime/stores/contract.js";
import { idKeyset } from "../../src/runtime/stores/memory/id-keyset.js";
import { Table } from "../../src/runtime/stores/memory/table.js";
import { coreIndex } from "../support/core-manifest.js";

// The memory store's id-only keyset page (a cursor walk without filter or sortBy) picks
// exactly the page, positions and totals the general in-process keyset page picks.

const rules = readRules(coreIndex()).get("user")!;
const at = "2026-01-01T00:00:00.000Z";

describe("memory id keyset", () => {
  it("equals keysetRows for any ids, position, count and order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom("a", "B", "z", "é", "0", "~") }), { maxLength: 40 }),
        fc.option(fc.string({ maxLength: 4, unit: fc.constantFrom("a", "B", "z", "é", "0", "~") }), { nil: undefined }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom("ascending" as const, "descending" as const),
        async (ids, after, count, sortOrder) => {
          const table = new Table(rules);
          const rows: StoredResource[] = ids.map((id, i) => table.put(id, 1, at, at, { id, userName: `u${i}` }));
          const query = { startIndex: 1, count, sortOrder, keyset: after === undefined ? {} : { after: { id: after } } };
          const fast = idKeyset(table, query);
          const general = await keysetRows(rules, rows, query);
          expect(fast.totalResults).toBe(general.totalResults);
          expect(fast.resources.map((r) => r.id)).toEqual(general.resources.map((r) => r.id));
          expect(fast.keyset).toEqual(general.keyset);
        },
      ),
      { numRuns: 500 },
    );
  });
});
