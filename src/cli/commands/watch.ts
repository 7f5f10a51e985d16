import { existsSync, statSync, watch, type FSWatcher } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ResolvedConfig } from "../config.js";
import { runGenerate } from "./generate.js";
import type { Io } from "./io.js";

// `scim-gen generate --watch`: regenerate when an input or the config changes. Events
// are debounced (editors save in bursts) and runs never overlap; a run that fails
// reports its problems and the watcher keeps going.

export const DEBOUNCE_MS = 150;

/** Directories to watch: each pattern's fixed prefix (recursively), and the config's directory. */
function watchRoots(config: ResolvedConfig): Array<{ dir: string; recursive: boolean }> {
  const roots = new Map<string, boolean>();
  for (const pattern of [...config.schemas, ...config.resourceTypes]) {
    const fixed = resolve(config.baseDir, pattern).split(/[\\/]/);
    const magic = fixed.findIndex((s) => /[*?]/.test(s));
    let dir = (magic === -1 ? fixed : fixed.slice(0, magic)).join("/") || "/";
    while (!existsSync(dir)) dir = dirname(dir);
    if (statSync(dir).isFile()) dir = dirname(dir);
    roots.set(dir, true);
  }
  if (config.configFile && !roots.has(dirname(config.configFile))) roots.set(dirname(config.configFile), false);
  return [...roots].map(([dir, recursive]) => ({ dir, recursive }));
}

export async function runWatch(reload: () => ResolvedConfig, io: Io): Promise<never> {
  let config = reload();
  await runGenerate(config, io);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let watchers: FSWatcher[] = [];
  let watching = "";
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  };
  // (Re)creates the watchers when the set of roots changes, e.g. after a config edit.
  const rewatch = (): void => {
    const roots = watchRoots(config);
    const key = JSON.stringify([roots, config.out]);
    if (key === watching) return;
    for (const w of watchers) w.close();
    watching = key;
    const outDir = config.out;
    watchers = roots.map(({ dir, recursive }) =>
      watch(dir, { recursive }, (_event, name) => {
        const file = name ? resolve(dir, name.toString()) : "";
        if (file.endsWith(".json") && !file.startsWith(outDir + "/")) schedule();
      }),
    );
    io.out(`scim-gen: watching ${watchers.length} director${watchers.length === 1 ? "y" : "ies"} for schema changes (Ctrl-C to stop)`);
  };
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      config = reload();
      rewatch();
      await runGenerate(config, io);
    } catch (e) {
      io.err(`scim-gen: ${(e as Error).message}`);
    } finally {
      running = false;
      if (again) {
        again = false;
        void run();
      }
    }
  };
  rewatch();
  return new Promise<never>(() => {});
}
