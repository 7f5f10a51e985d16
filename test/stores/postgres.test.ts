import { postgresStore } from "../../src/runtime/stores/postgres/index.js";
import { storeContract } from "./contract.js";
import { pgHarness, PG_URL, type PgHarness } from "./pg-harness.js";

let h: PgHarness | undefined;
storeContract(PG_URL ? "postgres (server at SCIM_TEST_PG_URL)" : "postgres (PGlite in-process; set SCIM_TEST_PG_URL for a server)", {
  make: async () => {
    h = await pgHarness();
    return postgresStore({ pool: h.pool });
  },
  cleanup: async () => h?.close(),
});
