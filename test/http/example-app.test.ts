import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { client, user } from "./support/client.js";
import { FRAMEWORKS } from "./support/servers.js";

// The example app: its checked-in generated code is fresh (`scim-gen check`), and
// `node examples/saas-app/start.js` serves it for every FRAMEWORK and honours the
// environment (PORT, SCIM_TOKEN, SCIM_TENANTS, STORE).

const app = fileURLToPath(new URL("../../examples/saas-app/", import.meta.url));
const quiet = { out: () => {}, err: (s: string) => console.error(s) };

describe("examples/saas-app", () => {
  it.each(FRAMEWORKS)("generated code for %s is up to date (scim-gen check)", async (framework) => {
    expect(await run(["check", "--config", `scim-gen.${framework}.json`], quiet, app)).toBe(0);
  });

  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill("SIGTERM");
  });

  // STORE defaults to memory here so parallel runs never share a file; the SQLite default
  // has its own case below, in a temporary working directory.
  function start(env: Record<string, string | undefined>, cwd?: string): Promise<{ base: string; lines: string[] }> {
    const child = spawn(process.execPath, [join(app, "start.js")], {
      cwd,
      env: { ...process.env, PORT: "0", STORE: "memory", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`example did not start: ${out}`)), 20_000);
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /SCIM ready .*: (http:\/\/127\.0\.0\.1:\d+\/scim\/v2)\n/.exec(out);
        if (m && (!env.SCIM_TENANTS || out.split("\n").length > 1 + env.SCIM_TENANTS.split(",").length)) {
          clearTimeout(timer);
          resolve({ base: m[1]!, lines: out.trim().split("\n") });
        }
      });
      child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
      child.on("exit", (code) => reject(new Error(`example exited with ${code}: ${out}`)));
    });
  }

  it.each(FRAMEWORKS)("FRAMEWORK=%s serves the default tenant and the custom extension", async (framework) => {
    const { base } = await start({ FRAMEWORK: framework, SCIM_TOKEN: "example-token" });
    const call = client(base);
    const ext = "urn:example:params:scim:schemas:extension:saas:2.0:User";
    const created = await call("POST", "/Users", {
      token: "example-token",
      body: { ...user("ada"), schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ext], [ext]: { plan: "team", seatId: "S-1" } },
    });
    expect(created.status).toBe(201);
    expect(created.body[ext]).toEqual({ plan: "team", seatId: "S-1" });
    const found = await call("GET", `/Users?filter=${encodeURIComponent(`${ext}:plan eq "team"`)}`, { token: "example-token" });
    expect(found.body.totalResults).toBe(1);
    expect((await call("GET", "/Users", { token: "dev-token" })).status).toBe(401);
  });

  it("SCIM_TENANTS adds path tenants, each with its own token, and prints their URLs", async () => {
    const { base, lines } = await start({ FRAMEWORK: "node", SCIM_TENANTS: "acme:tokenA,globex:tokenB" });
    const root = base.replace(/\/scim\/v2$/, "");
    expect(lines).toContain(`  tenant acme: ${root}/tenants/acme/scim/v2`);
    const acme = client(`${root}/tenants/acme/scim/v2`);
    expect((await acme("POST", "/Users", { token: "tokenA", body: user("wile") })).status).toBe(201);
    expect((await acme("GET", "/Users", { token: "tokenB" })).status).toBe(404);
    expect((await client(base)("GET", "/Users", { token: "dev-token" })).body.totalResults).toBe(0);
  });

  it("STORE=sqlite keeps data in the file at DATABASE_URL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "saas-app-"));
    try {
      const { base } = await start({ FRAMEWORK: "fastify", STORE: "sqlite", DATABASE_URL: join(dir, "scim.db") });
      const call = client(base);
      expect((await call("POST", "/Users", { token: "dev-token", body: user("sqlite-user") })).status).toBe(201);
      expect((await call("GET", `/Users?filter=${encodeURIComponent('userName eq "SQLITE-USER"')}`, { token: "dev-token" })).body.totalResults).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("without STORE serves the embedded default: SQLite in ./scim.db, kept across restarts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "saas-app-default-"));
    try {
      const first = await start({ FRAMEWORK: "node", STORE: undefined }, dir);
      expect(first.lines[0]).toContain("sqlite store");
      expect((await client(first.base)("POST", "/Users", { token: "dev-token", body: user("kept") })).status).toBe(201);
      expect(existsSync(join(dir, "scim.db"))).toBe(true);
      children.pop()!.kill("SIGTERM");
      const second = await start({ FRAMEWORK: "node", STORE: undefined }, dir);
      const found = await client(second.base)("GET", `/Users?filter=${encodeURIComponent('userName eq "kept"')}`, { token: "dev-token" });
      expect(found.body.totalResults).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
