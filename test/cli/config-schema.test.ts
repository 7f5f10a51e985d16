import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_KEYS, FRAMEWORKS } from "../../src/cli/config.js";
import { CORE_SCHEMA_NAMES } from "../../src/schema/load.js";

// The JSON Schema shipped for editors describes exactly the keys the CLI accepts.
const schema = JSON.parse(readFileSync(new URL("../../schemas/scim-gen.config.schema.json", import.meta.url), "utf8"));

describe("schemas/scim-gen.config.schema.json", () => {
  it("lists the same keys, frameworks and core names as the CLI", () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.framework.enum).toEqual([...FRAMEWORKS]);
    expect(schema.properties.core.oneOf[1].items.enum).toEqual([...CORE_SCHEMA_NAMES]);
  });
});
