import type { ResolvedConfig } from "../config.js";
import { describeChange } from "../diff.js";
import { buildOutput } from "../output.js";
import { planWrites } from "../write.js";
import { EXIT, reportProblems, type Io } from "./io.js";

// `scim-gen check`: for CI. Exit 1 with a summary when the committed output differs from
// what `generate` would write now.

export async function runCheck(config: ResolvedConfig, io: Io): Promise<number> {
  const output = await buildOutput(config);
  if (output.load.problems.length > 0) {
    reportProblems(output.load.problems, io);
    return EXIT.problems;
  }
  const plan = planWrites(config.out, output.files);
  if (plan.changes.length === 0) {
    io.out(`scim-gen check: ${output.files.length} files up to date`);
    return EXIT.ok;
  }
  io.err(`scim-gen check: ${plan.changes.length} file${plan.changes.length === 1 ? " is" : "s are"} out of date:`);
  for (const c of plan.changes) io.err(describeChange(c));
  io.err("Run `scim-gen generate` and commit the result.");
  return EXIT.problems;
}
