import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, cliAsync, DEVICE_SCHEMA, DEVICE_TYPE, project } from "./support.js";

// `generate --watch`: regenerates after a schema change, once per burst of saves, and
// keeps running (reporting the problem) when a save leaves a schema broken.

beforeAll(assertBuilt);

const waitFor = async (predicate: () => boolean, ms = 15_000): Promise<void> => {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error("timed out waiting for the watcher");
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe("generate --watch", () => {
  it("debounces a burst of saves into one run, survives a broken save, picks up the fix", async () => {
    const dir = project({
      "scim-gen.config.json": { schemas: ["scim"], core: [], out: "gen" },
      "scim/device.json": DEVICE_SCHEMA,
      "scim/device-type.json": DEVICE_TYPE,
    });
    const child = cliAsync(["generate", "--watch"], dir);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => out.includes("watching"));
      const runs = (): number => out.split("\n").filter((l) => /^scim-gen: gen: /.test(l)).length;
      expect(runs()).toBe(1);
      const models = join(dir, "gen/models.ts");
      for (let i = 0; i < 5; i++) {
        const attributes = [...DEVICE_SCHEMA.attributes, { name: `color${i}` }];
        writeFileSync(join(dir, "scim/device.json"), JSON.stringify({ ...DEVICE_SCHEMA, attributes }));
      }
      await waitFor(() => readFileSync(models, "utf8").includes("color4?: string;"));
      await new Promise((r) => setTimeout(r, 600));
      expect(runs()).toBe(2);

      writeFileSync(join(dir, "scim/device.json"), "{ broken");
      await waitFor(() => out.includes("[invalid-json]"));
      expect(child.exitCode).toBeNull();
      writeFileSync(join(dir, "scim/device.json"), JSON.stringify({ ...DEVICE_SCHEMA, attributes: [...DEVICE_SCHEMA.attributes, { name: "size" }] }));
      await waitFor(() => readFileSync(models, "utf8").includes("size?: string;"));

      // A config edit that adds an input directory is picked up, and that directory watched.
      mkdirSync(join(dir, "more"));
      writeFileSync(join(dir, "scim-gen.config.json"), JSON.stringify({ schemas: ["scim", "more"], core: [], out: "gen" }));
      await waitFor(() => out.split("watching").length === 3);
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(join(dir, "more/gadget.json"), JSON.stringify({ ...DEVICE_SCHEMA, id: "urn:example:params:scim:schemas:core:2.0:Gadget", name: "Gadget" }));
      writeFileSync(join(dir, "more/gadget-type.json"), JSON.stringify({ ...DEVICE_TYPE, name: "Gadget", endpoint: "/Gadgets", schema: "urn:example:params:scim:schemas:core:2.0:Gadget" }));
      await waitFor(() => readFileSync(models, "utf8").includes("export interface Gadget {"));
    } finally {
      child.kill("SIGTERM");
    }
  }, 60_000);
});
