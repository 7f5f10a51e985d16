#!/usr/bin/env node
// The scim-gen command. Runs the compiled CLI in dist/ (built by `npm run build`).
import { main } from "../dist/cli/main.js";

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 70;
});
