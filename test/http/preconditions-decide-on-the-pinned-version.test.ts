import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import type { ResourceTypeRuntime } from "../../src/runtime/http/env.js";
import { checkPreconditions, conditionalWrite } from "../../src/runtime/http/preconditions.js";
import type { RequestContext, ResourceRecord, ScimRequest, WriteConditions } from "../../src/runtime/http/types.js";

// The precondition rules of a write (RFC 7232 §3.1, §3.2, §6) and the race they must not
// lose: the decision is made on the version read, the store re-checks that version
// atomically (WriteConditions.ifVersion), and a lost race re-reads and decides again.

const record = (version: number): ResourceRecord => ({ id: "u1", version, created: "", lastModified: "", data: {} });
const request = (headers: Record<string, string>): ScimRequest => ({ method: "PATCH", url: "/Users/u1", headers });

describe("checkPreconditions on a resource at version 2", () => {
  it.each<[string, Record<string, string>, "pinned" | "free" | 412]>([
    ["no headers", {}, "free"],
    ["If-Match current", { "if-match": 'W/"2"' }, "pinned"],
    ["If-Match *", { "if-match": "*" }, "pinned"],
    ["If-Match stale", { "if-match": 'W/"1"' }, 412],
    ["If-None-Match *", { "if-none-match": "*" }, 412],
    ["If-None-Match current, weak", { "if-none-match": 'W/"2"' }, 412],
    ["If-None-Match current, strong form", { "if-none-match": '"2"' }, 412],
    ["If-None-Match in a list", { "if-none-match": 'W/"1", W/"2"' }, 412],
    ["If-None-Match other", { "if-none-match": 'W/"1"' }, "free"],
    ["If-Match current and If-None-Match other", { "if-match": 'W/"2"', "if-none-match": 'W/"1"' }, "pinned"],
    ["If-Match current and If-None-Match *", { "if-match": 'W/"2"', "if-none-match": "*" }, 412],
  ])("%s -> %s", (_, headers, outcome) => {
    const run = () => checkPreconditions(request(headers), record(2));
    if (outcome === 412) expect(run).toThrow(expect.objectContaining({ status: 412, scimType: undefined }));
    else expect(run()).toBe(outcome === "pinned");
  });
});

describe("conditionalWrite when another write lands between read and write", () => {
  /** A store at version 1 that a concurrent writer moves to 2 right after the first read. */
  function racingStore() {
    let version = 1;
    const writes: WriteConditions[] = [];
    const rt = {
      type: { resourceType: { name: "User" } },
      handler: {
        get: async () => {
          const r = record(version);
          version = 2; // the concurrent write
          return r;
        },
      },
    } as unknown as ResourceTypeRuntime;
    const write = async (_existing: ResourceRecord, conditions: WriteConditions): Promise<string> => {
      writes.push(conditions);
      if (conditions.ifVersion !== version) throw ScimError.preconditionFailed("version moved"); // the store's atomic check
      return "written";
    };
    return { rt, writes, write };
  }
  const ctx = {} as RequestContext;

  it("If-None-Match matching the new version: the retry re-decides and answers 412, nothing written", async () => {
    const s = racingStore();
    await expect(conditionalWrite(request({ "if-none-match": 'W/"2"' }), ctx, s.rt, "u1", s.write)).rejects.toMatchObject({ status: 412, detail: expect.stringMatching(/If-None-Match/) });
    expect(s.writes).toEqual([{ ifVersion: 1 }]); // the one attempt the store refused
  });

  it("If-Match on the read version: the store's 412 is the client's, not retried", async () => {
    const s = racingStore();
    await expect(conditionalWrite(request({ "if-match": 'W/"1"' }), ctx, s.rt, "u1", s.write)).rejects.toMatchObject({ status: 412, detail: "version moved" });
    expect(s.writes).toEqual([{ ifVersion: 1 }]);
  });

  it("no precondition: retried on the fresh version and written", async () => {
    const s = racingStore();
    expect(await conditionalWrite(request({}), ctx, s.rt, "u1", s.write)).toBe("written");
    expect(s.writes).toEqual([{ ifVersion: 1 }, { ifVersion: 2 }]);
  });
});
