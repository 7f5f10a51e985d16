import { fileURLToPath } from "node:url";

// The golden fixture sets: test/fixtures/<set>/scim-gen.config.json generates into
// test/golden/<set>/. `npm run golden` regenerates them all; tests compare.
export const GOLDEN_SETS = ["core", "enterprise", "custom"] as const;

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const configOf = (set: string): string => `${repoRoot}test/fixtures/${set}/scim-gen.config.json`;
export const goldenDir = (set: string): string => `${repoRoot}test/golden/${set}`;
