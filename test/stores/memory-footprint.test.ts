import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { scimError, user } from "./contract.js";
import { storeManifest, TEST_EXT } from "./manifest.js";

// What keeps 100k stored users small: rows are JSON text in a RowArena outside V8's heap
// (test/stores/memory-arena.test.ts), decoded into a private copy on every read, and the
// indexes hold slots, not strings (memory-slot-index, memory-table-model); a unique
// attribute's strings, numbers and booleans still never collide.

describe("memory store footprint", () => {
  it("every read is a private copy: changing a returned resource changes nothing stored", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    const s = store.tenant("t");
    const sent = user("a", { emails: [{ value: "a@x" }] });
    const a = await s.create("User", sent);
    (sent.emails as { value: string }[])[0]!.value = "changed by the caller";
    (a.data as Record<string, unknown>).userName = "changed by a reader";
    const again = await s.get("User", a.id);
    expect(again!.data.userName).toBe("a");
    expect(again!.data.emails).toEqual([{ value: "a@x" }]);
    expect(again!.data).not.toBe(a.data);
    const listed = await s.list("User", { filter: parseFilter('userName eq "a"'), startIndex: 1, count: 1 });
    expect(listed.resources[0]!.data).toEqual(again!.data);
  });

  it("a different schemas list stays its own, in its own order", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    const s = store.tenant("t");
    const ext = ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:example:x"];
    const a = await s.create("User", user("a"));
    const b = await s.create("User", user("b", { schemas: ext }));
    expect(b.data.schemas).not.toBe(a.data.schemas);
    expect(b.data.schemas).toEqual(ext);
    expect(b.data.id).toBe(b.id);
  });

  it("writes in one millisecond get equal timestamps, later writes a later one", async () => {
    let t = Date.UTC(2026, 0, 1);
    const store = memoryStore({ now: () => new Date(t) });
    await store.open(storeManifest());
    const s = store.tenant("t");
    const a = await s.create("User", user("a"));
    const b = await s.create("User", user("b"));
    t += 1;
    const c = await s.replace("User", a.id, { ...a.data, displayName: "A" });
    expect([a.created, b.created, c.created, c.lastModified]).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.001Z"]);
  });

  it("a unique attribute's string, number and boolean values never collide in its index", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    const s = store.tenant("t");
    const badge = (v: unknown) => ({ [TEST_EXT]: { badge: v } });
    const values: unknown[] = ["n5", "5", 5, "true", "btrue", true, "s", "S"];
    const made = [];
    for (const [i, v] of values.entries()) made.push(await s.create("User", user(`u${i}`, badge(v))));
    for (const v of [5, true, "s", "n5"]) {
      const e = await scimError(s.create("User", user(`again-${String(v)}`, badge(v))));
      expect([e.status, e.scimType]).toEqual([409, "uniqueness"]);
    }
    for (const [i, v] of values.entries()) {
      if (typeof v !== "string") continue; // a string attribute's filter takes strings only
      const filter = parseFilter(`${TEST_EXT}:badge eq ${JSON.stringify(v)}`);
      const r = await s.list("User", { filter, startIndex: 1, count: 10 });
      expect(r.resources.map((x) => x.id)).toEqual([made[i]!.id]);
    }
  });
});
