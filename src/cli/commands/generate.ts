import { relative } from "node:path";
import type { ResolvedConfig } from "../config.js";
import { buildOutput } from "../output.js";
import { applyWrites, planWrites } from "../write.js";
import { EXIT, reportProblems, type Io } from "./io.js";

// `scim-gen generate`: writes what changed, leaves identical files untouched, deletes
// generated files no longer produced, refuses to overwrite files it did not generate.

export async function runGenerate(config: ResolvedConfig, io: Io): Promise<number> {
  const output = await buildOutput(config);
  if (output.load.problems.length > 0) {
    reportProblems(output.load.problems, io);
    return EXIT.problems;
  }
  const plan = planWrites(config.out, output.files);
  const conflicts = plan.changes.filter((c) => c.kind === "conflict");
  if (conflicts.length > 0) {
    for (const c of conflicts) io.err(`scim-gen: refusing to overwrite ${c.path}: it does not start with the scim-gen header (move it away or delete it)`);
    return EXIT.problems;
  }
  try {
    applyWrites(config.out, plan);
  } catch (e) {
    io.err(`scim-gen: cannot write to ${config.out}: ${(e as Error).message}`);
    return EXIT.problems;
  }
  const count = (kind: string): number => plan.changes.filter((c) => c.kind === kind).length;
  const where = relative(process.cwd(), config.out) || ".";
  io.out(`scim-gen: ${where}: ${count("create")} created, ${count("update")} updated, ${plan.unchanged} unchanged, ${count("delete")} deleted`);
  return EXIT.ok;
}
