import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user } from "./support/client.js";
import { FRAMEWORKS, startServer, type Running } from "./support/servers.js";

// RFC 7644 §3.4.2 (filter, sort, paging), §3.4.3 (.search) and §3.9 (projection) over
// real HTTP. Seeded with users whose names sort differently by case and by value.

const SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const seed = [
  { userName: "alice", title: "b", emails: [{ value: "alice@example.com", type: "work" }] },
  { userName: "Bob", title: "a", emails: [{ value: "bob@other.org", type: "work" }] },
  { userName: "carol", emails: [{ value: "carol@example.com", type: "home" }] },
  { userName: "dave", title: "c", emails: [{ value: "dave@example.com", type: "work" }] },
  { userName: "Eve", title: "Aa" },
];

describe.each(FRAMEWORKS)("list and search over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  const names = (r: { body: { Resources?: Record<string, unknown>[] } }) => (r.body.Resources ?? []).map((u) => u.userName);
  beforeAll(async () => {
    server = await startServer(framework);
    call = client(`${server.url}/scim/v2`);
    for (const u of seed) expect((await call("POST", "/Users", { body: user(u.userName, u) })).status).toBe(201);
  });
  afterAll(() => server.close());

  it("an empty collection is a ListResponse with Resources: []", async () => {
    const r = await call("GET", "/Groups");
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });
  });

  it.each([
    ['userName eq "bob"', ["Bob"]],
    ['userName sw "c"', ["carol"]],
    ['emails[type eq "work" and value co "example"]', ["alice", "dave"]],
    ["title pr", ["alice", "Bob", "dave", "Eve"]],
    ['not (title pr) or userName eq "dave"', ["carol", "dave"]],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "ALICE"', ["alice"]],
  ])("filter %s", async (filter, expected) => {
    const r = await call("GET", `/Users?filter=${encodeURIComponent(filter)}&sortBy=userName`);
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(expected);
    expect(r.body.totalResults).toBe(expected.length);
  });

  it.each([
    ["sortBy=userName", ["alice", "Bob", "carol", "dave", "Eve"]],
    ["sortBy=userName&sortOrder=descending", ["Eve", "dave", "carol", "Bob", "alice"]],
    // caseExact false: "a" < "Aa" < "b"; a missing value is last ascending, first descending
    ["sortBy=title", ["Bob", "Eve", "alice", "dave", "carol"]],
    ["sortBy=title&sortOrder=descending", ["carol", "dave", "alice", "Eve", "Bob"]],
    ["sortBy=emails.value", ["alice", "Bob", "carol", "dave", "Eve"]],
  ])("%s: type- and case-aware (RFC 7644 §3.4.2.3)", async (query, expected) => {
    expect(names(await call("GET", `/Users?${query}`))).toEqual(expected);
  });

  it.each([
    ["startIndex=2&count=2", 2, 2, ["Bob", "carol"]],
    ["startIndex=5&count=10", 5, 1, ["Eve"]],
    ["startIndex=9", 9, 0, []],
    ["startIndex=0&count=1", 1, 1, ["alice"]], // < 1 is 1 (RFC 7644 §3.4.2.4)
    ["startIndex=-7&count=1", 1, 1, ["alice"]],
  ])("paging %s", async (query, startIndex, itemsPerPage, expected) => {
    const r = await call("GET", `/Users?sortBy=userName&${query}`);
    expect(r.body).toMatchObject({ totalResults: 5, startIndex, itemsPerPage });
    expect(names(r)).toEqual(expected);
  });

  it.each(["count=0", "count=-1"])("%s returns totalResults only", async (query) => {
    const r = await call("GET", `/Users?${query}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
  });

  it("count above the maximum is capped at filter.maxResults", async () => {
    const capped = await startServer(framework, { maxResults: 2 });
    const c = client(`${capped.url}/scim/v2`);
    for (const u of seed.slice(0, 3)) await c("POST", "/Users", { body: user(u.userName) });
    const r = await c("GET", "/Users?count=500");
    expect(r.body).toMatchObject({ totalResults: 3, itemsPerPage: 2 });
    expect(((await c("GET", "/ServiceProviderConfig")).body.filter as { maxResults: number }).maxResults).toBe(2);
    await capped.close();
  });

  it("attributes projects every resource of a list", async () => {
    const r = await call("GET", `/Users?filter=${encodeURIComponent('userName eq "alice"')}&attributes=userName`);
    const [u] = r.body.Resources!;
    expect(u!.userName).toBe("alice");
    expect(u!.emails).toBeUndefined();
    expect(u!.title).toBeUndefined();
    expect(u!.id).toEqual(expect.any(String));
  });

  it("POST /Users/.search takes the query from the body", async () => {
    const r = await call("POST", "/Users/.search", {
      body: { schemas: [SEARCH], filter: 'userName sw "d"', attributes: ["userName"], startIndex: 1, count: 10 },
    });
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(["dave"]);
  });

  it.each([
    ["a misspelt member", { filters: 'userName eq "x"' }, /member "filters" is not one of/],
    ["an unknown numeric member", { bogus: 1 }, /member "bogus" is not one of/],
    ["count as a string", { count: "10" }, /"count" must be an integer/],
    ["filter as a number", { filter: 1 }, /"filter" must be a string/],
    ["attributes as a string", { attributes: "userName" }, /"attributes" must be an array/],
  ])("POST /Users/.search with %s is 400 invalidValue", async (_, members, detail) => {
    const r = await call("POST", "/Users/.search", { body: { schemas: [SEARCH], ...members } });
    expect([r.status, r.body.scimType]).toEqual([400, "invalidValue"]);
    expect(r.body.detail).toMatch(detail);
  });

  it("POST /.search at the root searches every resource type", async () => {
    const g = await call("POST", "/Groups", { body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Ops" } });
    expect(g.status).toBe(201);
    const r = await call("POST", "/.search", { body: { schemas: [SEARCH], filter: 'displayName eq "Ops"' } });
    expect(r.status).toBe(200);
    expect(r.body.totalResults).toBe(1);
    expect(r.body.Resources![0]).toMatchObject({ displayName: "Ops", meta: { resourceType: "Group" } });
    const all = await call("POST", "/.search", { body: { schemas: [SEARCH], count: 0 } });
    expect(all.body.totalResults).toBe(6);
    await call("DELETE", `/Groups/${g.body.id as string}`);
  });

  it("GET at the server root queries every resource type (RFC 7644 §3.4.2.1)", async () => {
    const r = await call("GET", `/?filter=${encodeURIComponent('userName eq "carol"')}`);
    expect(r.status).toBe(200);
    expect(names(r)).toEqual(["carol"]);
  });

  it("a root query sorts across resource types (missing values last ascending)", async () => {
    const ids: string[] = [];
    for (const displayName of ["Zeta team", "alpha team"]) {
      ids.push((await call("POST", "/Groups", { body: { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName } })).body.id as string);
    }
    const u = await call("POST", "/Users", { body: user("middle", { displayName: "Middle person" }) });
    const r = await call("POST", "/.search", { body: { schemas: [SEARCH], sortBy: "displayName", count: 4 } });
    expect(r.status).toBe(200);
    expect(r.body.totalResults).toBe(8);
    expect(r.body.Resources!.map((x) => x.displayName)).toEqual(["alpha team", "Middle person", "Zeta team", undefined]);
    for (const id of ids) await call("DELETE", `/Groups/${id}`);
    await call("DELETE", `/Users/${u.body.id as string}`);
  });

  it("a .search body without the SearchRequest schema is 400 invalidSyntax", async () => {
    const r = await call("POST", "/Users/.search", { body: { filter: "title pr" } });
    expect(r.status).toBe(400);
    expect(r.body.scimType).toBe("invalidSyntax");
  });
});
