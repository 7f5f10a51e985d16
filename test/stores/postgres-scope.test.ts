import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { migrate, postgresStore, type PgPool } from "../../src/runtime/stores/postgres/index.js";
import { listSql } from "../../src/runtime/stores/postgres/list.js";
import { scopeKey } from "../../src/runtime/stores/postgres/values.js";
import { readRules } from "../../src/runtime/stores/common/rules.js";
import { user } from "./helpers.js";
import { storeManifest } from "./manifest.js";
import { pgHarness, type PgHarness } from "./pg-harness.js";

// Migration 4's scim_value.scope column: value filters bind scopeKey(tenant, type, attr),
// so the JS key and the generated column must agree byte for byte, and no two triples may
// share a key (tenant isolation, DESIGN.md rule 5).

const WORK = parseFilter('emails[type eq "work" and value co "example"]');
const TENANTS = ["t", "ab", "a:b", "a\\:b", "a\\", "\\", ":", "a:User:", "7:x", "Ünïcødé", "日本", "😀 emoji", "lone \ud800 surrogate", " ", "x".repeat(300)];

let h: PgHarness | undefined;
const pool = async (): Promise<PgPool> => (h ??= await pgHarness()).pool;
const reset = async (p: PgPool) => p.query("DROP TABLE IF EXISTS scim_value, scim_resource, scim_unique, scim_reference, scim_migration");

afterAll(async () => h?.close());

describe("scim_value scope key", () => {
  it("is injective over (tenant, type, attr) triples", () => {
    const part = fc.string({ unit: "grapheme", maxLength: 8 });
    const triple = fc.tuple(part, part, part);
    fc.assert(fc.property(triple, triple, (a, b) => (a.join("\u0000") === b.join("\u0000")) === (scopeKey(...a) === scopeKey(...b))));
    // A short alphabet of the separator and the escape makes near-collisions likely.
    const tight = fc.string({ unit: fc.constantFrom("\\", ":", "a"), maxLength: 5 });
    fc.assert(fc.property(fc.tuple(tight, tight, tight), fc.tuple(tight, tight, tight), (a, b) => (a.join("\u0000") === b.join("\u0000")) === (scopeKey(...a) === scopeKey(...b))));
    // The same text split differently: escaping keeps them apart.
    const keys = [scopeKey("a:b", "User", "emails"), scopeKey("a", "b:User", "emails"), scopeKey("a:b:User", "", "emails"), scopeKey("a\\", "b", "c"), scopeKey("a", "\\b", "c")];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("equals the generated column for every tenant, and each tenant's filter sees its own rows only", async () => {
    const p = await pool();
    await reset(p);
    const store = postgresStore({ pool: p });
    await store.open(storeManifest());
    for (const [i, tenant] of TENANTS.entries()) {
      const t = store.tenant(tenant);
      for (let k = 0; k <= i % 3; k++) await t.create("User", user(`u${k}`, { emails: [{ type: "work", value: `u${k}@example.com` }] }));
    }
    const rows = (await p.query<{ tenant: string; type: string; attr: string; scope: string }>("SELECT DISTINCT tenant, type, attr, scope FROM scim_value")).rows;
    expect(rows).toHaveLength(TENANTS.length);
    for (const r of rows) expect(r.scope).toBe(scopeKey(r.tenant, r.type, r.attr));
    for (const [i, tenant] of TENANTS.entries()) {
      expect((await store.tenant(tenant).list("User", { filter: WORK, startIndex: 1, count: 10 })).totalResults).toBe((i % 3) + 1);
    }
    await store.close();
  });

  it("migration 4 fills the column for rows written at level 3", async () => {
    const p = await pool();
    await reset(p);
    const client = await p.connect();
    try {
      await migrate(client, 3);
      for (const tenant of ["a", "ab"]) {
        const r = await client.query<{ seq: string }>(
          "INSERT INTO scim_resource (tenant, type, id, version, created, last_modified, data) VALUES ($1, 'User', 'u1', 1, now(), now(), $2::jsonb) RETURNING seq",
          [tenant, JSON.stringify(user("u1", { emails: [{ type: "work", value: "u1@example.com" }] }))],
        );
        await client.query(`INSERT INTO scim_value (tenant, type, seq, attr, elem) VALUES ($1, 'User', $2, 'emails', '{"type":"work","value":"u1@example.com"}')`, [tenant, r.rows[0]!.seq]);
      }
    } finally {
      client.release();
    }
    const store = postgresStore({ pool: p });
    await store.open(storeManifest());
    const rows = (await p.query<{ tenant: string; scope: string }>("SELECT tenant, scope FROM scim_value ORDER BY tenant")).rows;
    expect(rows).toEqual([{ tenant: "a", scope: scopeKey("a", "User", "emails") }, { tenant: "ab", scope: scopeKey("ab", "User", "emails") }]);
    expect((await store.tenant("a").list("User", { filter: WORK, startIndex: 1, count: 10 })).totalResults).toBe(1);
    // The rewritten table was vacuumed after the commit (its visibility map serves index-only scans).
    const vacuumed = await p.query<{ n: string | number }>("SELECT count(*) AS n FROM pg_stat_user_tables WHERE relname = 'scim_value' AND schemaname = current_schema() AND last_vacuum IS NOT NULL");
    expect(Number(vacuumed.rows[0]!.n)).toBe(1);
    await store.close();
  });

  it("a value filter binds the scope key, never the tenant in SQL text, and tests no other scope column", () => {
    const rules = readRules(storeManifest()).get("user")!;
    const sql = listSql("o'hara", rules, { filter: WORK, startIndex: 1, count: 10 });
    expect(sql.counted?.params).toContain(scopeKey("o'hara", "User", "emails"));
    expect(sql.counted?.sql).not.toContain("hara");
    expect(sql.counted?.sql).toMatch(/e1\.scope = \$\d+::text/);
    expect(sql.counted?.sql).not.toMatch(/e1\.(tenant|type|attr) =/);
  });
});
