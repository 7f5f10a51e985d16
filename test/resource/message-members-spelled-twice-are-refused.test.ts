import { describe, expect, it } from "vitest";
import { readBulk } from "../../src/runtime/bulk/request.js";
import { ScimError } from "../../src/runtime/errors.js";
import { paramsFromSearchBody } from "../../src/runtime/http/query.js";
import { readPatchMessage } from "../../src/runtime/patch/message.js";
import { STRICT_PATCH_POLICY } from "../../src/runtime/patch/policy.js";
import { scimError } from "../patch/fixtures.js";

// Protocol message members are case-insensitive (RFC 7643 §2.1). A PatchOp, BulkRequest
// or SearchRequest naming one member in two spellings does not say which it means: 400
// invalidSyntax naming both, never a silent pick of either.

const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
const replaceActive = { op: "replace", path: "active", value: false };

describe("PATCH message", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["Operations and operations", { schemas: [PATCH], Operations: [replaceActive], operations: [{ op: "remove", path: "active" }] }, 'the PATCH body has both "Operations" and "operations"'],
    ["schemas and Schemas", { schemas: [PATCH], Schemas: ["urn:other"], Operations: [replaceActive] }, 'the PATCH body has both "schemas" and "Schemas"'],
    ["op and OP", { schemas: [PATCH], Operations: [{ op: "replace", OP: "remove", path: "active", value: false }] }, 'Operations[0] has both "op" and "OP"'],
    ["path and Path", { schemas: [PATCH], Operations: [replaceActive, { op: "replace", path: "active", Path: "title", value: "x" }] }, 'Operations[1] has both "path" and "Path"'],
    ["value and VALUE", { schemas: [PATCH], Operations: [{ op: "replace", path: "active", value: false, VALUE: true }] }, 'Operations[0] has both "value" and "VALUE"'],
  ];
  it.each(cases)("%s → 400 invalidSyntax naming both", (_case, body, detail) => {
    const e = scimError(() => readPatchMessage(body, STRICT_PATCH_POLICY));
    expect([e.status, e.scimType]).toEqual([400, "invalidSyntax"]);
    expect(e.message).toContain(detail);
  });

  it("one spelling in any case is still read", () => {
    const ops = readPatchMessage({ SCHEMAS: [PATCH], operations: [{ OP: "add", Path: "title", Value: "x" }] }, STRICT_PATCH_POLICY);
    expect(ops).toEqual([{ op: "add", path: "title", value: "x", index: 0 }]);
  });
});

describe("SearchRequest", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["filter and Filter", { filter: 'userName eq "a"', Filter: 'userName eq "b"' }, '"filter" and "Filter"'],
    ["count and COUNT", { count: 1, COUNT: 100 }, '"count" and "COUNT"'],
    ["schemas and Schemas", { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], Schemas: [] }, '"schemas" and "Schemas"'],
  ];
  it.each(cases)("%s → 400 invalidSyntax naming both", (_case, body, detail) => {
    const e = scimError(() => paramsFromSearchBody(body));
    expect([e.status, e.scimType]).toEqual([400, "invalidSyntax"]);
    expect(e.message).toContain(`the search request has both ${detail}`);
  });
});

describe("BulkRequest", () => {
  const read = (body: Record<string, unknown>) =>
    readBulk({ method: "POST", path: "/Bulk", headers: {}, body: new TextEncoder().encode(JSON.stringify(body)) } as never, { maxOperations: 10, maxPayloadSize: 1 << 20 }, { maxBytes: 1 << 20, maxDepth: 32, timeoutMs: 1000 });
  const op = { method: "DELETE", path: "/Users/u1" };

  const envelope: [string, Record<string, unknown>, string][] = [
    ["Operations and operations", { schemas: [BULK], Operations: [op], operations: [] }, '"Operations" and "operations"'],
    ["failOnErrors and FailOnErrors", { schemas: [BULK], failOnErrors: 1, FailOnErrors: 100, Operations: [op] }, '"failOnErrors" and "FailOnErrors"'],
  ];
  it.each(envelope)("%s → 400 for the request", async (_case, body, detail) => {
    const e = await read(body).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(ScimError);
    expect([(e as ScimError).status, (e as ScimError).scimType]).toEqual([400, "invalidSyntax"]);
    expect((e as ScimError).message).toContain(`the bulk request has both ${detail}`);
  });

  const operations: [string, Record<string, unknown>, string][] = [
    ["method and Method", { method: "DELETE", Method: "POST", path: "/Users/u1" }, '"method" and "Method"'],
    ["data and DATA", { method: "PUT", path: "/Users/u1", data: { userName: "a" }, DATA: { userName: "b" } }, '"data" and "DATA"'],
    ["bulkId and bulkid", { method: "POST", path: "/Users", bulkId: "a", bulkid: "b", data: {} }, '"bulkId" and "bulkid"'],
  ];
  it.each(operations)("%s → 400 for that operation only", async (_case, bad, detail) => {
    const parsed = await read({ schemas: [BULK], Operations: [op, bad] });
    expect(parsed.operations[0]!.error).toBeUndefined();
    const e = parsed.operations[1]!.error!;
    expect([e.status, e.scimType]).toEqual([400, "invalidSyntax"]);
    expect(e.message).toContain(`Operations[1] has both ${detail}`);
  });
});
