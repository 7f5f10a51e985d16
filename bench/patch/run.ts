// PATCH throughput, ours vs scim-patch (`npm run bench -- patch`): one run each, ratio
// printed. Both sides are bundled into one ES module with esbuild first, the way the
// package ships (tsc ESM output), so neither pays for tsx's per-call module getters.
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface Subjects {
  validateCreate(): unknown;
  ours(): unknown;
  theirs(): unknown;
  agree(): boolean;
}

const dir = mkdtempSync(join(tmpdir(), "scim-gen-bench-patch-"));
const outfile = join(dir, "subjects.mjs");
try {
  await build({
    entryPoints: [fileURLToPath(new URL("./subjects.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outfile,
    logLevel: "error",
    // core-manifest.ts reads schemas/ relative to its own URL
    define: { "import.meta.url": JSON.stringify(pathToFileURL(fileURLToPath(new URL("../../test/support/core-manifest.ts", import.meta.url))).href) },
  });
  const s = (await import(pathToFileURL(outfile).href)) as Subjects;
  if (!s.agree()) throw new Error("the two implementations disagree on the benchmark patch");

  // Alternating short rounds, so load from other processes hits both sides alike.
  const round = (fn: () => unknown, ms: number): [number, number] => {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let i = 0; i < 500; i++) fn();
      n += 500;
      now = performance.now();
    }
    return [n, now - start];
  };
  for (let i = 0; i < 20_000; i++) s.ours(), s.theirs();
  const totals = { ours: [0, 0], theirs: [0, 0] };
  for (let r = 0; r < 6; r++) {
    for (const side of ["ours", "theirs"] as const) {
      const [n, ms] = round(s[side], 250);
      totals[side][0]! += n;
      totals[side][1]! += ms;
    }
  }
  const ours = (totals.ours[0]! * 1000) / totals.ours[1]!;
  const theirs = (totals.theirs[0]! * 1000) / totals.theirs[1]!;
  const fmt = (n: number): string => Math.round(n).toLocaleString("en-US").padStart(10);
  console.log(`PATCH, 3 operations on one user (node ${process.version}, esbuild ESM bundle)`);
  console.log(`  scim-gen (apply + revalidate) ${fmt(ours)} ops/s`);
  console.log(`  scim-patch 0.8 (apply only)   ${fmt(theirs)} ops/s`);
  console.log(`  ratio                         ${(ours / theirs).toFixed(2)}x (target >= 2x)`);
  const [n, ms] = round(s.validateCreate, 500);
  console.log(`compiled validator, POST User body ${fmt((n * 1000) / ms)} validations/s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
