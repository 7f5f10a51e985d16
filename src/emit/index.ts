import type { Manifest } from "../runtime/manifest/model.js";
import { emitFilters } from "./filters/index.js";
import { emitManifest } from "./manifest/index.js";
import { emitModels } from "./models/index.js";
import { emitSchemaJson } from "./schema-json/index.js";
import { emitServer } from "./server/index.js";
import type { EmitOptions, EmittedFile, Emitter } from "./types.js";
import { emitValidators } from "./validators/index.js";

// The emit pipeline: every registered emitter runs on the same IR; the result is sorted by
// path so output order never depends on registration order. Pure (DESIGN.md rule 1).

export type { EmitOptions, EmittedFile, Emitter, Framework } from "./types.js";

export interface RegisteredEmitter {
  readonly name: string;
  readonly emit: Emitter;
  /** Runs only when this returns true (the server emitter needs a framework). */
  readonly when?: (options: EmitOptions) => boolean;
}

export const EMITTERS: readonly RegisteredEmitter[] = [
  { name: "models", emit: emitModels },
  { name: "schema-json", emit: emitSchemaJson },
  { name: "filters", emit: emitFilters },
  { name: "manifest", emit: emitManifest },
  { name: "validators", emit: emitValidators },
  { name: "server", emit: emitServer, when: (o) => o.framework !== undefined },
];

export function generate(ir: Manifest, options: EmitOptions, emitters: readonly RegisteredEmitter[] = EMITTERS): EmittedFile[] {
  const files: EmittedFile[] = [];
  const seen = new Set<string>();
  for (const e of emitters) {
    if (e.when && !e.when(options)) continue;
    for (const f of e.emit(ir, options)) {
      if (seen.has(f.path)) throw new Error(`emitters produced ${f.path} twice (second from ${e.name})`);
      seen.add(f.path);
      files.push(f);
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
