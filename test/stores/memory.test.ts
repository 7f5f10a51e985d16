import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { scimError, storeContract } from "./contract.js";
import { storeManifest } from "./manifest.js";

storeContract("memory", { make: async (o) => memoryStore(o) });

describe("memory store specifics", () => {
  it("returns frozen resources, so readers share stored objects safely", async () => {
    const store = memoryStore();
    await store.open(storeManifest());
    const s = store.tenant("t");
    const r = await s.create("User", { id: "1", userName: "a", emails: [{ value: "a@x" }] });
    expect(Object.isFrozen(r) && Object.isFrozen(r.data) && Object.isFrozen((r.data.emails as object[])[0])).toBe(true);
    expect(() => {
      (r.data as Record<string, unknown>).userName = "b";
    }).toThrow(TypeError);
  });

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
