// The example SaaS app's SCIM service: the code generated from ./schemas (see
// scim-gen.<framework>.json) served by the kernel. Configuration comes from the
// environment; see the README's server section.
import { anyTenancy, bearerTokens, parseCompatList, pathTenant, singleTenant, type CompatSelection, type Store } from "scim-gen/runtime";
import { memoryStore } from "scim-gen/stores/memory";

type Framework = "express" | "fastify" | "hono" | "node";

const servers = {
  express: () => import("./src/scim/express/server.express.js"),
  fastify: () => import("./src/scim/fastify/server.fastify.js"),
  hono: () => import("./src/scim/hono/server.hono.js"),
  node: () => import("./src/scim/node/server.node.js"),
} as const;

function fail(message: string): never {
  console.error(`saas-app: ${message}`);
  process.exit(2);
}

function port(): number {
  const raw = process.env.PORT ?? "8080";
  const n = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || n > 65535) fail(`PORT must be a port number, got ${JSON.stringify(raw)}`);
  return n;
}

/** SCIM_TENANTS="acme:tokenA,globex:tokenB" */
function tenants(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (process.env.SCIM_TENANTS ?? "").split(",").filter(Boolean)) {
    const at = entry.indexOf(":");
    const name = entry.slice(0, at).trim();
    const token = entry.slice(at + 1).trim();
    if (at <= 0 || !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(name) || token === "") fail(`SCIM_TENANTS entry ${JSON.stringify(entry)} is not tenant:token`);
    if (name === "default" || name in out) fail(`SCIM_TENANTS names tenant ${JSON.stringify(name)} twice`);
    out[name] = token;
  }
  return out;
}

/** COMPAT="entra,okta" for every tenant; COMPAT_TENANTS="acme:entra+okta,globex:okta" per tenant. */
function compat(): CompatSelection {
  const all = check(() => parseCompatList(process.env.COMPAT));
  const perTenant = new Map<string, readonly string[]>();
  for (const entry of (process.env.COMPAT_TENANTS ?? "").split(",").filter(Boolean)) {
    const at = entry.indexOf(":");
    if (at <= 0) fail(`COMPAT_TENANTS entry ${JSON.stringify(entry)} is not tenant:profile+profile`);
    perTenant.set(entry.slice(0, at).trim(), check(() => parseCompatList(entry.slice(at + 1).replaceAll("+", ","))));
  }
  return perTenant.size === 0 ? all : (tenant: string) => perTenant.get(tenant) ?? all;
}

function check<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    return fail((e as Error).message);
  }
}

async function store(): Promise<Store> {
  // SQLite is the embedded default: one file, ./scim.db unless SQLITE_FILE (or DATABASE_URL) names another.
  const kind = process.env.STORE ?? "sqlite";
  if (kind === "memory") return memoryStore();
  if (kind === "sqlite") {
    const { sqliteStore } = await import("scim-gen/stores/sqlite");
    return sqliteStore({ file: process.env.SQLITE_FILE ?? process.env.DATABASE_URL ?? "scim.db" });
  }
  if (kind === "postgres") {
    const url = process.env.DATABASE_URL ?? fail("STORE=postgres needs DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test");
    const [{ postgresStore }, pg] = await Promise.all([import("scim-gen/stores/postgres"), import("pg")]);
    const pool = new pg.default.Pool({ connectionString: url });
    // An idle client whose connection dies emits 'error' on the pool; without a listener
    // Node would crash the process. The store answers 503 until the database is back.
    pool.on("error", (e) => console.error(`postgres: idle client error: ${e.message}`));
    return postgresStore({ pool });
  }
  return fail(`STORE must be memory, sqlite or postgres, got ${JSON.stringify(kind)}`);
}

export async function start(): Promise<{ url: string; close(): Promise<void> }> {
  const framework = (process.env.FRAMEWORK ?? "express") as Framework;
  if (!(framework in servers)) fail(`FRAMEWORK must be express, fastify, hono or node, got ${JSON.stringify(framework)}`);
  const extra = tenants();
  const { createScim } = await servers[framework]();
  const scim = createScim({
    store: await store(),
    auth: bearerTokens({ default: process.env.SCIM_TOKEN ?? "dev-token", ...extra }),
    tenancy: anyTenancy(singleTenant({ basePath: "/scim/v2" }), pathTenant({ pattern: "/tenants/{tenant}/scim/v2" })),
    compat: compat(),
  });
  const running = await scim.listen(port(), "127.0.0.1");
  console.log(`SCIM ready (${framework}, ${process.env.STORE ?? "sqlite"} store${process.env.COMPAT ? `, compat ${process.env.COMPAT}` : ""}): ${running.url}/scim/v2`);
  for (const name of Object.keys(extra)) console.log(`  tenant ${name}: ${running.url}/tenants/${name}/scim/v2`);
  return running;
}
