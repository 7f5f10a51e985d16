import { coreManifest } from "../support/core-manifest.js";
import { buildSchema } from "../../src/ir/build.js";
import type { Manifest } from "../../src/runtime/manifest/model.js";
import { ManifestIndex } from "../../src/runtime/manifest/resolve.js";

// The core manifest plus a test extension on User that gives the contract suite a
// `uniqueness: server` attribute other than userName (case-exact, unlike userName) and a
// dateTime, an integer and a decimal to sort by.

export const TEST_EXT = "urn:example:params:scim:schemas:extension:test:2.0:User";

const attr = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

export function storeManifest(): ManifestIndex {
  const core = coreManifest();
  const ext = buildSchema({
    id: TEST_EXT,
    name: "TestUser",
    attributes: [
      attr("badge", "string", { caseExact: true, uniqueness: "server" }),
      attr("hireDate", "dateTime"),
      attr("level", "integer"),
      attr("score", "decimal"),
    ],
  });
  const manifest: Manifest = {
    schemas: [...core.schemas, ext],
    resourceTypes: core.resourceTypes.map((rt) =>
      rt.name === "User" ? { ...rt, schemaExtensions: [...rt.schemaExtensions, { schema: TEST_EXT, required: false }] } : rt,
    ),
  };
  return new ManifestIndex(manifest);
}
