import { describe, expect, it } from "vitest";
import { adapterImport, createServerEmitter, emitServer } from "../../src/emit/server/index.js";
import { FRAMEWORKS, loadServerTemplates } from "../../src/emit/server/templates.js";
import { coreManifest } from "../support/core-manifest.js";

// The server emitter is a pure function of the IR, the options and the template text.

describe("emitServer", () => {
  const ir = coreManifest();

  it.each(FRAMEWORKS)("%s: one generated server file and a user-owned stub per resource type", (framework) => {
    const files = emitServer(ir, { runtimeImport: "scim-gen/runtime", framework });
    expect(files.map((f) => [f.path, f.ownership])).toEqual([
      [`server.${framework}.ts`, "generated"],
      ["handlers/group.ts", "user"],
      ["handlers/user.ts", "user"],
    ]);
    const server = files[0]!.contents;
    expect(server).toContain(`from "scim-gen/adapters/${framework}"`);
    expect(server).toContain('from "scim-gen/runtime"');
    expect(server).toContain("export function createScim(options: ScimOptions)");
    expect(server).toContain("readonly User?: ResourceHandler<User, UserCreateInput, UserReplaceInput, UserFilter>;");
    expect(server).toContain('basePath ?? "/scim/v2"');
  });

  it("is deterministic and does not depend on resource type order", () => {
    const a = emitServer(ir, { runtimeImport: "scim-gen/runtime", framework: "hono" });
    const reversed = { ...ir, resourceTypes: [...ir.resourceTypes].reverse() };
    const b = emitServer(reversed, { runtimeImport: "scim-gen/runtime", framework: "hono" });
    expect(b).toEqual(a);
  });

  it("honours the base path and defaults the framework to express", () => {
    const emit = createServerEmitter(loadServerTemplates());
    const [server] = emit(ir, { runtimeImport: "scim-gen/runtime", basePath: "/api/scim" });
    expect(server!.path).toBe("server.express.ts");
    expect(server!.contents).toContain('basePath ?? "/api/scim"');
  });

  it("handler stubs are typed with the resource's own types and name their file", () => {
    const stub = emitServer(ir, { runtimeImport: "scim-gen/runtime", framework: "node" }).find((f) => f.path === "handlers/user.ts")!;
    expect(stub.contents).toContain("export const userHandler = defineHandler<User, UserCreateInput, UserReplaceInput, UserFilter>({");
    expect(stub.contents).toContain("handlers/user.ts");
    for (const op of ["create", "get", "replace", "delete", "list"]) expect(stub.contents).toContain(`async ${op}(`);
  });

  it("resource type names that are not identifiers become safe type names and quoted keys", () => {
    const odd = { ...ir, resourceTypes: [{ ...ir.resourceTypes[0]!, name: "device-group", id: "device-group", endpoint: "/DeviceGroups" }] };
    const [server, stub] = emitServer(odd, { runtimeImport: "scim-gen/runtime", framework: "express" });
    expect(server!.contents).toContain('readonly "device-group"?: ResourceHandler<DeviceGroup,');
    expect(stub!.path).toBe("handlers/device-group.ts");
    expect(stub!.contents).toContain("export const deviceGroupHandler");
  });

  it.each([
    ["scim-gen/runtime", "scim-gen/adapters/fastify"],
    ["../../src/runtime/index.js", "../../src/runtime/adapters/fastify.js"],
    ["@acme/scim", "@acme/scim/adapters/fastify"],
  ])("adapter import for runtime %s is %s", (runtime, expected) => {
    expect(adapterImport(runtime, "fastify")).toBe(expected);
  });
});
