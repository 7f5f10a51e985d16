import type { Manifest } from "../runtime/manifest/model.js";

// Emitters are pure functions of the IR and options (DESIGN.md rule 1): no file system,
// no clock, no randomness. The CLI adds headers, formats with prettier and writes.

export type Framework = "express" | "fastify" | "hono" | "node";

export interface EmitOptions {
  /** Module specifier the generated code imports the kernel from. */
  readonly runtimeImport: string;
  /** Framework for server.<fw>.ts; emitters that do not care ignore it. */
  readonly framework?: Framework;
}

export interface EmittedFile {
  /** Relative to the output directory, "/" separated. */
  readonly path: string;
  readonly contents: string;
  /** "generated": carries the do-not-edit header, always rewritten, may be deleted by the
   * generator. "user": created once when missing, never overwritten (handlers/). */
  readonly ownership: "generated" | "user";
}

export type Emitter = (ir: Manifest, options: EmitOptions) => EmittedFile[];
