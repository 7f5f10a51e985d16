import { describe, expect, it } from "vitest";
import { compileFilter, parseFilter } from "../../src/runtime/filter/index.js";
import { corpusGroups, corpusUsers, invalidFilters, validFilters } from "./corpus.js";
import { filterTestIndex } from "./test-manifest.js";

// Every corpus filter against the hand-worked expectations; every invalid one fails
// with 400 invalidFilter naming the expected position.

const index = filterTestIndex();

describe("corpus: valid filters match exactly the expected resources", () => {
  it.each(validFilters.map((c) => [c.filter, c] as const))("%s", (_, c) => {
    const rt = index.resourceType(c.resourceType)!;
    const match = compileFilter(parseFilter(c.filter, { lenient: c.lenient === true }), rt, { coerceBooleanStrings: c.coerceBooleanStrings === true });
    const fixtures = c.resourceType === "User" ? corpusUsers : corpusGroups;
    expect(fixtures.filter((r) => match(r)).map((r) => r.id)).toEqual(c.matches);
  });
});

describe("corpus: invalid filters are precise 400 invalidFilter errors", () => {
  const users = index.resourceType("User")!;
  it.each(invalidFilters.map((c) => [c.filter.length > 80 ? `${c.filter.slice(0, 60)}… (${c.filter.length} chars)` : c.filter, c] as const))("%s", (_, c) => {
    let error: unknown;
    try {
      const ast = parseFilter(c.filter, c.options);
      if (c.stage === "parse") throw new Error("parsed, but should not have");
      compileFilter(ast, users);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: "ScimError", status: 400, scimType: "invalidFilter" });
    const detail = (error as { detail: string }).detail;
    expect(detail).toContain(c.detail);
    if (c.position !== undefined) expect(detail).toMatch(new RegExp(`^Invalid filter at position ${c.position}:`));
  });
});
