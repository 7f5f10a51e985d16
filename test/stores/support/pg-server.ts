// Child process for the two-instance test: the HTTP kernel on postgresStore, one pg Pool
// on the schema given in argv. Prints its port on stdout. Several of these share one
// database, as stateless instances behind a load balancer would.
import { createServer } from "node:http";
import pg from "pg";
import { nodeHandler } from "../../../src/runtime/adapters/node.js";
import { createKernel } from "../../../src/runtime/http/kernel.js";
import { postgresStore } from "../../../src/runtime/stores/postgres/index.js";
import { bearerTokens, singleTenant } from "../../../src/runtime/tenancy/index.js";
import { coreManifest } from "../../support/core-manifest.js";
import { validators } from "../../support/generated/core-validators.js";

const [url, schema] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url!, options: `-c search_path=${schema}`, max: 5 });
pool.on("error", () => undefined);
const kernel = createKernel({
  manifest: coreManifest(),
  validators,
  store: postgresStore({ pool }),
  auth: bearerTokens({ default: "two-instance-token" }),
  tenancy: singleTenant({ basePath: "/scim/v2" }),
});
const server = createServer(nodeHandler(kernel));
server.listen(0, "127.0.0.1", () => {
  const a = server.address();
  process.stdout.write(`port ${typeof a === "object" && a ? a.port : 0}\n`);
});
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
