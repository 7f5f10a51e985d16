import { postgresStore } from "../../src/runtime/stores/postgres/index.js";
import { storeContract } from "./contract.js";
import { pgHarness, PG_URL, type PgHarness } from "./pg-harness.js";

let h: Promise<PgHarness> | undefined;
storeContract(PG_URL ? "postgres (server at SCIM_TEST_PG_URL)" : "postgres (PGlite in-process; set SCIM_TEST_PG_URL for a server)", {
  make: async (o) => postgresStore({ pool: (await (h ??= pgHarness())).pool, ...o }),
  cleanup: async () => (await h)?.close(),
});
