import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, sharedFile, startExample, type ExampleServer } from "./support.js";

// Microsoft's "SCIM Tests" Postman collection (AzureAD/SCIMReferenceCode) run by newman 6,
// with the command and folders of ../shared/conformance/README.md, against the generated
// example server with COMPAT=microsoft-suite on an empty memory store. Requires 0 failed
// assertions; the README's compat section explains every switch the suite needs.

const run = promisify(execFile);
const TOKEN = "ms-suite-token-0123";
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

async function newman(port: number, dir: string): Promise<NewmanSummary> {
  const out = join(dir, "summary.json");
  const args = ["run", sharedFile("AzureAD-SCIMReferenceCode__PostmanCollection.json"),
    "--env-var", "Protocol=http", "--env-var", "Server=127.0.0.1", "--env-var", `Port=:${port}`,
    "--env-var", "Api=scim/v2", "--env-var", `token=${TOKEN}`,
    ...FOLDERS.flatMap((f) => ["--folder", f]),
    "--reporters", "json", "--reporter-json-export", out, "--suppress-exit-code", "--timeout-request", "5000"];
  await run(process.execPath, [`${repoRoot}node_modules/newman/bin/newman.js`, ...args], { timeout: 60_000 });
  return JSON.parse(readFileSync(out, "utf8")) as NewmanSummary;
}

async function attempt(compat: string): Promise<NewmanSummary> {
  const server: ExampleServer = await startExample({ COMPAT: compat, SCIM_TOKEN: TOKEN, STORE: "memory" });
  const dir = mkdtempSync(join(tmpdir(), "scim-newman-"));
  try {
    return await newman(server.port, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

const failures = (s: NewmanSummary) => s.run.failures.map((f) => `${f.source?.name ?? "?"}: ${f.error.test ?? f.error.name}: ${f.error.message}`);

describe("Microsoft SCIM Tests (Postman collection, newman 6)", () => {
  let summary: NewmanSummary;
  beforeAll(async () => {
    summary = await attempt("microsoft-suite");
  }, 90_000);

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
    strict = await attempt("");
  }, 90_000);
  afterAll(() => undefined);

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
