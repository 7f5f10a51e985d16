import { createServer } from "node:http";
import pg from "pg";
import { nodeHandler, scimClientError } from "../../src/runtime/adapters/node.js";
import { createKernel } from "../../src/runtime/http/kernel.js";
import type { Store } from "../../src/runtime/stores/contract.js";
import { postgresStore } from "../../src/runtime/stores/postgres/index.js";
import { sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { bearerTokens, singleTenant } from "../../src/runtime/tenancy/index.js";
import { coreManifest } from "../../test/support/core-manifest.js";
import { validators } from "../../test/support/generated/core-validators.js";

// A SCIM server process on a persistent store: argv = kind ("sqlite" | "postgres"),
// location (file path | connection URL), PostgreSQL schema. Reports its port over IPC.
// Used by the store bench (HTTP figures) and by the two-instance PostgreSQL test.

import { TOKEN } from "./token.js";
export const TENANT = "default";

const [kind, where, schema] = process.argv.slice(2);
let store: Store;
let pool: pg.Pool | undefined;
if (kind === "sqlite") store = sqliteStore({ file: where!, durability: "normal" });
else if (kind === "postgres") {
  pool = new pg.Pool({ connectionString: where!, max: 10, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  pool.on("error", () => undefined);
  store = postgresStore({ pool });
} else throw new Error(`unknown store kind ${kind}`);

const kernel = createKernel({
  manifest: coreManifest(),
  validators,
  store,
  auth: bearerTokens({ [TENANT]: TOKEN }),
  tenancy: singleTenant({ basePath: "/scim/v2" }),
});
const server = createServer(nodeHandler(kernel));
server.on("clientError", scimClientError);
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
});
process.on("message", (m: { type: string }) => {
  if (m.type === "stop") server.close(() => void kernel.close().then(() => pool?.end()).then(() => process.exit(0)));
});
