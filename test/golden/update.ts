// `npm run golden`: regenerate every golden set from its fixture config (no build needed).
import { run } from "../../src/cli/main.js";
import { configOf, GOLDEN_SETS } from "./sets.js";

let failed = 0;
for (const set of GOLDEN_SETS) {
  if ((await run(["generate", "--config", configOf(set)])) !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
