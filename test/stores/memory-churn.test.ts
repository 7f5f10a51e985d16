import { describe, expect, it } from "vitest";
import { hashKey, SlotIndex } from "../../src/runtime/stores/memory/slot-index.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { scimError, user } from "./contract.js";
import { storeManifest } from "./manifest.js";

// The memory store's indexes under write churn: a key freed and taken again thousands of
// times (a user PATCHed over and over, a userName released and reused) keeps every
// look-up and uniqueness answer exact, and the hash table's tombstones do not pile up.

describe("SlotIndex under churn", () => {
  it("a pair removed and re-added 100,000 times leaves no trail: the table stays small", () => {
    const ix = new SlotIndex();
    for (let k = 0; k < 100; k++) ix.add(hashKey(`k${k}`), k);
    const small = ix.capacity;
    for (let i = 0; i < 100_000; i++) {
      const k = i % 100;
      ix.remove(hashKey(`k${k}`), k);
      ix.add(hashKey(`k${k}`), k);
    }
    expect([ix.size, ix.capacity]).toEqual([100, small]);
    for (let k = 0; k < 100; k++) expect(ix.find(hashKey(`k${k}`), (s) => s === k)).toBe(k);
  });

  it("200 keys replaced 100,000 times by fresh keys: tombstones never fill the table", () => {
    const ix = new SlotIndex();
    const key = (n: number) => hashKey(`user-${n}`);
    for (let n = 0; n < 200; n++) ix.add(key(n), n);
    for (let n = 200; n < 100_200; n++) {
      ix.remove(key(n - 200), (n - 200) % 1000);
      ix.add(key(n), n % 1000);
      expect(ix.load).toBeLessThanOrEqual(0.5);
    }
    expect([ix.size, ix.capacity <= 2048]).toEqual([200, true]);
    expect(ix.find(key(5), () => true)).toBe(-1); // a missing key's probe ends
    expect(ix.find(key(100_199), () => true)).toBe(100_199 % 1000);
  });

  it("keys freed and taken by other slots keep exactly the live pairs, within a bounded table", () => {
    const ix = new SlotIndex();
    const live = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const key = `k${i % 3_000}`;
      const held = live.get(key);
      if (held !== undefined) ix.remove(hashKey(key), held);
      if (i % 3 === 0) live.delete(key);
      else {
        ix.add(hashKey(key), i);
        live.set(key, i);
      }
    }
    expect(ix.size).toBe(live.size);
    expect(ix.capacity).toBeLessThanOrEqual(4 * 4096);
    for (let k = 0; k < 3_000; k++) {
      const key = `k${k}`;
      const found = ix.find(hashKey(key), (s) => s === live.get(key));
      expect(found).toBe(live.get(key) ?? -1);
    }
  });
});

describe("memory store under write churn", () => {
  it("5,000 replaces of one user keep its userName unique (case-insensitive) and findable", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    const s = store.tenant("t");
    const a = await s.create("User", user("alice", { externalId: "ext-a" }));
    for (let v = 1; v <= 5_000; v++) await s.replace("User", a.id, { ...a.data, active: v % 2 === 0 }, { ifVersion: v });
    expect((await s.get("User", a.id))?.version).toBe(5_001);
    const e = await scimError(s.create("User", user("ALICE")));
    expect([e.status, e.scimType]).toEqual([409, "uniqueness"]);
    const byName = await s.list("User", { filter: parseFilter('userName eq "Alice"'), startIndex: 1, count: 10 });
    const byExt = await s.list("User", { filter: parseFilter('externalId eq "ext-a"'), startIndex: 1, count: 10 });
    expect([byName.resources.map((r) => r.id), byExt.resources.map((r) => r.id)]).toEqual([[a.id], [a.id]]);
  });

  it("a userName released and taken 3,000 times belongs to exactly its last holder", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    const s = store.tenant("t");
    let holder = await s.create("User", user("bob", { externalId: "ext-b" }));
    for (let i = 0; i < 3_000; i++) {
      if (i % 2 === 0) await s.delete("User", holder.id);
      else await s.replace("User", holder.id, { ...holder.data, userName: `bob-${i}`, externalId: `ext-${i}` });
      holder = await s.create("User", user("Bob", { externalId: "ext-b" }));
    }
    const found = await s.list("User", { filter: parseFilter('userName eq "BOB"'), startIndex: 1, count: 10 });
    expect(found.resources.map((r) => r.id)).toEqual([holder.id]);
    const ext = await s.list("User", { filter: parseFilter('externalId eq "ext-b"'), startIndex: 1, count: 10 });
    expect(ext.resources.map((r) => r.id)).toEqual([holder.id]);
    const renamed = await s.list("User", { filter: parseFilter('userName sw "bob-"'), startIndex: 1, count: 0 });
    expect(renamed.totalResults).toBe(1_500);
    const e = await scimError(s.create("User", user("bob-2999")));
    expect([e.status, e.scimType]).toEqual([409, "uniqueness"]);
  });
});
