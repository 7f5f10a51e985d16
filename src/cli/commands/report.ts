import { formatProblem, type SchemaProblem } from "../../schema/problem.js";
import type { Io } from "./io.js";

export function reportProblems(problems: readonly SchemaProblem[], io: Io): void {
  io.err(`scim-gen: ${problems.length} schema problem${problems.length === 1 ? "" : "s"}:`);
  for (const p of problems) io.err(`  ${formatProblem(p)}`);
}
