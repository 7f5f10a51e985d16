import { beforeEach, describe, expect, it } from "vitest";
import { bulk, caller, GROUP, kernel, user, type Call } from "./support.js";

// RFC 7644 §3.7.2 bulkId references: resolved in dependency order whatever the order of
// the operations, anywhere in data and in the path; cycles completed by a second write
// (§3.7.1); an unknown or failed reference fails only the operation that makes it.

const group = (displayName: string, ...refs: string[]) => ({ schemas: [GROUP], displayName, members: refs.map((r) => ({ value: `bulkId:${r}` })) });

describe("bulkId references", () => {
  let call: Call;
  beforeEach(() => {
    call = caller(kernel());
  });
  const path = (location: string) => new URL(location).pathname.slice("/scim/v2".length);
  const memberIds = async (location: string) => ((await call("GET", path(location))).body.members ?? []).map((m: { value: string }) => m.value).sort();
  const idOf = (location: string) => location.split("/").pop()!;

  it("creates a referenced user first even when its operation comes last", async () => {
    const r = await call("POST", "/Bulk", bulk([
      { method: "POST", path: "/Groups", bulkId: "g", data: group("G", "u1", "u2") },
      { method: "POST", path: "/Users", bulkId: "u1", data: user("one") },
      { method: "POST", path: "/Users", bulkId: "u2", data: user("two") },
    ]));
    const [g, u1, u2]: any[] = r.body.Operations;
    expect([g.status, u1.status, u2.status]).toEqual(["201", "201", "201"]);
    expect(await memberIds(g.location)).toEqual([idOf(u1.location), idOf(u2.location)].sort());
  });

  it("resolves a reference in the path of a later PATCH and in nested extension data", async () => {
    const r = await call("POST", "/Bulk", bulk([
      { method: "PATCH", path: "/Users/bulkId:emp", data: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "title", value: "Boss" }] } },
      { method: "POST", path: "/Users", bulkId: "boss", data: user("boss") },
      {
        method: "POST",
        path: "/Users",
        bulkId: "emp",
        data: user("emp", { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { manager: { value: "bulkId:boss" } } }),
      },
    ]));
    const [patch, boss, emp]: any[] = r.body.Operations;
    expect([patch.status, boss.status, emp.status]).toEqual(["200", "201", "201"]);
    expect(patch.location).toBe(emp.location);
    const e = await call("GET", path(emp.location));
    expect(e.body.title).toBe("Boss");
    expect(e.body["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].manager.value).toBe(idOf(boss.location));
  });

  it("completes two groups that reference each other (RFC 7644 §3.7.1)", async () => {
    const r = await call("POST", "/Bulk", bulk([
      { method: "POST", path: "/Groups", bulkId: "a", data: group("A", "b") },
      { method: "POST", path: "/Groups", bulkId: "b", data: group("B", "a") },
    ]));
    const [a, b]: any[] = r.body.Operations;
    expect([a.status, b.status]).toEqual(["201", "201"]);
    expect(await memberIds(a.location)).toEqual([idOf(b.location)]);
    expect(await memberIds(b.location)).toEqual([idOf(a.location)]);
    // The reported version is the final one, after the completing write.
    expect((await call("GET", path(a.location))).headers.etag).toBe(a.version);
    expect((await call("GET", path(b.location))).headers.etag).toBe(b.version);
  });

  it("completes a three-group cycle; a self-reference is 400 and leaves nothing behind", async () => {
    const r = await call("POST", "/Bulk", bulk([
      { method: "POST", path: "/Groups", bulkId: "x", data: group("X", "y") },
      { method: "POST", path: "/Groups", bulkId: "y", data: group("Y", "z") },
      { method: "POST", path: "/Groups", bulkId: "z", data: group("Z", "x") },
      { method: "POST", path: "/Groups/", bulkId: "me", data: group("Me", "me") },
    ]));
    const [x, y, z, me]: any[] = r.body.Operations;
    expect([x.status, y.status, z.status]).toEqual(["201", "201", "201"]);
    expect(await memberIds(x.location)).toEqual([idOf(y.location)]);
    expect(await memberIds(y.location)).toEqual([idOf(z.location)]);
    expect(await memberIds(z.location)).toEqual([idOf(x.location)]);
    // RFC 7643 §4.2 members name other resources: a group cannot be a member of itself.
    expect([me.status, me.response.scimType]).toEqual(["400", "invalidValue"]);
    expect(me.response.detail).toContain("a group cannot be a member of itself");
    const names = (await call("GET", "/Groups")).body.Resources.map((g: { displayName: string }) => g.displayName).sort();
    expect(names).toEqual(["X", "Y", "Z"]);
  });

  it("fails only the operation with an undeclared bulkId", async () => {
    const r = await call("POST", "/Bulk", bulk([
      { method: "POST", path: "/Users", bulkId: "ok", data: user("ok") },
      { method: "POST", path: "/Groups", bulkId: "g", data: group("G", "ok", "nope") },
    ]));
    const [ok, g]: any[] = r.body.Operations;
    expect(ok.status).toBe("201");
    expect([g.status, g.response.scimType]).toEqual(["400", "invalidValue"]);
    expect(g.response.detail).toContain('bulkId:nope');
    expect((await call("GET", "/Groups")).body.totalResults).toBe(0);
  });

  it("fails a dependant with 409 when the operation it references failed, naming it", async () => {
    await call("POST", "/Users", user("taken"));
    const r = await call("POST", "/Bulk", bulk([
      { method: "POST", path: "/Users", bulkId: "dup", data: user("taken") },
      { method: "POST", path: "/Groups", bulkId: "g", data: group("G", "dup") },
    ]));
    const [dup, g]: any[] = r.body.Operations;
    expect([dup.status, g.status]).toEqual(["409", "409"]);
    expect(g.response.detail).toContain("Operations[0] failed with status 409");
  });

  it("deletes a cycle member again when the other side fails, so nothing is half-written", async () => {
    await call("POST", "/Groups", { schemas: [GROUP], displayName: "x" });
    const r = await call("POST", "/Bulk", bulk([
      // B is created first without its member A; A then fails on a dangling member.
      { method: "POST", path: "/Groups", bulkId: "a", data: { ...group("A", "b"), members: [{ value: "bulkId:b" }, { value: "missing-user" }] } },
      { method: "POST", path: "/Groups", bulkId: "b", data: group("B", "a") },
    ]));
    const [a, b]: any[] = r.body.Operations;
    expect([a.status, b.status]).toEqual(["400", "409"]);
    expect(b.response.detail).toContain("could not be resolved; the resource was not kept");
    const left = await call("GET", "/Groups");
    expect(left.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(["x"]);
  });
});
