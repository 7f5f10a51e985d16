import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { ManifestIndex } from "../../src/runtime/manifest/resolve.js";
import type { Store } from "../../src/runtime/stores/contract.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { pglitePool, postgresStore } from "../../src/runtime/stores/postgres/index.js";
import { sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { coreManifest } from "../support/core-manifest.js";

// WriteOptions.keepUnknownReferences (the compat switch keepUnknownMembers, for the
// Microsoft suite's `"members": "string id 1"`): off, a member naming no resource of the
// tenant is 400 invalidValue; on, it is stored. Never resolves into another tenant.

const dir = mkdtempSync(join(tmpdir(), "scim-compat-refs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: [string, () => Promise<Store>][] = [
  ["memory", async () => memoryStore()],
  ["sqlite", async () => sqliteStore({ file: join(dir, "refs.db") })],
  ["postgres (PGlite)", async () => postgresStore({ pool: pglitePool(new PGlite()) })],
];

describe.each(stores)("%s store", (_name, make) => {
  it("rejects unknown members by default and keeps them only when asked", async () => {
    const store = await make();
    await store.open(new ManifestIndex(coreManifest()));
    try {
      const acme = store.tenant("acme");
      const globex = store.tenant("globex");
      await globex.create("User", { id: "u-globex", userName: "g" });
      const g = await acme.create("Group", { id: "g1", displayName: "G" });
      const withMembers = (ids: string[]) => ({ id: "g1", displayName: "G", members: ids.map((value) => ({ value })) });
      await expect(acme.replace("Group", "g1", withMembers(["string id 1"]))).rejects.toMatchObject({ status: 400, scimType: "invalidValue" });
      // another tenant's user is unknown here too
      await expect(acme.replace("Group", "g1", withMembers(["u-globex"]), { ifVersion: g.version })).rejects.toMatchObject({ status: 400 });
      expect((await acme.get("Group", "g1"))?.data.members).toBeUndefined();
      const kept = await acme.replace("Group", "g1", withMembers(["string id 1"]), { keepUnknownReferences: true });
      expect(kept.data.members).toEqual([{ value: "string id 1" }]);
      expect((await acme.get("Group", "g1"))?.data.members).toEqual([{ value: "string id 1" }]);
      expect(await globex.get("Group", "g1")).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
