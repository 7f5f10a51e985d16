import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

// Prettier formats every emitted file with pinned options, so output does not depend on
// a user's .prettierrc. Loaded lazily, and only for files whose checksums show a change:
// it is by far the slowest step of generation.

const OPTIONS = { printWidth: 100, tabWidth: 2, useTabs: false, semi: true, singleQuote: false, trailingComma: "all", bracketSpacing: true, endOfLine: "lf" } as const;

/** json-stringify is prettier's package.json style (JSON.stringify layout), an order of
 * magnitude faster than the "json" parser on large documents. */
const PARSERS = { ts: "babel-ts", json: "json-stringify" } as const;

type Prettier = typeof import("prettier");
let prettier: Promise<Prettier> | undefined;
let identity: string | undefined;

/** Identifies the formatter (prettier version and options) for the source checksum. */
export function formatterIdentity(): string {
  if (identity === undefined) {
    const pkg = createRequire(import.meta.url).resolve("prettier/package.json");
    const { version } = JSON.parse(readFileSync(pkg, "utf8")) as { version: string };
    // Everything that changes the formatted bytes, so a change reformats every file.
    identity = `prettier ${version} ${JSON.stringify(OPTIONS)} ${JSON.stringify(PARSERS)}`;
  }
  return identity;
}

export async function format(path: string, contents: string): Promise<string> {
  const parser = path.endsWith(".json") ? PARSERS.json : path.endsWith(".ts") ? PARSERS.ts : undefined;
  if (!parser) return contents;
  prettier ??= import("prettier");
  return (await prettier).format(contents, { ...OPTIONS, parser });
}

/** Below this many characters a second thread costs more than it saves. */
const PARALLEL_THRESHOLD = 80_000;

/**
 * Formats many files: when there is a lot to format and a spare core, about half the work
 * (by size) goes to one worker thread while this thread formats the rest. Only from the
 * compiled dist/ (a .ts worker would need a loader); results keep the input order.
 */
export async function formatAll(jobs: ReadonlyArray<{ path: string; contents: string }>): Promise<string[]> {
  const total = jobs.reduce((n, j) => n + j.contents.length, 0);
  const workerUrl = new URL("./format-worker.js", import.meta.url);
  if (total < PARALLEL_THRESHOLD || availableParallelism() < 2 || import.meta.url.endsWith(".ts")) {
    return Promise.all(jobs.map((j) => format(j.path, j.contents)));
  }
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b]!.contents.length - jobs[a]!.contents.length);
  const mine: number[] = [];
  const theirs: number[] = [];
  let mineSize = 0;
  let theirSize = 0;
  for (const i of order) {
    // The worker starts later (thread start, prettier import): give it a little less.
    if (theirSize * 1.3 < mineSize) {
      theirs.push(i);
      theirSize += jobs[i]!.contents.length;
    } else {
      mine.push(i);
      mineSize += jobs[i]!.contents.length;
    }
  }
  const worker = new Worker(workerUrl, { workerData: theirs.map((i) => jobs[i]) });
  const remote = new Promise<string[]>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const out: string[] = new Array<string>(jobs.length);
  for (const i of mine) out[i] = await format(jobs[i]!.path, jobs[i]!.contents);
  const formatted = await remote;
  await worker.terminate();
  theirs.forEach((i, k) => (out[i] = formatted[k]!));
  return out;
}
