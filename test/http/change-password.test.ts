import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildManifest } from "../../src/ir/build.js";
import { Discovery } from "../../src/runtime/http/discovery.js";

// RFC 7643 §5 changePassword is advertised exactly when PUT/PATCH can write a password:
// when a served schema has a `password` attribute that is not readOnly or immutable.

const dir = fileURLToPath(new URL("../../schemas/", import.meta.url));
const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(dir + f, "utf8"));
const OPTIONS = { maxResults: 10, defaultPageSize: 10, maxPayloadSize: 1000, patch: true, authenticationSchemes: [] };

function userWithPassword(mutability: string | undefined): Record<string, unknown> {
  const user = read("User.json");
  const attributes = (user.attributes as Record<string, unknown>[]).filter((a) => a.name !== "password");
  if (mutability) attributes.push({ name: "password", type: "string", multiValued: false, required: false, caseExact: false, mutability, returned: "never", uniqueness: "none" });
  return { ...user, attributes };
}

describe("ServiceProviderConfig changePassword", () => {
  it.each([
    ["the core User schema (password writeOnly)", undefined, true],
    ["password readWrite", "readWrite", true],
    ["password readOnly", "readOnly", false],
    ["password immutable", "immutable", false],
    ["no password attribute", null, false],
  ])("%s → supported %s", (_, mutability, supported) => {
    const user = mutability === undefined ? read("User.json") : userWithPassword(mutability ?? undefined);
    const manifest = buildManifest([user, read("Group.json"), read("Enterprise-User.json")], [read("resource-types/User.json"), read("resource-types/Group.json")]);
    const spc = new Discovery(manifest, "https://x.test/scim/v2", OPTIONS).serviceProviderConfig;
    expect(spc.changePassword).toEqual({ supported });
  });
});
