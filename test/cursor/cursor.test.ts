import { describe, expect, it } from "vitest";
import { caller, kernel, TOKENS, user } from "../bulk/support.js";

// RFC 9865 cursor paging over the kernel: nextCursor on every page but the last,
// previousCursor back, /.search bodies like the GET form, tamper-evident cursors bound to
// the tenant and the query, expiry, and the ServiceProviderConfig pagination block.

const SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const KEY = "a-test-cursor-key-of-32-bytes-ok!";

async function seeded(n: number, options: Parameters<typeof kernel>[0] = {}) {
  const k = kernel({ cursors: { key: KEY }, ...options });
  const call = caller(k);
  for (let i = 0; i < n; i++) expect((await call("POST", "/Users", user(`user${String(i).padStart(3, "0")}`, { title: `t${i % 3}` }))).status).toBe(201);
  return { k, call };
}

const names = (r: { body: Record<string, any> }) => (r.body.Resources as { userName: string }[]).map((u) => u.userName);

describe("cursor paging", () => {
  it("walks every page with nextCursor, none on the last, and back with previousCursor", async () => {
    const { call } = await seeded(10);
    const first = await call("GET", "/Users?cursor&count=4&sortBy=userName");
    expect(first.status).toBe(200);
    expect(first.body.startIndex).toBeUndefined();
    expect(first.body.previousCursor).toBeUndefined();
    expect([first.body.totalResults, first.body.itemsPerPage]).toEqual([10, 4]);
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const second = await call("GET", `/Users?cursor=${first.body.nextCursor}&count=4&sortBy=userName`);
    const third = await call("GET", `/Users?cursor=${second.body.nextCursor}&count=4&sortBy=userName`);
    expect([...names(first), ...names(second), ...names(third)]).toEqual(Array.from({ length: 10 }, (_, i) => `user${String(i).padStart(3, "0")}`));
    expect(third.body.nextCursor).toBeUndefined();
    expect(third.body.previousCursor).toBeDefined();
    const back = await call("GET", `/Users?cursor=${third.body.previousCursor}&count=4&sortBy=userName`);
    expect(names(back)).toEqual(names(second));
    const start = await call("GET", `/Users?cursor=${back.body.previousCursor}&count=4&sortBy=userName`);
    expect(names(start)).toEqual(names(first));
    expect(start.body.previousCursor).toBeUndefined();
    expect(start.body.nextCursor).toBeDefined();
  });

  it.each(["", "&sortBy=userName&sortOrder=descending", "&sortBy=title", "&sortBy=title&sortOrder=descending"])(
    "pages back with previousCursor to exactly the pages walked forward (%s)",
    async (sort) => {
      const { call } = await seeded(11);
      const forward: string[][] = [];
      let r = await call("GET", `/Users?cursor&count=3${sort}`);
      forward.push(names(r));
      while (r.body.nextCursor) {
        r = await call("GET", `/Users?cursor=${r.body.nextCursor}&count=3${sort}`);
        forward.push(names(r));
      }
      expect(forward.flat()).toHaveLength(11);
      const backward: string[][] = [names(r)];
      while (r.body.previousCursor) {
        r = await call("GET", `/Users?cursor=${r.body.previousCursor}&count=3${sort}`);
        backward.push(names(r));
      }
      expect(backward.reverse()).toEqual(forward);
    },
  );

  it("gives /.search bodies the same answers as the GET form", async () => {
    const { call } = await seeded(7);
    const get = await call("GET", `/Users?cursor=&count=3&filter=${encodeURIComponent('title eq "t1"')}&sortBy=userName&sortOrder=descending&attributes=userName`);
    const post = await call("POST", "/Users/.search", { schemas: [SEARCH], cursor: "", count: 3, filter: 'title eq "t1"', sortBy: "userName", sortOrder: "descending", attributes: ["userName"] });
    expect(post.body.Resources).toEqual(get.body.Resources);
    expect(names(post)).toEqual(["user004", "user001"]);
    // A cursor from GET continues a .search with the same query, and the other way round.
    const all = await call("POST", "/Users/.search", { schemas: [SEARCH], cursor: "", count: 2, sortBy: "userName" });
    const next = await call("GET", `/Users?cursor=${all.body.nextCursor}&count=2&sortBy=userName`);
    expect(names(next)).toEqual(["user002", "user003"]);
  });

  it("uses defaultPageSize without count and lowers count to maxPageSize", async () => {
    const { call } = await seeded(5, { cursors: { key: KEY, defaultPageSize: 2 }, maxResults: 3 });
    expect(names(await call("GET", "/Users?cursor"))).toHaveLength(2);
    expect(names(await call("GET", "/Users?cursor&count=50"))).toHaveLength(3);
    const spc = await call("GET", "/ServiceProviderConfig");
    expect(spc.body.pagination).toEqual({ cursor: true, index: true, defaultPaginationMethod: "index", defaultPageSize: 2, maxPageSize: 3, cursorTimeout: 3600 });
  });

  // RFC 9865 §4: defaultPageSize is the page size without count for either method, so the
  // advertised value is what index paging does too.
  it.each([
    ["defaultPageSize", { defaultPageSize: 2, cursors: { key: KEY } }],
    ["cursors.defaultPageSize (older spelling)", { cursors: { key: KEY, defaultPageSize: 2 } }],
    ["defaultPageSize with cursors off", { defaultPageSize: 2, cursors: false as const }],
  ])("index paging without count returns the advertised %s", async (_, options) => {
    const { call } = await seeded(5, { ...options, maxResults: 4 });
    const r = await call("GET", "/Users");
    expect(r.body).toMatchObject({ totalResults: 5, itemsPerPage: 2, startIndex: 1 });
    expect(names(await call("GET", "/Users?count=3"))).toHaveLength(3);
    expect(((await call("GET", "/ServiceProviderConfig")).body.pagination as { defaultPageSize: number }).defaultPageSize).toBe(2);
  });

  it("defaults to 100 per page, never above maxResults", async () => {
    const spc = async (o: Parameters<typeof kernel>[0]) => ((await caller(kernel(o))("GET", "/ServiceProviderConfig")).body.pagination as { defaultPageSize: number }).defaultPageSize;
    expect(await spc({})).toBe(100);
    expect(await spc({ cursors: false })).toBe(100);
    expect(await spc({ maxResults: 50 })).toBe(50);
  });

  it("keeps index paging the default and answers cursor requests with 400 when cursors are off", async () => {
    const call = caller(kernel({ cursors: false }));
    expect((await call("GET", "/ServiceProviderConfig")).body.pagination).toMatchObject({ cursor: false, index: true, defaultPaginationMethod: "index" });
    const r = await call("GET", "/Users?cursor");
    expect([r.status, r.body.scimType]).toEqual([400, "invalidValue"]);
    const plain = await call("GET", "/Users");
    expect(plain.body.startIndex).toBe(1);
  });

  it("refuses startIndex together with cursor", async () => {
    const { call } = await seeded(1);
    const r = await call("GET", "/Users?cursor&startIndex=2");
    expect([r.status, r.body.scimType]).toEqual([400, "invalidValue"]);
    expect(r.body.detail).toContain("startIndex and cursor");
  });
});

describe("hostile cursors", () => {
  async function nextCursor(options: Parameters<typeof kernel>[0] = {}) {
    const { k, call } = await seeded(4, options);
    const r = await call("GET", "/Users?cursor&count=2");
    return { k, call, cursor: r.body.nextCursor as string };
  }

  it.each([
    ["garbage", () => "not-a-cursor"],
    ["an altered payload", (c: string) => `${c[0] === "e" ? "f" : "e"}${c.slice(1)}`],
    ["an altered signature", (c: string) => `${c.slice(0, -2)}${c.endsWith("AA") ? "BB" : "AA"}`],
    ["a payload re-signed with another key", (_c: string, other: string) => other],
    ["a long token", () => `${"a".repeat(5000)}.${"b".repeat(43)}`],
    ["percent-encoded junk", () => "%00%ff%2e."],
  ])("refuses %s with 400 invalidCursor", async (_name, forge) => {
    const { call, cursor } = await nextCursor();
    const { cursor: foreign } = await nextCursor({ cursors: { key: "another-key-another-key-another" } });
    const r = await call("GET", `/Users?cursor=${encodeURIComponent(forge(cursor, foreign))}&count=2`);
    expect([r.status, r.body.scimType]).toEqual([400, "invalidCursor"]);
  });

  it("refuses a cursor longer than any query parameter may be with 400", async () => {
    const { call } = await nextCursor();
    const r = await call("GET", `/Users?cursor=${"a".repeat(100_000)}`);
    expect(r.status).toBe(400);
  });

  it("refuses a cursor presented by another tenant, for another resource type or another query", async () => {
    const k = kernel({ cursors: { key: KEY } });
    const acme = caller(k, "/tenants/acme/scim/v2", TOKENS.acme);
    const globex = caller(k, "/tenants/globex/scim/v2", TOKENS.globex);
    for (const c of [acme, globex]) for (let i = 0; i < 3; i++) await c("POST", "/Users", user(`u${i}`));
    const cursor = (await acme("GET", "/Users?cursor&count=1")).body.nextCursor as string;
    expect((await acme("GET", `/Users?cursor=${cursor}&count=1`)).status).toBe(200);
    for (const [who, path] of [
      [globex, `/Users?cursor=${cursor}&count=1`],
      [acme, `/Groups?cursor=${cursor}&count=1`],
      [acme, `/Users?cursor=${cursor}&count=1&filter=${encodeURIComponent('userName sw "u"')}`],
      [acme, `/Users?cursor=${cursor}&count=1&sortBy=userName`],
      [acme, `/Users?cursor=${cursor}&count=1&attributes=emails`],
    ] as const) {
      const r = await who("GET", path);
      expect([r.status, r.body.scimType]).toEqual([400, "invalidCursor"]);
    }
  });

  it("refuses an expired cursor with 400 expiredCursor", async () => {
    let now = Date.parse("2026-01-01T00:00:00Z");
    const { call, cursor } = await nextCursor({ cursors: { key: KEY, timeoutSeconds: 60, now: () => now } });
    expect((await call("GET", `/Users?cursor=${cursor}&count=2`)).status).toBe(200);
    now += 61_000;
    const r = await call("GET", `/Users?cursor=${cursor}&count=2`);
    expect([r.status, r.body.scimType]).toEqual([400, "expiredCursor"]);
    expect(r.body.detail).toContain("60 seconds");
  });
});
