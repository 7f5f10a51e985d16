import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { RowArena } from "../../src/runtime/stores/memory/arena.js";
import { arenaOps, replay } from "./arena-model.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { user } from "./helpers.js";
import { storeManifest } from "./manifest.js";

// The schemas list a table's rows repeat is stored once: each row keeps a one-byte mark
// where it was, and reads back its exact text. Rows with another list, texts that hold the
// mark byte themselves, a list that occurs twice, and rows moved by a chunk evacuation all
// read back exactly (the prefilter and decoding see the full text). Reference look-ups
// (RowArena.includes) do not search the cut list, where no reference can be.

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const row = (id: string, data: Record<string, unknown>) => JSON.stringify([id, 1, "2026-01-01T00:00:00.000Z", 0, data]);
const schemasList = fc.constantFrom([CORE], [CORE], [CORE, "urn:x:ext"], ["urn:x:ext", CORE], []);
const value = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 12 }), fc.constant(`{"schemas":["${CORE}"]`), fc.constant("\u0001"));
const text = fc.oneof(
  fc.record({ id: fc.string({ maxLength: 8 }), schemas: schemasList, userName: value, pad: fc.nat(2000) }).map(({ id, schemas, userName, pad }) => row(id, { schemas, userName, x: "p".repeat(pad) })),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constant(`{"schemas":["${CORE}"]\u0001`),
  fc.constant(`{"schemas":["${CORE}"],{"schemas":["${CORE}"]`),
  fc.constant(`{"schemas":[`),
);
const op = arenaOps(text);

describe("common text of a table's rows", () => {
  it("every row reads back exactly, through replaces, removes and evacuations", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const arena = new RowArena();
        const model = new Map<number, string>();
        for (const o of ops) {
          replay(arena, model, o);
        }
        for (const [slot, t] of model) expect(arena.get(slot)).toBe(t);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["a row with the common list", row("a", { schemas: [CORE], userName: "u" }), true],
    ["a row with another list", row("b", { schemas: [CORE, "urn:x:ext"], userName: "u" }), false],
    ["a text holding the mark byte", `${row("c", { schemas: [CORE] })}\u0001`, false],
    ["a row with the list twice", row("d", { schemas: [CORE], x: { schemas: [CORE] } }), true],
    ["a row with lone surrogates", row("\ud800", { schemas: [CORE], userName: "\udc00" }), true],
  ])("stores %s %s", (_, t, smaller) => {
    const arena = new RowArena();
    arena.add(row("first", { schemas: [CORE] })); // learns the list
    const before = arena.size.live;
    const slot = arena.add(t);
    expect(arena.get(slot)).toBe(t);
    const bytes = arena.size.live - before;
    expect(bytes).toBe(smaller ? Buffer.byteLength(t) - `{"schemas":["${CORE}"]`.length + 1 : Buffer.byteLength(t));
  });

  it("finds a reference id outside the cut list only, even when it equals a schema URN", () => {
    const arena = new RowArena();
    const a = arena.add(row("g1", { schemas: [CORE], members: [{ value: CORE }] }));
    const b = arena.add(row("g2", { schemas: [CORE], members: [{ value: "u-2" }] }));
    const needle = Buffer.from(JSON.stringify(CORE));
    expect([arena.includes(a, needle), arena.includes(b, needle)]).toEqual([true, false]);
  });

  it("a store finds and reads rows with and without the common list", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    const s = store.tenant("t");
    const a = await s.create("User", user("a"));
    const b = await s.create("User", user("b", { schemas: [CORE, "urn:x:other"] }));
    const list = async (f: string) => (await s.list("User", { filter: parseFilter(f), startIndex: 1, count: 10 })).resources.map((r) => r.id);
    expect(await list('userName sw "a" or userName ew "b"')).toEqual([a.id, b.id]);
    expect(await list('userName eq "b"')).toEqual([b.id]);
    expect((await s.get("User", a.id))!.data.schemas).toEqual([CORE]);
  });
});
