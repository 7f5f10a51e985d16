import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyResourceHandler } from "../../src/runtime/http/handler.js";
import { client, user } from "./support/client.js";
import { FRAMEWORKS, startServer, type Running } from "./support/servers.js";

// A fault on our side (a handler bug) is a 500 with a request id and no internals; the
// details go to the logger, and the server keeps serving.

const failing = {
  async create() {
    throw new Error("db password is hunter2 at /srv/app/db.ts:42");
  },
  async get() {
    throw new TypeError("Cannot read properties of undefined (reading 'rows')");
  },
  async replace() {
    throw new Error("unreachable");
  },
  async delete() {
    throw new Error("unreachable");
  },
  async list() {
    return { totalResults: 0, resources: [] };
  },
} as unknown as AnyResourceHandler;

describe.each(FRAMEWORKS)("internal errors over %s", (framework) => {
  let server: Running;
  let call: ReturnType<typeof client>;
  const logged: { obj: Record<string, unknown>; msg: string | undefined }[] = [];
  beforeAll(async () => {
    server = await startServer(framework, {
      handlers: { User: failing },
      logger: { error: (obj, msg) => void logged.push({ obj: obj as Record<string, unknown>, msg }), warn: () => {} },
    });
    call = client(`${server.url}/scim/v2`);
  });
  afterAll(() => server.close());

  it.each([
    ["POST", "/Users", user("boom")],
    ["GET", "/Users/some-id", undefined],
  ])("%s %s -> 500 with a request id, nothing internal", async (method, path, body) => {
    const before = logged.length;
    const r = await call(method, path, body ? { body } : {});
    expect(r.status).toBe(500);
    const requestId = r.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "500", detail: `internal server error (request id ${requestId})` });
    expect(r.text).not.toMatch(/hunter2|rows|\.ts/);
    expect(logged.length).toBe(before + 1);
    expect(logged.at(-1)!.obj).toMatchObject({ requestId, err: expect.any(Error) });
  });

  it("keeps serving: the other resource types and lists still work", async () => {
    expect((await call("GET", "/Users")).status).toBe(200);
    expect((await call("GET", "/Groups")).status).toBe(200);
  });
});
