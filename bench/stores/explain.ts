import type Database from "better-sqlite3";
import type pg from "pg";
import { parseFilter } from "../../src/runtime/filter/index.js";
import { pinned } from "../../src/runtime/stores/common/pinned.js";
import { readRules } from "../../src/runtime/stores/common/rules.js";
import { listSql as pgListSql } from "../../src/runtime/stores/postgres/list.js";
import { SQL } from "../../src/runtime/stores/postgres/sql.js";
import { listSql as liteListSql } from "../../src/runtime/stores/sqlite/list.js";
import { coreIndex } from "../../test/support/core-manifest.js";

// Prints the query plan of the SQL each benchmark filter runs: the scim_unique primary-key
// probe when a unique attribute pins the filter, else the translated SQL list() runs (an
// unsorted filtered page: one statement that counts and pages the matches).

const rules = readRules(coreIndex()).get("user")!;
const indent = (s: string) => s.split("\n").map((l) => `      ${l}`).join("\n");

export function explainSqlite(db: Database.Database, tenant: string, filters: string[]): void {
  console.log("  EXPLAIN QUERY PLAN (SQLite):");
  for (const text of filters) {
    const filter = parseFilter(text);
    const pin = pinned(rules, filter);
    const plans: [string, string, unknown[]][] = [];
    if (pin?.kind === "unique") plans.push(["unique probe", "SELECT id FROM scim_unique WHERE tenant = ? AND type = ? AND attr = ? AND value = ?", [tenant, "User", pin.rule.path, pin.key]]);
    else {
      const sql = liteListSql(tenant, rules, { filter, startIndex: 1, count: 100 });
      // An unsorted filtered page runs `counted` (count and page in one statement) first.
      plans.push(["count+page", sql.counted.sql, sql.counted.params]);
    }
    console.log(`    ${text}`);
    for (const [label, sql, params] of plans) {
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      console.log(indent(`${label}: ${rows.map((r) => r.detail).join(" | ")}`));
    }
  }
}

export async function explainPostgres(pool: pg.Pool, tenant: string, filters: string[]): Promise<void> {
  console.log("  EXPLAIN ANALYZE, BUFFERS (PostgreSQL):");
  for (const text of filters) {
    const filter = parseFilter(text);
    const pin = pinned(rules, filter);
    const plans: [string, string, unknown[]][] = [];
    if (pin?.kind === "unique") plans.push(["unique probe", SQL.getByUnique, [tenant, "User", pin.rule.path, pin.key]]);
    else {
      const sql = pgListSql(tenant, rules, { filter, startIndex: 1, count: 100 });
      if (sql.counted) plans.push(["count+page", sql.counted.sql, sql.counted.params]);
      else plans.push(["count", sql.count.sql, sql.count.params], ["page", sql.page.sql, sql.page.params]);
    }
    console.log(`    ${text}`);
    for (const [label, sql, params] of plans) {
      const r = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ${sql}`, params);
      console.log(indent(`${label}:\n${r.rows.map((x) => `  ${x["QUERY PLAN"]}`).join("\n")}`));
    }
  }
}
