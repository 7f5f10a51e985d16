import { describe, expect, it } from "vitest";
import { caller, GROUP, kernel, user } from "../bulk/support.js";

// /.search (RFC 7644 §3.4.3) gives exactly the GET form's answer for every parameter, at a
// resource type and at the root (with cursors too); /Me (§3.11) maps every method to the
// principal's own resource through the hook, and is 501 without one.

const SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

async function seeded() {
  const k = kernel({ cursors: { key: "search-test-key-search-test-key!" } });
  const call = caller(k);
  for (let i = 0; i < 6; i++) await call("POST", "/Users", user(`user${i}`, { title: i % 2 ? "odd" : "even", displayName: `User ${5 - i}` }));
  for (let i = 0; i < 3; i++) await call("POST", "/Groups", { schemas: [GROUP], displayName: `group${i}` });
  return call;
}

describe("/.search equals GET", () => {
  it.each<[string, string, Record<string, unknown>]>([
    ["filter", `filter=${encodeURIComponent('title eq "odd"')}`, { filter: 'title eq "odd"' }],
    ["sortBy and sortOrder", "sortBy=displayName&sortOrder=descending", { sortBy: "displayName", sortOrder: "descending" }],
    ["startIndex and count", "startIndex=2&count=3&sortBy=userName", { startIndex: 2, count: 3, sortBy: "userName" }],
    ["attributes", "attributes=userName,title", { attributes: ["userName", "title"] }],
    ["excludedAttributes", "excludedAttributes=title,displayName", { excludedAttributes: ["title", "displayName"] }],
    ["cursor and count", "cursor=&count=4&sortBy=userName", { cursor: "", count: 4, sortBy: "userName" }],
  ])("%s at /Users", async (_name, query, body) => {
    const call = await seeded();
    const get = await call("GET", `/Users?${query}`);
    const post = await call("POST", "/Users/.search", { schemas: [SEARCH], ...body });
    expect(get.status).toBe(200);
    const strip = (b: Record<string, unknown>) => ({ ...b, nextCursor: typeof b.nextCursor });
    expect(strip(post.body)).toEqual(strip(get.body));
  });

  it.each<[string, string, Record<string, unknown>]>([
    ["no parameters", "", {}],
    ["a filter matching both types", `filter=${encodeURIComponent('displayName sw "group1" or displayName sw "User 1"')}`, { filter: 'displayName sw "group1" or displayName sw "User 1"' }],
    ["paging and projection", "startIndex=3&count=4&attributes=displayName", { startIndex: 3, count: 4, attributes: ["displayName"] }],
  ])("%s at the root, with schemas in the response", async (_name, query, body) => {
    const call = await seeded();
    const get = await call("GET", `/?${query}`);
    const post = await call("POST", "/.search", { schemas: [SEARCH], ...body });
    expect(post.status).toBe(200);
    expect(post.body.schemas).toEqual([LIST]);
    expect(post.body).toEqual(get.body);
  });

  it("walks the root with cursors across resource types, every resource once", async () => {
    const call = await seeded();
    const seen: string[] = [];
    let cursor = "";
    for (let page = 0; page < 10; page++) {
      const r = await call("POST", "/.search", { schemas: [SEARCH], cursor, count: 2 });
      expect(r.status).toBe(200);
      expect(r.body.totalResults).toBe(9);
      for (const x of r.body.Resources as { id: string }[]) seen.push(x.id);
      if (!r.body.nextCursor) break;
      cursor = r.body.nextCursor as string;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    // The root cursor is bound to the root query: not usable at /Users, nor the reverse.
    const rootCursor = (await call("GET", "/?cursor&count=2")).body.nextCursor as string;
    expect((await call("GET", `/Users?cursor=${rootCursor}&count=2`)).body.scimType).toBe("invalidCursor");
    const usersCursor = (await call("GET", "/Users?cursor&count=2")).body.nextCursor as string;
    expect((await call("GET", `/?cursor=${usersCursor}&count=2`)).body.scimType).toBe("invalidCursor");
  });

  it("refuses sortBy with a cursor at the root, naming the alternative", async () => {
    const call = await seeded();
    const r = await call("POST", "/.search", { schemas: [SEARCH], cursor: "", sortBy: "displayName" });
    expect([r.status, r.body.scimType]).toEqual([400, "invalidValue"]);
    expect(r.body.detail).toContain("/{Resource}");
  });

  it.each<[string, unknown, string]>([
    ["count as a string", { count: "3" }, "count"],
    ["cursor as a number", { cursor: 5 }, "cursor"],
    ["attributes as a string", { attributes: "userName" }, "attributes"],
    ["no SearchRequest schema", null, "SearchRequest"],
  ])("refuses a .search body with %s", async (_name, body, detail) => {
    const call = await seeded();
    const r = await call("POST", "/Users/.search", body === null ? { count: 1 } : { schemas: [SEARCH], ...(body as object) });
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain(detail);
  });
});

describe("/Me", () => {
  async function withMe() {
    let meId = "";
    const k = kernel({ me: (ctx) => (ctx.principal.id === "default" && meId ? { resourceType: "User", id: meId } : undefined) });
    const call = caller(k);
    meId = (await call("POST", "/Users", user("me", { title: "before" }))).body.id as string;
    return { call, meId };
  }

  it("GET, PUT, PATCH and DELETE act on the principal's own resource", async () => {
    const { call, meId } = await withMe();
    const got = await call("GET", "/Me");
    expect([got.status, got.body.id, got.body.userName]).toEqual([200, meId, "me"]);
    const put = await call("PUT", "/Me", user("me", { title: "put" }));
    expect([put.status, put.body.title]).toEqual([200, "put"]);
    const patched = await call("PATCH", "/Me", { schemas: [PATCH_OP], Operations: [{ op: "replace", path: "title", value: "patched" }] });
    expect([patched.status, patched.body.title]).toEqual([200, "patched"]);
    expect((await call("GET", `/Users/${meId}`)).body.title).toBe("patched");
    expect((await call("DELETE", "/Me")).status).toBe(204);
    expect((await call("GET", `/Users/${meId}`)).status).toBe(404);
    expect((await call("GET", "/Me")).status).toBe(404);
  });

  it("is 404 when the hook maps the principal to nothing, and 501 without a hook", async () => {
    const k = kernel({ me: () => undefined });
    expect((await caller(k)("GET", "/Me")).status).toBe(404);
    const none = await caller(kernel())("GET", "/Me");
    expect([none.status, none.body.status]).toEqual([501, "501"]);
    expect(none.body.schemas).toEqual(["urn:ietf:params:scim:api:messages:2.0:Error"]);
  });
});
