import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { uniqueKey } from "../../src/runtime/stores/common/data.js";
import { readRules } from "../../src/runtime/stores/common/rules.js";
import type { ResourceData } from "../../src/runtime/stores/contract.js";
import { hashKey } from "../../src/runtime/stores/memory/slot-index.js";
import { Table } from "../../src/runtime/stores/memory/table.js";
import { coreIndex } from "../support/core-manifest.js";

// The memory table against a model (an array of rows in creation order): for any sequence
// of creates, replaces and deletes under hostile ids, userNames equal up to case and shared
// externalIds, it accepts and refuses exactly the writes the model does (409 on a userName
// another row holds, case-insensitively), finds every row by id, userName and externalId,
// lists them in creation order, and a live ids() iterator opened mid-way yields the model's
// next row (the first live one created after the last it yielded) at each step. Its
// indexes and the per-slot hashes of the keys each row is filed under (slot-keys.ts) hold
// exactly the live rows' (hash, slot) pairs after every sequence.

const rules = readRules(coreIndex()).get("user")!;
const rule = rules.unique.find((r) => r.path === "userName")!;
const at = "2026-01-01T00:00:00.000Z";
const idArb = fc.oneof(fc.constantFrom("a", "A", "__proto__", "\ud800", "\ufffd", "😀", '"', "x".repeat(300), crypto.randomUUID()), fc.string({ maxLength: 3 }));
const names = ["ann", "ANN", "Ann", "bob", "\ud800", "\ufffd", "é", "É", "__proto__"];
const exts = ["e1", "E1", "e2", "\ud800"];

type Row = { id: string; userName: string; externalId?: string; created: number };
type Op =
  | { kind: "create"; id: string; name: number; ext: number }
  | { kind: "replace"; pick: number; name: number; ext: number }
  | { kind: "delete"; pick: number }
  | { kind: "open" }
  | { kind: "step" };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("create" as const), id: idArb, name: fc.nat(names.length - 1), ext: fc.nat(exts.length) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), name: fc.nat(names.length - 1), ext: fc.nat(exts.length) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: "open" as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: "step" as const }) },
);

const dataOf = (id: string, name: number, ext: number): ResourceData => (ext < exts.length ? { id, userName: names[name]!, externalId: exts[ext]! } : { id, userName: names[name]! });

describe("memory table against a model", () => {
  it("agrees on every write, look-up and listing", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const table = new Table(rules);
        const rows: Row[] = [];
        let created = 0;
        let iter: { it: Iterator<string>; last: number } | undefined;
        const write = (id: string, name: number, ext: number, previous?: Row) => {
          const data = dataOf(id, name, ext);
          const taken = rows.some((r) => r.id !== id && r.userName.toLowerCase() === names[name]!.toLowerCase());
          expect(() => table.checkUnique(data, id)).toThrowStatus(taken);
          if (taken) return;
          table.put(id, 1, at, at, data);
          const row = { id, userName: names[name]!, externalId: data.externalId as string | undefined, created: previous?.created ?? created++ };
          if (previous) rows[rows.indexOf(previous)] = row;
          else rows.push(row);
        };
        for (const o of ops) {
          if (o.kind === "create") {
            expect(table.has(o.id)).toBe(rows.some((r) => r.id === o.id));
            if (!table.has(o.id)) write(o.id, o.name, o.ext);
          } else if (o.kind === "replace" && rows.length) {
            const r = rows[o.pick % rows.length]!;
            write(r.id, o.name, o.ext, r);
          } else if (o.kind === "delete" && rows.length) {
            const [r] = rows.splice(o.pick % rows.length, 1);
            expect(table.remove(r!.id)).toBe(true);
          } else if (o.kind === "open") iter = { it: table.ids(), last: -1 };
          else if (o.kind === "step" && iter) {
            // An iterator that ended stays ended (as a Map's does).
            const want = iter.last === Infinity ? undefined : rows.filter((r) => r.created > iter!.last).sort((a, b) => a.created - b.created)[0];
            const got = iter.it.next();
            expect(got.done ? undefined : got.value).toBe(want?.id);
            iter.last = want ? want.created : Infinity;
          }
        }
        expect([...table.ids()]).toEqual([...rows].sort((a, b) => a.created - b.created).map((r) => r.id));
        for (const r of rows) expect(table.get(r.id)?.data).toEqual({ ...dataOf(r.id, names.indexOf(r.userName), r.externalId === undefined ? exts.length : exts.indexOf(r.externalId)) });
        for (const n of names) {
          const holder = rows.find((r) => r.userName.toLowerCase() === n.toLowerCase());
          expect(table.findUniqueKey(rule, uniqueKey(rule, n))?.id).toBe(holder?.id);
        }
        for (const e of exts) {
          const holders = rows.filter((r) => r.externalId === e).map((r) => r.id);
          expect(table.findExternalId(e).map((r) => r.id).sort()).toEqual(holders.sort());
        }
        // One entry per row in each index: a replace or delete leaves no stale key behind.
        expect(table.indexSizes).toEqual({ ids: rows.length, unique: [rows.length], externalIds: rows.filter((r) => r.externalId !== undefined).length });
        // Exactly: each index holds the pairs (hashKey(key), slot) of the live rows, and each
        // row is filed (slot-keys.ts) under those same pairs, a freed slot under none.
        const state = table.indexPairs;
        expect([...state.slots.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
        const pairs = (key: (r: Row) => string | undefined) =>
          rows.flatMap((r) => (key(r) === undefined ? [] : [[hashKey(key(r)!), state.slots.get(r.id)!] as [number, number]])).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const byUserName = pairs((r) => uniqueKey(rule, r.userName));
        const byExternalId = pairs((r) => r.externalId);
        expect(state.ids).toEqual(pairs((r) => r.id));
        expect(state.unique).toEqual([byUserName]);
        expect(state.filedUnique).toEqual([byUserName]);
        expect(state.externalIds).toEqual(byExternalId);
        expect(state.filedExternalIds).toEqual(byExternalId);
        expect(state.filedCount).toBe(byUserName.length + byExternalId.length);
      }),
      { numRuns: 400 },
    );
  });
});

expect.extend({
  toThrowStatus(run: () => void, should: boolean) {
    let status: unknown;
    try {
      run();
    } catch (e) {
      status = (e as { status?: unknown }).status;
    }
    const pass = should ? status === 409 : status === undefined;
    return { pass, message: () => `expected ${should ? "a 409" : "no error"}, got ${String(status)}` };
  },
});

declare module "vitest" {
  interface Assertion {
    toThrowStatus(should: boolean): void;
  }
}
