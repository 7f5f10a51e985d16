#!/usr/bin/env node
// `npm run example`: loads the generated TypeScript as is through tsx (the example's
// tsconfig maps scim-gen/* to this checkout's sources), starts the server and stops it
// cleanly on Ctrl-C.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("./tsconfig.json", import.meta.url)) });
const { start } = await import("./app.ts");
const running = await start();
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => void running.close().then(() => process.exit(0)));
}
