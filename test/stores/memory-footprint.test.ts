import { describe, expect, it } from "vitest";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { user } from "./contract.js";
import { storeManifest } from "./manifest.js";

// What keeps 100k stored users small: repeated `schemas` lists are one shared, frozen
// array; a list that differs is kept as sent.

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
});
