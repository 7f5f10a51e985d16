import { formatProblem, type SchemaProblem } from "../../schema/problem.js";

// Where commands print; tests pass their own to capture output.
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
};

/** Exit codes: 0 ok, 1 schema problems / stale output / refused write, 2 usage error. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Every schema problem, one per line, after a count. */
export function reportProblems(problems: readonly SchemaProblem[], io: Io): void {
  io.err(`scim-gen: ${problems.length} schema problem${problems.length === 1 ? "" : "s"}:`);
  for (const p of problems) io.err(`  ${formatProblem(p)}`);
}
