import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildManifest } from "../../src/ir/build.js";
import type { Manifest } from "../../src/runtime/manifest/model.js";

// The core User/Group/EnterpriseUser manifest read from the package's schemas/ folder.
// The root comes from the environment because this file runs bundled from bench/http/.build/.

export function coreManifest(): Manifest {
  const dir = join(process.env.SCIM_GEN_ROOT ?? process.cwd(), "schemas");
  const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>;
  return buildManifest(
    ["User.json", "Group.json", "Enterprise-User.json"].map(read),
    ["resource-types/User.json", "resource-types/Group.json"].map(read),
  );
}
