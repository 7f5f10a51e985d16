import fc from "fast-check";
import type { Filter } from "../../src/runtime/filter/index.js";

/** Random filter trees over `leaves`: and/or/not of them, kept small (fast-check). */
export function filterTree(...leaves: fc.Arbitrary<Filter>[]): fc.Arbitrary<Filter> {
  return fc.letrec<{ f: Filter }>((tie) => ({
    f: fc.oneof(
      { depthSize: "small" },
      ...leaves,
      fc.record({ type: fc.constant("logical" as const), operator: fc.constantFrom("and" as const, "or" as const), left: tie("f"), right: tie("f") }),
      fc.record({ type: fc.constant("not" as const), filter: tie("f") }),
    ),
  })).f;
}
