import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { scimError, user } from "./contract.js";
import { storeManifest, TEST_EXT } from "./manifest.js";

// What keeps 100k stored users small: repeated `schemas` lists are one shared, frozen
// array; a list that differs is kept as sent; unique string values are indexed by the
// stored string itself, apart from numbers and booleans.

describe("memory store footprint", () => {
  it("resources listing the same schemas share one frozen schemas array", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    const s = store.tenant("t");
    const a = await s.create("User", user("a"));
    const b = await s.create("User", user("b"));
    const c = await s.replace("User", a.id, { ...a.data, displayName: "A" });
    expect(a.data.schemas).toBe(b.data.schemas);
    expect(c.data.schemas).toBe(b.data.schemas);
    expect(Object.isFrozen(a.data.schemas)).toBe(true);
    expect(() => (a.data.schemas as string[]).push("x")).toThrow(TypeError);
    expect(b.data.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User"]);
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
