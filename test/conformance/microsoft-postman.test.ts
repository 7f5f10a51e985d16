import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedFile, startExample, type ExampleServer } from "./support.js";

// Microsoft's "SCIM Tests" Postman collection (AzureAD/SCIMReferenceCode) run by newman 6,
// with the command and folders of ../shared/conformance/README.md, against the generated
// example server: the default tenant with COMPAT=microsoft-suite, and a second tenant
// without a profile (COMPAT_TENANTS=strict:strict), each starting from an empty store.
// Requires 0 failed assertions with the profile; the README's compat section explains
// every switch the suite needs.

const TOKEN = "ms-suite-token-0123";
const STRICT_TOKEN = "ms-strict-token-0123";
const FOLDERS = [
  "Endpoint tests",
  "User tests",
  "Group tests",
  "ComplexAttribute tests",
  "User tests with garbage",
  "Group tests with garbage",
  "Teardown garbage",
];

interface NewmanSummary {
  run: {
    stats: Record<"requests" | "assertions" | "testScripts", { total: number; failed: number }>;
    failures: { error: { name: string; message: string; test?: string }; source?: { name?: string } }[];
  };
}

interface NewmanRunOptions {
  collection: string;
  envVar: { key: string; value: string }[];
  folder: string[];
  reporters: string[];
  timeoutRequest: number;
}
type NewmanRun = (options: NewmanRunOptions, done: (err: Error | null, summary: NewmanSummary) => void) => void;
const newmanRun = (createRequire(import.meta.url)("newman") as { run: NewmanRun }).run;

/** newman 6 in-process: the same run as the README's command line. */
function newman(port: number, api: string, token: string): Promise<NewmanSummary> {
  const vars = { Protocol: "http", Server: "127.0.0.1", Port: `:${port}`, Api: api, token };
  return new Promise((resolve, reject) =>
    newmanRun(
      {
        collection: sharedFile("AzureAD-SCIMReferenceCode__PostmanCollection.json"),
        envVar: Object.entries(vars).map(([key, value]) => ({ key, value })),
        folder: FOLDERS,
        reporters: [],
        timeoutRequest: 5000,
      },
      (err, summary) => (err ? reject(err) : resolve(summary)),
    ),
  );
}

let server: ExampleServer;
beforeAll(async () => {
  server = await startExample({ COMPAT: "microsoft-suite", SCIM_TOKEN: TOKEN, SCIM_TENANTS: `strict:${STRICT_TOKEN}`, COMPAT_TENANTS: "strict:strict", STORE: "memory" });
}, 40_000);
afterAll(() => server?.close());

const failures = (s: NewmanSummary) => s.run.failures.map((f) => `${f.source?.name ?? "?"}: ${f.error.test ?? f.error.name}: ${f.error.message}`);

describe("Microsoft SCIM Tests (Postman collection, newman 6)", () => {
  let summary: NewmanSummary;
  beforeAll(async () => {
    summary = await newman(server.port, "scim/v2", TOKEN);
  }, 60_000);

  it("passes every assertion with COMPAT=microsoft-suite", () => {
    const { requests, assertions } = summary.run.stats;
    console.log(`Microsoft SCIM Tests (COMPAT=microsoft-suite): ${requests.total} requests, ${assertions.total - assertions.failed}/${assertions.total} assertions passed`);
    expect(failures(summary)).toEqual([]);
    expect(requests.failed).toBe(0);
    expect(assertions.total).toBe(103);
  });
});

describe("the same collection without a profile (strict RFC 7644)", () => {
  let strict: NewmanSummary;
  beforeAll(async () => {
    strict = await newman(server.port, "tenants/strict/scim/v2", STRICT_TOKEN);
  }, 60_000);

  it("fails exactly the assertions that need a tolerance", () => {
    const failed = failures(strict);
    console.log(`Microsoft SCIM Tests (strict): ${strict.run.stats.assertions.total - strict.run.stats.assertions.failed}/${strict.run.stats.assertions.total} assertions passed`);
    // /serviceConfiguration is not an RFC endpoint; PATCH answers 200 with the resource;
    // unquoted filter literals and an unknown attribute in a PUT body are 400s.
    expect(failed.some((f) => f.startsWith("Get ServiceProviderConfig"))).toBe(true);
    expect(failed.some((f) => f.startsWith("Patch user omalley new username") && f.includes("204"))).toBe(true);
    expect(failed.some((f) => f.startsWith("Put a user misspelled attribute"))).toBe(true);
    expect(failed.some((f) => f.startsWith("filter starts with"))).toBe(true);
  });
});
