import { describe, expect, it } from "vitest";
import { RowArena } from "../../src/runtime/stores/memory/arena.js";
import { readRules } from "../../src/runtime/stores/common/rules.js";
import { Table } from "../../src/runtime/stores/memory/table.js";
import { coreIndex } from "../support/core-manifest.js";

// A row's id leads its JSON text and the id index holds only slots, so finding a row by id
// compares the id with the row's bytes. That comparison is exact for every JavaScript
// string: ids that a lossy UTF-8 encoding would merge (a lone surrogate and U+FFFD), ids
// that are prefixes of one another, escapes, `__proto__`, and ids of 10 KB.

const keys = [
  "",
  "a",
  "ab",
  "abc",
  "A",
  "__proto__",
  "constructor",
  '"',
  "\\",
  '\\"',
  'a"b',
  "a\\",
  "\u0000",
  "\n",
  "\u007f",
  "é",
  "e\u0301",
  "\ud800",
  "\udc00",
  "\ud800\udc00",
  "\ufffd",
  "x\ud800",
  "x\ufffd",
  "😀",
  "2819c223-7f76-453a-919d-413861904646",
  "2819C223-7F76-453A-919D-413861904646",
  "k".repeat(10_240),
  "k".repeat(10_239) + "é",
  "\ud800".repeat(3_000),
];

describe("row keys", () => {
  it("every key reads back from its row and matches its own row only", () => {
    const arena = new RowArena();
    const slots = keys.map((k) => arena.add(JSON.stringify([k, 1, "2026-01-01T00:00:00.000Z", 0, { userName: k }])));
    keys.forEach((k, i) => {
      expect(arena.key(slots[i]!)).toBe(k);
      keys.forEach((other, j) => expect([i, j, arena.keyIs(slots[j]!, k)]).toEqual([i, j, i === j]));
    });
  });

  it("a freed slot matches no key", () => {
    const arena = new RowArena();
    const slot = arena.add(JSON.stringify(["a", 1]));
    arena.remove(slot);
    expect(arena.keyIs(slot, "a")).toBe(false);
  });

  it("a table finds, lists, replaces and deletes rows under every hostile id", () => {
    const rules = readRules(coreIndex()).get("user")!;
    const userName = rules.unique.find((r) => r.path === "userName")!;
    const table = new Table(rules);
    const at = "2026-01-01T00:00:00.000Z";
    const later = "2026-01-02T00:00:00.000Z";
    keys.forEach((id, i) => table.put(id, 1, at, at, { id, userName: `u${i}`, externalId: id }));
    expect([...table.ids()]).toEqual(keys);
    keys.forEach((id, i) => {
      expect(table.get(id)?.data).toEqual({ userName: `u${i}`, externalId: id, id });
      expect(table.findUniqueKey(userName, `su${i}`)?.id).toBe(id);
      expect(table.findExternalId(id).map((r) => r.id)).toEqual([id]);
    });
    for (const [i, id] of keys.entries()) {
      expect(table.head(id)).toEqual({ version: 1, created: at });
      if (i % 2) expect(table.remove(id)).toBe(true);
      else table.put(id, 2, at, later, { userName: `v${i}`, id });
    }
    expect([...table.ids()]).toEqual(keys.filter((_, i) => i % 2 === 0));
    keys.forEach((id, i) => {
      expect(table.has(id)).toBe(i % 2 === 0);
      expect(table.head(id)).toEqual(i % 2 ? undefined : { version: 2, created: at });
      expect(table.findExternalId(id)).toEqual([]);
      expect(table.findUniqueKey(userName, `su${i}`)).toBeUndefined();
    });
    expect(table.indexSizes).toEqual({ ids: 15, unique: [15], externalIds: 0 });
    keys.forEach((id, i) => expect(table.remove(id)).toBe(i % 2 === 0));
    expect(table.indexSizes).toEqual({ ids: 0, unique: [0], externalIds: 0 });
  });
});
