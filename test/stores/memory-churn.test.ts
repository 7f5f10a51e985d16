import { describe, expect, it } from "vitest";
import { KeyIndex } from "../../src/runtime/stores/memory/key-index.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { scimError, user } from "./contract.js";
import { storeManifest } from "./manifest.js";

// The memory store's indexes under write churn: a key freed and taken again thousands of
// times (a user PATCHed over and over, a userName released and reused) keeps every
// look-up and uniqueness answer exact, through the index's compactions.

describe("KeyIndex", () => {
  it("set, get, delete and re-set one key", () => {
    const ix = new KeyIndex<string>();
    ix.set("k", "a");
    ix.delete("k");
    expect([ix.get("k"), ix.size]).toEqual([undefined, 0]);
    ix.set("k", "b");
    expect([ix.get("k"), ix.size]).toEqual(["b", 1]);
    ix.delete("missing");
    expect(ix.size).toBe(1);
  });

  it("keeps exactly the live keys across compactions of many freed keys", () => {
    const ix = new KeyIndex<number>();
    const live = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const key = `k${i % 3_000}`;
      if (i % 3 === 0) {
        ix.delete(key);
        live.delete(key);
      } else {
        ix.set(key, i);
        live.set(key, i);
      }
      if (i % 5 === 0) ix.delete(`gone${i}`); // never set: no effect
    }
    expect(ix.size).toBe(live.size);
    for (let i = 0; i < 3_000; i++) expect(ix.get(`k${i}`)).toBe(live.get(`k${i}`));
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
