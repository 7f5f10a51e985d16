import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Framework } from "../../emit/types.js";
import { CONFIG_FILE, UsageError } from "../config.js";
import { EXIT, type Io } from "./io.js";

// `scim-gen init`: a config plus an example custom extension on User, ready to generate.

const EXTENSION_URN = "urn:example:params:scim:schemas:extension:acme:2.0:User";

const extension = {
  id: EXTENSION_URN,
  name: "AcmeUser",
  description: "Example custom extension: rename the URN and attributes to your own.",
  attributes: [
    { name: "badgeNumber", type: "string", multiValued: false, description: "Building access badge number.", required: false, caseExact: true, mutability: "readWrite", returned: "default", uniqueness: "server" },
    { name: "startDate", type: "dateTime", multiValued: false, description: "First working day.", required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none" },
    {
      name: "devices", type: "complex", multiValued: true, description: "Devices issued to the user.", required: false, caseExact: false, mutability: "readWrite", returned: "default", uniqueness: "none",
      subAttributes: [
        { name: "value", type: "string", multiValued: false, description: "Asset tag.", required: true, caseExact: true, mutability: "readWrite", returned: "default", uniqueness: "none" },
        { name: "type", type: "string", multiValued: false, description: "Kind of device.", required: false, caseExact: false, canonicalValues: ["laptop", "phone", "token"], mutability: "readWrite", returned: "default", uniqueness: "none" },
      ],
    },
  ],
};

const userResourceType = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
  id: "User",
  name: "User",
  endpoint: "/Users",
  description: "User Account",
  schema: "urn:ietf:params:scim:schemas:core:2.0:User",
  schemaExtensions: [
    { schema: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", required: false },
    { schema: EXTENSION_URN, required: false },
  ],
};

export function runInit(dir: string, options: { framework?: Framework; force?: boolean }, io: Io): number {
  const config = {
    $schema: "./node_modules/scim-gen/schemas/scim-gen.config.schema.json",
    schemas: ["scim/schemas"],
    resourceTypes: ["scim/resource-types"],
    core: ["User", "Group", "EnterpriseUser"],
    out: "src/scim",
    ...(options.framework ? { framework: options.framework } : {}),
    runtimeImport: "scim-gen/runtime",
  };
  const files: Array<[string, unknown]> = [
    [CONFIG_FILE, config],
    ["scim/schemas/acme-user.json", extension],
    ["scim/resource-types/User.json", userResourceType],
  ];
  const existing = files.map(([f]) => f).filter((f) => existsSync(join(dir, f)));
  if (existing.length > 0 && !options.force) throw new UsageError(`init would overwrite ${existing.join(", ")}; pass --force to replace them`);
  for (const [name, value] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), JSON.stringify(value, null, 2) + "\n");
    io.out(`scim-gen init: wrote ${name}`);
  }
  io.out("Next: edit scim/schemas/acme-user.json, then run `npx scim-gen generate`.");
  return EXIT.ok;
}
