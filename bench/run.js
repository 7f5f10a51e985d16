#!/usr/bin/env node
// `npm run bench [-- area ...]`: runs each area's benchmark (bench/<area>/run.ts) in turn,
// each in its own process so one area's heap does not skew another's figures.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const AREAS = ["filter", "patch", "http", "stores", "bulk"];
const wanted = process.argv.slice(2);
let failed = 0;
for (const area of wanted.length ? wanted : AREAS) {
  const file = `bench/${area}/run.ts`;
  if (!existsSync(file)) continue;
  console.log(`\n=== bench: ${area} ===`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--expose-gc", file], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
