import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { property, runRunscope, type RunscopeSuite } from "./runscope.js";

// The Runscope runner can fail: every comparison, extraction and script is checked
// against a tiny server whose answers are known.

let server: Server;
let base = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/item") res.end(JSON.stringify({ id: "x1", n: 3, list: ["a", "b"], nested: { name: "Ann" } }));
    else if (req.url === "/item/x1") res.end(JSON.stringify({ id: "x1", echo: req.headers.authorization }));
    else {
      res.statusCode = 404;
      res.end(JSON.stringify({ detail: "nope" }));
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const step = (url: string, assertions: RunscopeSuite["steps"][number]["assertions"], extra: Partial<RunscopeSuite["steps"][number]> = {}) => ({
  step_type: "request",
  method: "GET",
  url,
  headers: { Authorization: ["{{auth}}"] },
  assertions,
  ...extra,
});

describe("runRunscope", () => {
  it("passes true assertions and fails false ones", async () => {
    const suite: RunscopeSuite = {
      name: "t",
      steps: [
        step("{{base}}/item", [
          { source: "response_status", comparison: "equal_number", value: "200" },
          { source: "response_status", comparison: "equal_number", value: "201" },
          { source: "response_json", property: "nested.name", comparison: "equal", value: "Ann" },
          { source: "response_json", property: "list", comparison: "has_value", value: "b" },
          { source: "response_json", property: "list", comparison: "has_value", value: "z" },
          { source: "response_json", property: "n", comparison: "is_a_number" },
          { source: "response_json", property: "missing", comparison: "not_empty" },
        ], { variables: [{ source: "response_json", name: "itemId", property: "id" }] }),
        step("{{base}}/item/{{itemId}}", [{ source: "response_json", property: "echo", comparison: "equal", value: "Bearer t0k" }], {
          scripts: ['var d = JSON.parse(response.body); assert.equal(d.id, variables.get("itemId"), "id"); assert.notEqual(d.id, "x1", "must differ");'],
        }),
        step("{{base}}/other", [{ source: "response_status", comparison: "equal_number", value: "404" }]),
        { step_type: "pause" },
      ],
    };
    const results = await runRunscope(suite, { base, auth: "Bearer t0k" });
    expect(results.map((r) => r.passed)).toEqual([true, false, true, true, false, true, false, true, false, true]);
    expect(results[8]!.actual).toEqual(["must differ"]);
  });

  it("reads Runscope property paths", () => {
    expect(property({ Resources: [{ emails: [{ value: "a@x" }] }] }, "Resources[0].emails[0].value")).toBe("a@x");
    expect(property({ a: 1 }, "a.b.c")).toBeUndefined();
  });
});
