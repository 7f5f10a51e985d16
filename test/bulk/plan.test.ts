import { describe, expect, it } from "vitest";
import { plan, referencesOf, substitute } from "../../src/runtime/bulk/references.js";
import type { BulkOperation } from "../../src/runtime/bulk/request.js";

// The pure parts of bulkId handling (RFC 7644 §3.7.2): where references are found, the
// order operations run in, which references wait for a completing write, and how data is
// rewritten — without touching input.

const op = (index: number, method: string, path: string, data?: Record<string, unknown>, bulkId?: string): BulkOperation => ({
  index,
  method,
  path,
  ...(data ? { data } : {}),
  ...(bulkId ? { bulkId } : {}),
});

describe("referencesOf", () => {
  it.each<[string, BulkOperation, string[]]>([
    ["group members", op(0, "POST", "/Groups", { members: [{ value: "bulkId:a" }, { value: "bulkId:b" }, { value: "plain" }] }), ["a", "b"]],
    ["an extension's manager", op(0, "POST", "/Users", { "urn:x:ext": { manager: { value: "bulkId:boss" } } }), ["boss"]],
    ["the path of a PATCH", op(0, "PATCH", "/Users/bulkId:u1", { Operations: [{ op: "add", path: "members", value: [{ value: "bulkId:u2" }] }] }), ["u1", "u2"]],
    ["a repeated reference once", op(0, "POST", "/Groups", { members: [{ value: "bulkId:a" }, { value: "bulkId:a" }] }), ["a"]],
    ["nothing in a value merely containing the prefix", op(0, "POST", "/Users", { nickName: "see bulkId:a" }), []],
  ])("finds %s", (_name, operation, refs) => {
    expect(referencesOf(operation).sort()).toEqual(refs.sort());
  });
});

describe("plan", () => {
  const order = (ops: BulkOperation[]) => {
    const declared = new Map(ops.filter((o) => o.bulkId).map((o) => [o.bulkId!, o.index]));
    return plan(ops, ops.map(referencesOf), declared);
  };

  it("runs dependencies first and keeps request order otherwise", () => {
    const ops = [
      op(0, "DELETE", "/Users/x"),
      op(1, "POST", "/Groups", { members: [{ value: "bulkId:u" }] }, "g"),
      op(2, "PUT", "/Users/y", {}),
      op(3, "POST", "/Users", {}, "u"),
    ];
    const p = order(ops);
    expect(p.order).toEqual([0, 3, 1, 2]);
    expect(p.deferred.size).toBe(0);
  });

  it("defers exactly one reference per cycle, on the operation that closes it", () => {
    const ops = [op(0, "POST", "/Groups", { members: [{ value: "bulkId:b" }] }, "a"), op(1, "POST", "/Groups", { members: [{ value: "bulkId:a" }] }, "b")];
    const p = order(ops);
    expect(p.order).toEqual([1, 0]);
    expect([...p.deferred]).toEqual([[1, new Set(["a"])]]);
  });

  it("handles a chain of 10,000 references without deep recursion", () => {
    const ops = Array.from({ length: 10_000 }, (_, i) => op(i, "POST", "/Users", i === 9_999 ? {} : { manager: { value: `bulkId:u${i + 1}` } }, `u${i}`));
    const p = order(ops);
    expect(p.order[0]).toBe(9_999);
    expect(p.order[9_999]).toBe(0);
  });
});

describe("substitute", () => {
  it("replaces resolved references in a copy and leaves the input untouched", () => {
    const data = { members: [{ value: "bulkId:a" }, { value: "bulkId:zz" }], "urn:x:ext": { manager: { value: "bulkId:a" } } };
    const before = JSON.stringify(data);
    const out = substitute(data, new Map([["a", "id-1"]]));
    expect(out).toEqual({ members: [{ value: "id-1" }, { value: "bulkId:zz" }], "urn:x:ext": { manager: { value: "id-1" } } });
    expect(JSON.stringify(data)).toBe(before);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["a member element", { displayName: "G", members: [{ value: "bulkId:d" }, { value: "keep" }] }, { displayName: "G", members: [{ value: "keep" }] }],
    ["a whole single-valued attribute", { userName: "u", manager: { value: "bulkId:d", displayName: "M" } }, { userName: "u" }],
    ["only the member inside an extension object", { "urn:x:ext": { manager: { value: "bulkId:d" }, costCenter: "7" } }, { "urn:x:ext": { costCenter: "7" } }],
  ])("leaves out a deferred reference's %s", (_name, data, expected) => {
    expect(substitute(data, new Map(), new Set(["d"]))).toEqual(expected);
  });
});
