import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { emitServer } from "../../../src/emit/server/index.js";
import type { Framework } from "../../../src/emit/types.js";
import type { KernelOptions } from "../../../src/runtime/http/kernel.js";
import { memoryStore } from "../../../src/runtime/stores/memory/index.js";
import { postgresStore } from "../../../src/runtime/stores/postgres/index.js";
import { sqliteStore } from "../../../src/runtime/stores/sqlite/index.js";
import { anyTenancy, bearerTokens, pathTenant, singleTenant } from "../../../src/runtime/tenancy/index.js";
import { coreManifest } from "../../support/core-manifest.js";
import { pgHarness } from "../../stores/pg-harness.js";

// Generates the server for one framework with the real emitter into test/http/.gen/<fw>/
// (manifest and validators re-exported from the test support copies), imports it and
// listens on an ephemeral port, so every test goes over real HTTP through generated code.

export const FRAMEWORKS: readonly Framework[] = ["express", "fastify", "hono", "node"];

export const TOKENS = { default: "default-token-0123", acme: "acme-token-0123456", globex: "globex-token-01234" } as const;

export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

interface GeneratedServer {
  createScim(options: Omit<KernelOptions, "manifest" | "validators">): { listen(port?: number, host?: string): Promise<Running> };
}

const root = fileURLToPath(new URL("../.gen/", import.meta.url));

/** Test files run in parallel workers: write only on change, and atomically (rename). */
function put(file: string, contents: string): void {
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current === contents) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, file);
}

export function generate(framework: Framework): string {
  const dir = `${root}${framework}/`;
  mkdirSync(`${dir}handlers`, { recursive: true });
  const files = emitServer(coreManifest(), { runtimeImport: "../../../../src/runtime/index.js", framework });
  for (const f of files) put(dir + f.path, f.contents);
  put(`${dir}manifest.ts`, 'import { coreManifest } from "../../../support/core-manifest.js";\nexport const manifest = coreManifest();\n');
  put(`${dir}validators.ts`, 'export { validators } from "../../../support/generated/core-validators.js";\n');
  return `${dir}server.${framework}.ts`;
}

export async function startServer(framework: Framework, options: Partial<KernelOptions> = {}): Promise<Running> {
  const file = generate(framework);
  const mod = (await import(file)) as GeneratedServer;
  const scim = mod.createScim({
    store: memoryStore(),
    auth: bearerTokens({ default: TOKENS.default, acme: TOKENS.acme, globex: TOKENS.globex }),
    tenancy: anyTenancy(singleTenant({ basePath: "/scim/v2" }), pathTenant({ pattern: "/tenants/{tenant}/scim/v2" })),
    logger: { error: () => {}, warn: () => {} },
    ...options,
  });
  return scim.listen(0, "127.0.0.1");
}

export type StoreName = "memory" | "sqlite" | "postgres";

/** Every adapter on the memory store, and each SQL store on one adapter: stores sit below
 * the kernel and adapters above it, so this covers each of them on every kernel path. */
export const STORE_MATRIX: readonly (readonly [Framework, StoreName])[] = [...FRAMEWORKS.map((f) => [f, "memory"] as const), ["express", "sqlite"], ["node", "postgres"]];

/** A server on the named store; PostgreSQL is SCIM_TEST_PG_URL's server or PGlite. */
export async function startOnStore(framework: Framework, store: StoreName, options: Partial<KernelOptions> = {}): Promise<Running> {
  if (store === "memory") return startServer(framework, options);
  if (store === "sqlite") return startServer(framework, { ...options, store: sqliteStore({ file: ":memory:" }) });
  const pg = await pgHarness();
  const running = await startServer(framework, { ...options, store: postgresStore({ pool: pg.pool }) });
  return { url: running.url, close: async () => (await running.close(), await pg.close().catch(() => {})) };
}
