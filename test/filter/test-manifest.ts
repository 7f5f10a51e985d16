import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildManifest } from "../../src/ir/build.js";
import { ManifestIndex } from "../../src/runtime/manifest/resolve.js";

// The core schemas plus a test extension on User with every attribute type the core
// schemas lack (integer, decimal, dateTime, binary, caseExact string, multi-valued
// string, a complex multi-valued attribute with a dateTime sub-attribute).

export const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const TEST_EXT = "urn:example:params:scim:schemas:extension:test:2.0:User";

const dir = fileURLToPath(new URL("../../schemas/", import.meta.url));
const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(dir + f, "utf8"));

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({ name, type, multiValued: false, required: false, caseExact: false, ...extra });

const testExtension = {
  id: TEST_EXT,
  name: "TestUser",
  attributes: [
    attr("level", "integer"),
    attr("score", "decimal"),
    attr("hiredAt", "dateTime"),
    attr("tags", "string", { multiValued: true }),
    attr("code", "string", { caseExact: true }),
    attr("badge", "binary"),
    attr("verified", "boolean"),
    attr("devices", "complex", {
      multiValued: true,
      subAttributes: [attr("value", "string"), attr("kind", "string"), attr("primary", "boolean"), attr("since", "dateTime")],
    }),
  ],
};

export function filterTestIndex(): ManifestIndex {
  const userType = read("resource-types/User.json");
  const extended = { ...userType, schemaExtensions: [...(userType.schemaExtensions as unknown[]), { schema: TEST_EXT, required: false }] };
  return new ManifestIndex(
    buildManifest([read("User.json"), read("Group.json"), read("Enterprise-User.json"), testExtension], [extended, read("resource-types/Group.json")]),
  );
}
