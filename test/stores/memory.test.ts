import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { scimError, storeContract } from "./contract.js";
import { storeManifest } from "./manifest.js";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { coreIndex } from "../support/core-manifest.js";
import { benchUser } from "../../bench/stores/users.js";

storeContract("memory", { make: async (o) => memoryStore(o) });

describe("memory store specifics", () => {
  it("a filter past queryTimeoutMs is 400 tooMany, promptly; a long scan yields to other work", async () => {
    const fast = memoryStore({ queryTimeoutMs: 40 });
    const slow = memoryStore({ queryTimeoutMs: 60_000 });
    const filter = parseFilter(Array.from({ length: 100 }, (_, i) => `emails co "zz${i}" or title co "yy${i}"`).join(" or "));
    for (const store of [fast, slow]) {
      await store.open(coreIndex());
      for (let i = 0; i < 20_000; i++) await store.tenant("t").create("User", benchUser(i));
    }
    const started = Date.now();
    const e = await scimError(fast.tenant("t").list("User", { filter, startIndex: 1, count: 10 }));
    expect([e.status, e.scimType]).toEqual([400, "tooMany"]);
    expect(Date.now() - started).toBeLessThan(1000);

    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const r = await slow.tenant("t").list("User", { filter, startIndex: 1, count: 10 });
    clearInterval(timer);
    expect(r.totalResults).toBe(0);
    expect(ticks).toBeGreaterThan(0);
  }, 60_000);

  it("a sliced scan skips rows deleted while it yields and never fails on them", async () => {
    const store = memoryStore({ queryTimeoutMs: 60_000 });
    await store.open(coreIndex());
    const t = store.tenant("t");
    const ids: string[] = [];
    for (let i = 0; i < 20_000; i++) ids.push((await t.create("User", benchUser(i))).id);
    const filter = parseFilter(Array.from({ length: 60 }, (_, i) => `emails co "zz${i}" or title co "yy${i}"`).join(" or ") + ' or userName sw "user"');
    let deleted = 0;
    const timer = setInterval(() => {
      for (let k = 0; k < 50 && deleted < ids.length; k++) void t.delete("User", ids[ids.length - 1 - deleted++]!);
    }, 1);
    const r = await t.list("User", { filter, startIndex: 1, count: 20_000 });
    clearInterval(timer);
    expect(deleted).toBeGreaterThan(0); // the scan yielded while rows went away
    const left = new Set(ids.slice(0, ids.length - deleted));
    expect(r.resources.every((x) => x.id.length > 0)).toBe(true);
    // Every row still present at the end was counted; rows deleted mid-scan may or may not be.
    expect(r.totalResults).toBeGreaterThanOrEqual(left.size);
    expect(r.totalResults).toBeLessThanOrEqual(ids.length);
    expect(r.resources.length).toBe(r.totalResults);
  }, 60_000);

  it("refuses tenant() before open()", () => {
    expect(() => memoryStore().tenant("t")).toThrow(/open/);
  });

  it("a body nested deeper than 32 levels is 400 invalidValue, not a stack overflow", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    let deep: unknown = "x";
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const e = await scimError(store.tenant("t").create("User", { id: "1", userName: "a", deep }));
    expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
  });
});
