import { PGlite } from "@electric-sql/pglite";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SqlTarget } from "../../src/runtime/filter/index.js";
import type { ResolvedAttribute } from "../../src/runtime/manifest/resolve.js";
import { compareAttributeValues, compileFilter, filterToSql, parseFilter, registerSqliteFunctions, sortToSql, SQLITE_UNICODE_LOWER } from "../../src/runtime/filter/index.js";
import { corpusGroups, corpusUsers, validFilters } from "./corpus.js";
import { elementRows } from "../../src/runtime/filter/sql/values.js";
import { generateUsers } from "./generate.js";
import { filterTestIndex } from "./test-manifest.js";

// filterToSql proven against the evaluator: the same 1,000 generated users (plus the
// corpus users and groups) stored as a store would (JSON without meta, meta in columns),
// every corpus filter run as SQL on SQLite and on PGlite, ids compared with the compiled
// evaluator's answer. sortToSql is checked against compareAttributeValues the same way.

const index = filterTestIndex();
type Row = Record<string, unknown> & { id: string; meta: { created: string; lastModified: string } };
const users = [...corpusUsers, ...generateUsers(1000)] as Row[];
const groups = corpusGroups as Row[];
const rowsOf = (type: string) => (type === "User" ? users : groups);
const dataOf = (r: Row) => {
  const { meta: _meta, ...data } = r;
  return data;
};

const cases = validFilters.map((c) => [c.resourceType, c.filter, c] as const);
const expected = (c: (typeof validFilters)[number]) => {
  const match = compileFilter(parseFilter(c.filter, { lenient: c.lenient === true }), index.resourceType(c.resourceType)!, { coerceBooleanStrings: c.coerceBooleanStrings === true });
  return rowsOf(c.resourceType).filter((r) => match(r)).map((r) => r.id).sort();
};

const META = { id: "id", created: "created", lastModified: "last_modified" };
const SORTS = ["userName", "name.familyName", "emails", "emails.value", "meta.created", "meta.lastModified", "title", "active", "urn:example:params:scim:schemas:extension:test:2.0:User:level", "urn:example:params:scim:schemas:extension:test:2.0:User:score", "urn:example:params:scim:schemas:extension:test:2.0:User:hiredAt", "urn:example:params:scim:schemas:extension:test:2.0:User:tags", "urn:example:params:scim:schemas:extension:test:2.0:User:code"];

function expectedOrder(path: string, order: "ascending" | "descending"): string[] {
  const hit = index.resourceType("User")!.resolve(path)!;
  const valueOf = (r: Row): unknown => {
    const top = hit.extension ? (r[hit.schema] as Record<string, unknown> | undefined)?.[hit.attribute.name] : r[hit.attribute.name];
    if (!hit.subAttribute) return top;
    if (Array.isArray(top)) return top.map((el) => (el as Record<string, unknown>)?.[hit.subAttribute!.name]);
    return (top as Record<string, unknown> | undefined)?.[hit.subAttribute.name];
  };
  const attr = hit.subAttribute ?? hit.attribute;
  const sign = order === "descending" ? -1 : 1;
  return [...users]
    .sort((a, b) => {
      let va = valueOf(a), vb = valueOf(b);
      // emails.value sorts by the primary email's value (RFC 7644 §3.4.2.3): pick it first.
      if (hit.subAttribute && Array.isArray(va)) va = pickPrimary(a, hit, va);
      if (hit.subAttribute && Array.isArray(vb)) vb = pickPrimary(b, hit, vb);
      const c = compareAttributeValues(va, vb, attr);
      // Ties break on id in the same direction, as the SQL's ", id ASC|DESC".
      return c !== 0 ? sign * c : sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    })
    .map((r) => r.id);
}

function pickPrimary(r: Row, hit: ResolvedAttribute, values: unknown[]): unknown {
  const elements = r[hit.attribute.name] as Record<string, unknown>[];
  const i = elements.findIndex((e) => e?.primary === true);
  return values[i >= 0 ? i : 0];
}

describe("filterToSql on SQLite (better-sqlite3) equals the evaluator", () => {
  const db = new Database(":memory:");
  beforeAll(() => {
    db.exec(`CREATE TABLE res (type TEXT NOT NULL, id TEXT NOT NULL, created TEXT NOT NULL, last_modified TEXT NOT NULL, data TEXT NOT NULL,
      user_name TEXT GENERATED ALWAYS AS (json_extract(data, '$.userName')) VIRTUAL) STRICT`);
    db.exec("CREATE INDEX res_user_name ON res (type, user_name COLLATE NOCASE)");
    // The side table of multi-valued elements (values.ts), as the SQLite store keeps it.
    db.exec(`CREATE TABLE vals (type TEXT NOT NULL, id TEXT NOT NULL, attr TEXT NOT NULL, elem TEXT NOT NULL,
      elem_value ANY GENERATED ALWAYS AS (json_extract(elem, '$.value')) STORED,
      elem_type ANY GENERATED ALWAYS AS (json_extract(elem, '$.type')) STORED) STRICT`);
    registerSqliteFunctions(db);
    const insert = db.prepare("INSERT INTO res (type, id, created, last_modified, data) VALUES (?, ?, ?, ?, ?)");
    const side = db.prepare("INSERT INTO vals (type, id, attr, elem) VALUES (?, ?, ?, ?)");
    db.transaction(() => {
      for (const [type, rows] of [["User", users], ["Group", groups]] as const) {
        for (const r of rows) {
          insert.run(type, r.id, r.meta.created, r.meta.lastModified, JSON.stringify(dataOf(r)));
          for (const e of elementRows(dataOf(r)).values()) side.run(type, r.id, e.attr, e.elem);
        }
      }
    })();
  });
  afterAll(() => db.close());

  const targets: Record<string, SqlTarget> = {
    json: { dialect: "sqlite", dataColumn: "data", metaColumns: META },
    columns: { dialect: "sqlite", dataColumn: "data", metaColumns: META, columns: { userName: { sql: "user_name", nocase: true } } },
    unicode: { dialect: "sqlite", dataColumn: "data", metaColumns: META, columns: { userName: { sql: "user_name", nocase: true } }, lower: SQLITE_UNICODE_LOWER },
  };
  // The side-table target depends on the resource type (its scope binds the type).
  const sideTarget = (type: string, lower?: string): SqlTarget => ({
    ...targets.json!,
    ...(lower ? { lower } : {}),
    values: { table: "vals", owner: "id", scope: [["type", type]], columns: { value: "elem_value", type: "elem_type" } },
  });
  for (const [name, lower] of [["values", undefined], ["values+unicode", SQLITE_UNICODE_LOWER]] as const) {
    const applicable = lower ? cases : cases.filter(([, , c]) => !c.unicodeCase);
    it.each(applicable)(`[${name}] %s: %s`, (type, _filter, c) => {
      const { sql, params } = filterToSql(parseFilter(c.filter, { lenient: c.lenient === true }), index.resourceType(type)!, sideTarget(type, lower), { coerceBooleanStrings: c.coerceBooleanStrings === true });
      const ids = db.prepare(`SELECT id FROM res WHERE type = '${type}' AND (${sql}) ORDER BY id`).all(...params) as { id: string }[];
      expect(ids.map((r) => r.id).sort()).toEqual(expected(c));
    });
  }
  for (const [name, target] of Object.entries(targets)) {
    // SQLite's own lower() folds ASCII only (documented): Unicode cases need scim_lower.
    const applicable = target.lower ? cases : cases.filter(([, , c]) => !c.unicodeCase);
    it.each(applicable)(`[${name}] %s: %s`, (type, _filter, c) => {
      const { sql, params } = filterToSql(parseFilter(c.filter, { lenient: c.lenient === true }), index.resourceType(type)!, target, { coerceBooleanStrings: c.coerceBooleanStrings === true });
      const ids = db.prepare(`SELECT id FROM res WHERE type = '${type}' AND (${sql}) ORDER BY id`).all(...params) as { id: string }[];
      expect(ids.map((r) => r.id).sort()).toEqual(expected(c));
    });
  }

  it.each(SORTS.flatMap((p) => [[p, "ascending"], [p, "descending"]] as const))("sortToSql %s %s orders as compareAttributeValues", (path, order) => {
    const { sql, params } = sortToSql(path, index.resourceType("User")!, targets.json!, order);
    const ids = db.prepare(`SELECT id FROM res WHERE type = 'User' ORDER BY ${sql}, id ${order === "descending" ? "DESC" : "ASC"}`).all(...params) as { id: string }[];
    expect(ids.map((r) => r.id)).toEqual(expectedOrder(path, order));
  });

  it("documents the gap scim_lower closes: SQLite's lower() leaves non-ASCII letters alone", () => {
    const query = (t: SqlTarget) => {
      const { sql, params } = filterToSql(parseFilter('displayName eq "ZOË ÅNGSTRÖM"'), index.resourceType("User")!, t);
      return (db.prepare(`SELECT id FROM res WHERE ${sql}`).all(...params) as { id: string }[]).map((r) => r.id);
    };
    expect(query(targets.json!)).toEqual([]);
    expect(query(targets.unicode!)).toEqual(["u5"]);
  });

  it("lets the COLLATE NOCASE index on user_name serve userName eq (case-insensitive)", () => {
    const { sql, params } = filterToSql(parseFilter('userName eq "BJENSEN"'), index.resourceType("User")!, targets.columns!);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM res WHERE type = 'User' AND ${sql}`).all(...params) as { detail: string }[];
    expect(plan.map((p) => p.detail).join("\n")).toContain("USING INDEX res_user_name");
  });

  it("binds every value: a hostile literal is data, not SQL", () => {
    const hostile = `x' OR '1'='1`;
    const { sql, params } = filterToSql(parseFilter(`userName eq ${JSON.stringify(hostile)} or title co ${JSON.stringify("%_\\")}`), index.resourceType("User")!, targets.json!);
    expect(sql).not.toContain(hostile);
    expect(params).toEqual([hostile, "%_\\"]);
    expect(db.prepare(`SELECT count(*) n FROM res WHERE ${sql}`).get(...params)).toEqual({ n: 0 });
  });
});

describe("filterToSql on PostgreSQL (PGlite) equals the evaluator", () => {
  let pg: PGlite;
  const target: SqlTarget = { dialect: "postgres", dataColumn: "data", metaColumns: META, paramOffset: 1 };
  beforeAll(async () => {
    pg = new PGlite();
    await pg.exec(`CREATE TABLE res (type text NOT NULL, id text NOT NULL, created timestamptz NOT NULL, last_modified timestamptz NOT NULL, data jsonb NOT NULL,
      user_name text GENERATED ALWAYS AS (data->>'userName') STORED, family_name text GENERATED ALWAYS AS (data->'name'->>'familyName') STORED)`);
    await pg.exec("CREATE INDEX res_user_name ON res (lower(data->>'userName'))");
    const values: string[] = [];
    const params: unknown[] = [];
    for (const [type, rows] of [["User", users], ["Group", groups]] as const) {
      for (const r of rows) {
        const n = params.length;
        values.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::jsonb)`);
        params.push(type, r.id, r.meta.created, r.meta.lastModified, JSON.stringify(dataOf(r)));
      }
    }
    await pg.query(`INSERT INTO res (type, id, created, last_modified, data) VALUES ${values.join(", ")}`, params);
    await pg.exec(`CREATE TABLE vals (type text NOT NULL, id text NOT NULL, attr text NOT NULL, elem jsonb NOT NULL,
      elem_value text GENERATED ALWAYS AS (elem->>'value') STORED, elem_type text GENERATED ALWAYS AS (elem->>'type') STORED,
      elem_value_l text GENERATED ALWAYS AS (lower(elem->>'value')) STORED, elem_type_l text GENERATED ALWAYS AS (lower(elem->>'type')) STORED)`);
    const side: unknown[][] = [[], [], [], []];
    for (const [type, rows] of [["User", users], ["Group", groups]] as const) {
      for (const r of rows) {
        for (const e of elementRows(dataOf(r)).values()) [type, r.id, e.attr, e.elem].forEach((v, i) => side[i]!.push(v));
      }
    }
    await pg.query("INSERT INTO vals (type, id, attr, elem) SELECT t, i, a, e::jsonb FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(t, i, a, e)", side);
  }, 60_000);
  afterAll(async () => pg?.close());

  const pgTargets: Record<string, SqlTarget> = {
    json: target,
    columns: { ...target, columns: { userName: "user_name", "name.familyName": "family_name" } },
  };
  const pgSide = (type: string, lowered?: Record<string, string>): SqlTarget => ({
    ...target,
    values: { table: "vals", owner: "id", scope: [["type", type]], columns: { value: "elem_value", type: "elem_type" }, ...(lowered ? { lowered } : {}) },
  });
  for (const [name, t] of [...Object.entries(pgTargets), ["values", undefined] as const, ["values+lowered", "lowered"] as const]) {
    it.each(cases)(`[${name}] %s: %s`, async (type, _filter, c) => {
      const { sql, params } = filterToSql(parseFilter(c.filter, { lenient: c.lenient === true }), index.resourceType(type)!, t === undefined ? pgSide(type) : t === "lowered" ? pgSide(type, { value: "elem_value_l", type: "elem_type_l" }) : t, { coerceBooleanStrings: c.coerceBooleanStrings === true });
      const res = await pg.query<{ id: string }>(`SELECT id FROM res WHERE type = $1 AND (${sql})`, [type, ...params]);
      expect(res.rows.map((r) => r.id).sort()).toEqual(expected(c));
    });
  }

  it("reads a side table's lowered columns instead of lower-casing every row", () => {
    const user = filterToSql(parseFilter('emails[type eq "work" and value co "Example"]'), index.resourceType("User")!, pgSide("User", { value: "elem_value_l", type: "elem_type_l" })).sql;
    expect(user).toContain("e1.elem_type_l = lower($2::text)");
    expect(user).toContain("strpos(e1.elem_value_l, lower($3::text)) > 0");
  });

  it("lets an expression index on lower(data->>'userName') serve userName eq", async () => {
    const { sql, params } = filterToSql(parseFilter('userName eq "BJENSEN"'), index.resourceType("User")!, { ...target, paramOffset: 0 });
    await pg.exec("SET enable_seqscan = off");
    const plan = await pg.query<{ "QUERY PLAN": string }>(`EXPLAIN SELECT id FROM res WHERE ${sql}`, params);
    await pg.exec("SET enable_seqscan = on");
    expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("res_user_name");
  });

  it.each(SORTS.flatMap((p) => [[p, "ascending"], [p, "descending"]] as const))("sortToSql %s %s orders as compareAttributeValues", async (path, order) => {
    const { sql, params } = sortToSql(path, index.resourceType("User")!, { ...target, paramOffset: 0 }, order);
    const res = await pg.query<{ id: string }>(`SELECT id FROM res WHERE type = 'User' ORDER BY ${sql}, id COLLATE "C" ${order === "descending" ? "DESC" : "ASC"}`, params);
    expect(res.rows.map((r) => r.id)).toEqual(expectedOrder(path, order));
  });
});
