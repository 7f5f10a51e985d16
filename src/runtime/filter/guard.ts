import { ScimError, type ScimType } from "../errors.js";

// Parsed filters are depth-limited, but an AST can also be built by hand: walking one
// nested deeper than the stack allows must still end in a SCIM error, not a RangeError.

export function stackGuard<T>(run: () => T, scimType: ScimType = "invalidFilter"): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError) {
      const label = scimType === "invalidPath" ? "Invalid path" : "Invalid filter";
      throw new ScimError(400, scimType, `${label}: nesting too deep to process`);
    }
    throw e;
  }
}
