import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oktaSpecVariables } from "./okta-variables.js";
import { runRunscope, type RunscopeSuite } from "./runscope.js";
import { readSharedJson, startExample, type ExampleServer } from "./support.js";

// Okta's "SCIM 2.0 SPEC Test" (Runscope export, ../shared/conformance) against the generated
// example server with COMPAT=okta and again strict: every assertion must pass in both, since
// the suite sends only RFC-shaped requests; and its previous version (no 401/404 steps,
// a Chai-assert script). The suite needs one user with name, email and
// active before it starts (Okta's README), seeded here over HTTP.

const TOKEN = "okta-spec-token-0123";
const SUITE = "okta-developer-docs__Okta-SCIM-20-SPEC-Test.json";

async function seed(base: string): Promise<void> {
  const res = await fetch(`${base}/Users`, {
    method: "POST",
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/scim+json" },
    body: JSON.stringify({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "seed.user@atko.com",
      name: { givenName: "Seed", familyName: "User" },
      emails: [{ value: "seed.user@atko.com", type: "work", primary: true }],
      active: true,
    }),
  });
  expect(res.status).toBe(201);
}

const SUITES = [SUITE, "okta-developer-docs__Okta-SCIM-20-SPEC-Test-old.json"];

describe.each([
  [SUITE, "okta"],
  [SUITE, ""],
  [SUITES[1]!, "okta"],
])("%s (COMPAT=%s)", (file, compat) => {
  let server: ExampleServer;
  beforeAll(async () => {
    server = await startExample({ COMPAT: compat, SCIM_TOKEN: TOKEN, STORE: "memory" });
  }, 40_000);
  afterAll(() => server?.close());

  it("passes every assertion", async () => {
    const suite = readSharedJson<RunscopeSuite>(file);
    const base = `${server.origin}/scim/v2`;
    await seed(base);
    const results = await runRunscope(suite, oktaSpecVariables(base, TOKEN));
    const failed = results.filter((r) => !r.passed);
    console.log(`${file} (COMPAT=${compat || "strict"}): ${results.length - failed.length}/${results.length} assertions passed`);
    expect(failed).toEqual([]);
    // Every assertion and script of every request step was evaluated (none silently skipped).
    const expected = suite.steps
      .filter((s) => s.step_type === "request" && !s.skipped)
      .reduce((n, s) => n + (s.assertions?.length ?? 0) + (s.scripts ?? []).filter((x) => x.trim()).length, 0);
    expect(results.length).toBe(expected);
  }, 30_000);
});
