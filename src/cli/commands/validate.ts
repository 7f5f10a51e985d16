import type { ResolvedConfig } from "../config.js";
import { load } from "../output.js";
import { EXIT, reportProblems, type Io } from "./io.js";

// `scim-gen validate`: check the schemas only; nothing is generated or written.
export function runValidate(config: ResolvedConfig, io: Io): number {
  const result = load(config);
  if (result.problems.length > 0) {
    reportProblems(result.problems, io);
    return EXIT.problems;
  }
  const m = result.manifest!;
  io.out(`scim-gen validate: ${result.inputs.length} inputs OK (${m.schemas.length} schemas, ${m.resourceTypes.length} resource types)`);
  return EXIT.ok;
}
