import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { elementRows } from "../../src/runtime/filter/sql/values.js";
import type { ResourceData, Store } from "../../src/runtime/stores/contract.js";
import { migrate as pgMigrate, postgresStore, type PgPool } from "../../src/runtime/stores/postgres/index.js";
import { migrate as liteMigrate, sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { user } from "./helpers.js";
import { storeManifest, TEST_EXT } from "./manifest.js";
import { pgHarness, type PgHarness } from "./pg-harness.js";

// The scim_value side table (multi-valued elements) stays exactly what elementRows()
// derives from the stored documents after every kind of write, per tenant, and a database
// made before it existed is back-filled by the migration. Filters over it answer as the
// documents say.

const dir = mkdtempSync(join(tmpdir(), "scim-values-"));
type Row = { tenant: string; type: string; id: string; attr: string; elem: unknown };
const canon = (rows: Row[]) =>
  rows.map((r) => `${r.tenant}|${r.type}|${r.id}|${r.attr}|${JSON.stringify(typeof r.elem === "string" ? JSON.parse(r.elem) : r.elem)}`).sort();
const emails = (...list: [string, string][]) => list.map(([type, value]) => ({ type, value }));
const WORK = parseFilter('emails[type eq "work" and value co "example"]');

interface Kind {
  readonly name: string;
  open(): Promise<{ store: Store; rows: () => Promise<Row[]>; done: () => Promise<void> }>;
}

let pg: PgHarness | undefined;
const kinds: Kind[] = [
  {
    name: "sqlite",
    async open() {
      const db = new Database(join(dir, `v-${Math.random().toString(36).slice(2)}.db`));
      const store = sqliteStore({ database: db });
      await store.open(storeManifest());
      return { store, rows: async () => db.prepare("SELECT v.tenant, v.type, r.id, v.attr, v.elem FROM scim_value v LEFT JOIN scim_resource r ON r.seq = v.seq").all() as Row[], done: async () => void db.close() };
    },
  },
  {
    name: "postgres",
    async open() {
      pg ??= await pgHarness();
      const pool = pg.pool;
      await pool.query("DROP TABLE IF EXISTS scim_value, scim_resource, scim_unique, scim_reference, scim_migration");
      const store = postgresStore({ pool });
      await store.open(storeManifest());
      return { store, rows: async () => (await pool.query<Row>("SELECT v.tenant, v.type, r.id, v.attr, v.elem FROM scim_value v LEFT JOIN scim_resource r ON r.seq = v.seq")).rows, done: async () => undefined };
    },
  },
];

afterAll(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(kinds)("$name: scim_value side rows", (kind) => {
  it("follow create, replace, delete and membership removal, per tenant", async () => {
    const { store, rows, done } = await kind.open();
    const tenants = ["a", "b"].map((t) => store.tenant(t));
    const [a, b] = tenants as [ReturnType<Store["tenant"]>, ReturnType<Store["tenant"]>];
    // What the side table must hold: elementRows of every stored document, both tenants.
    const expected = async (): Promise<string[]> => {
      const out: Row[] = [];
      for (const [i, t] of tenants.entries()) {
        for (const type of ["User", "Group"]) {
          for (const r of (await t.list(type, { startIndex: 1, count: 1000 })).resources) {
            for (const e of elementRows(r.data).values()) out.push({ tenant: ["a", "b"][i]!, type, id: r.id, attr: e.attr, elem: e.elem });
          }
        }
      }
      return canon(out);
    };
    const check = async (counts: [number, number]) => {
      expect(canon(await rows())).toEqual(await expected());
      expect([(await a.list("User", { filter: WORK, startIndex: 1, count: 10 })).totalResults, (await b.list("User", { filter: WORK, startIndex: 1, count: 10 })).totalResults]).toEqual(counts);
    };

    const u1 = await a.create("User", user("one", { emails: emails(["work", "one@example.com"], ["home", "one@home.test"]) }));
    const shared = user("two", { emails: emails(["work", "two@example.com"]) });
    await a.create("User", shared);
    await b.create("User", { ...shared, emails: emails(["home", "two@example.com"]) }); // same id, other tenant
    await check([2, 0]);

    // Replace: one element changes, a duplicate element, key order changed, an extension list.
    const data: ResourceData = { ...u1.data, emails: [{ value: "one@corp.test", type: "work" }, { value: "one@home.test", type: "home" }, { type: "home", value: "one@home.test" }], [TEST_EXT]: { tags: [{ value: "x" }] } };
    await a.replace("User", u1.id, data);
    await check([1, 0]);
    await a.replace("User", u1.id, { ...data, emails: [{ type: "home", value: "one@home.test" }] }); // one of the two equal elements goes
    await check([1, 0]);

    // A group lists both users; deleting one removes it from the group's members rows too.
    await a.create("Group", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: "g1", displayName: "G", members: [{ value: u1.id }, { value: shared.id as string }] });
    await check([1, 0]);
    await a.delete("User", shared.id as string);
    await check([0, 0]);
    const members = await a.list("Group", { filter: parseFilter(`members[value eq "${shared.id as string}"]`), startIndex: 1, count: 10 });
    expect(members.totalResults).toBe(0);
    expect((await b.get("User", shared.id as string))?.data.emails).toHaveLength(1);
    await b.replace("User", shared.id as string, { ...shared, emails: emails(["work", "b@example.com"]) });
    await check([0, 1]);
    await store.close();
    await done();
  });
});

const OLD_USER = (id: string) => ({ id, userName: id, emails: [{ type: "work", value: `${id}@example.com` }, { type: "home", value: `${id}@home.test` }], [TEST_EXT]: { tags: [{ value: "t" }, "plain"] } });

describe("a database from before the side table is back-filled by the migration", () => {
  it("sqlite: a file at the previous level", async () => {
    const db = new Database(join(dir, "old.db"));
    liteMigrate(db, 3);
    const insert = db.prepare("INSERT INTO scim_resource (tenant, type, id, version, created, last_modified, data) VALUES (?, 'User', ?, 1, 'x', 'x', ?)");
    for (const [t, id] of [["t", "u1"], ["t", "u2"], ["other", "u1"]] as const) insert.run(t, id, JSON.stringify(OLD_USER(id)));
    const store = sqliteStore({ database: db });
    await store.open(storeManifest());
    const rows = db.prepare("SELECT v.tenant, v.type, r.id, v.attr, v.elem FROM scim_value v LEFT JOIN scim_resource r ON r.seq = v.seq").all() as Row[];
    const want = [["t", "u1"], ["t", "u2"], ["other", "u1"]].flatMap(([t, id]) => [...elementRows(OLD_USER(id!)).values()].map((e) => ({ tenant: t!, type: "User", id: id!, attr: e.attr, elem: e.elem })));
    expect(canon(rows)).toEqual(canon(want));
    expect(want.some((r) => r.attr === `${TEST_EXT}:tags`)).toBe(true);
    expect((await store.tenant("t").list("User", { filter: WORK, startIndex: 1, count: 10 })).totalResults).toBe(2);
    await store.close();
    db.close();
  });

  it("postgres: a database at the previous level", async () => {
    pg ??= await pgHarness();
    const pool: PgPool = pg.pool;
    await pool.query("DROP TABLE IF EXISTS scim_value, scim_resource, scim_unique, scim_reference, scim_migration");
    const client = await pool.connect();
    try {
      await pgMigrate(client, 2);
      for (const [t, id] of [["t", "u1"], ["t", "u2"], ["other", "u1"]] as const) {
        await client.query("INSERT INTO scim_resource (tenant, type, id, version, created, last_modified, data) VALUES ($1, 'User', $2, 1, now(), now(), $3::jsonb)", [t, id, JSON.stringify(OLD_USER(id))]);
      }
    } finally {
      client.release();
    }
    const store = postgresStore({ pool });
    await store.open(storeManifest());
    const rows = (await pool.query<Row>("SELECT v.tenant, v.type, r.id, v.attr, v.elem FROM scim_value v LEFT JOIN scim_resource r ON r.seq = v.seq")).rows;
    const want = [["t", "u1"], ["t", "u2"], ["other", "u1"]].flatMap(([t, id]) => [...elementRows(OLD_USER(id!)).values()].map((e) => ({ tenant: t!, type: "User", id: id!, attr: e.attr, elem: e.elem })));
    expect(canon(rows)).toEqual(canon(want));
    expect((await store.tenant("t").list("User", { filter: WORK, startIndex: 1, count: 10 })).totalResults).toBe(2);
    await store.close();
  });
});
