import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { storeContract } from "./contract.js";

const dir = mkdtempSync(join(tmpdir(), "scim-sqlite-"));
let n = 0;
storeContract("sqlite", {
  make: async (o) => sqliteStore({ file: join(dir, `contract-${n++}.db`), ...o }),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
