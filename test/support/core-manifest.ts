import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildManifest } from "../../src/ir/build.js";
import type { Manifest } from "../../src/runtime/manifest/model.js";
import { ManifestIndex } from "../../src/runtime/manifest/resolve.js";

// The core schemas shipped in schemas/ as an IR, for tests of kernel modules.
const dir = fileURLToPath(new URL("../../schemas/", import.meta.url));
const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(dir + f, "utf8"));

export function coreManifest(): Manifest {
  return buildManifest(
    ["User.json", "Group.json", "Enterprise-User.json"].map(read),
    ["resource-types/User.json", "resource-types/Group.json"].map(read),
  );
}

export function coreIndex(): ManifestIndex {
  return new ManifestIndex(coreManifest());
}
