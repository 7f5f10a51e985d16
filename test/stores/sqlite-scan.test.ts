import { describe, expect, it } from "vitest";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { benchUser } from "../../bench/stores/users.js";
import { coreIndex } from "../support/core-manifest.js";
import { scimError } from "./contract.js";

// better-sqlite3 runs statements synchronously and has no statement timeout: a filtered
// list must neither hold the event loop for its whole scan nor run without bound.

async function seeded(n: number, queryTimeoutMs?: number) {
  const store = sqliteStore({ file: ":memory:", durability: "normal", ...(queryTimeoutMs ? { queryTimeoutMs } : {}) });
  await store.open(coreIndex());
  const t = store.tenant("t");
  for (let i = 0; i < n; i++) await t.create("User", benchUser(i));
  await store.tenant("other").create("User", benchUser(0)); // seq gaps from another tenant
  return { store, t };
}

const heavy = (terms: number) => parseFilter(Array.from({ length: terms }, (_, i) => `emails co "zz${i}" or title co "yy${i}"`).join(" or "));

describe("sqlite store: long scans", () => {
  it("a filter past queryTimeoutMs is 400 tooMany, promptly", async () => {
    const { store, t } = await seeded(3000, 30);
    const started = Date.now();
    const e = await scimError(t.list("User", { filter: heavy(30), startIndex: 1, count: 10 }));
    expect([e.status, e.scimType]).toEqual([400, "tooMany"]);
    expect(Date.now() - started).toBeLessThan(1000);
    await store.close();
  }, 60_000);

  it("other work runs while a long scan is in progress (the loop is released many times)", async () => {
    const { store, t } = await seeded(3000);
    let ticks = 0;
    let running = true;
    const timer = setInterval(() => running && ticks++, 2);
    const r = await t.list("User", { filter: heavy(30), startIndex: 1, count: 10 });
    running = false;
    clearInterval(timer);
    expect(r.totalResults).toBe(0);
    // A scan that never yields lets no timer fire until it ends; counting timer callbacks
    // during the scan (not gaps between them) stays meaningful on a loaded machine.
    expect(ticks).toBeGreaterThanOrEqual(3);
    await store.close();
  }, 60_000);

  it.each([
    ["first page", 1, 5],
    ["a page across slices", 700, 50],
    ["past the end", 5000, 10],
  ])("sliced scans page exactly like one query: %s", async (_, startIndex, count) => {
    const { store, t } = await seeded(2500);
    const filter = parseFilter('emails[type eq "work" and value co "example"] or title eq "Manager"');
    const r = await t.list("User", { filter, startIndex, count });
    const all = await t.list("User", { filter, startIndex: 1, count: 100_000 });
    expect(r.totalResults).toBe(all.totalResults);
    expect(r.resources.map((x) => x.id)).toEqual(all.resources.slice(startIndex - 1, startIndex - 1 + count).map((x) => x.id));
    const ids = all.resources.map((x) => Number(x.id.slice(-12)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(all.totalResults).toBe(Array.from({ length: 2500 }, (_, i) => i).filter((i) => i % 3 === 0 || i % 7 === 0).length);
    await store.close();
  }, 60_000);
});
