import { compile, type JSONSchema } from "json-schema-to-typescript";
import { describe, expect, it } from "vitest";
import { buildJsonSchema } from "../../src/emit/schema-json/index.js";
import { coreManifest } from "../support/core-manifest.js";

// schema.json is for other tools: it must describe the same types as models.ts, and a
// JSON-Schema-to-TypeScript tool must be able to consume it.

type Def = { type?: string; properties: Record<string, Record<string, unknown>>; required?: string[] };

describe("schema.json", () => {
  const schema = buildJsonSchema(coreManifest());
  const defs = schema.$defs as Record<string, Def>;

  it("has one $defs entry per models.ts type with the same required members", () => {
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(["User", "UserCreateInput", "UserReplaceInput", "UserName", "UserEmail", "EnterpriseUser", "Group", "GroupMember", "ScimMeta", "UserAttributePath"]));
    expect(defs.User!.required).toEqual(["schemas", "id", "userName"]);
    expect(defs.UserCreateInput!.required).toEqual(["schemas", "userName"]);
    expect(defs.UserCreateInput!.properties).not.toHaveProperty("id");
    expect(defs.User!.properties).not.toHaveProperty("password");
    expect(defs.UserCreateInput!.properties.password).toMatchObject({ type: "string", writeOnly: true });
    expect(defs.User!.properties.emails).toMatchObject({ type: "array", items: { $ref: "#/$defs/UserEmail" } });
    expect(defs.User!.properties["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]).toMatchObject({ $ref: "#/$defs/EnterpriseUser" });
    expect(defs.User!.properties.meta).toMatchObject({ $ref: "#/$defs/ScimMeta", readOnly: true });
    expect(defs.UserEmail!.properties.type).toMatchObject({ type: "string", examples: ["work", "home", "other"] });
  });

  it("json-schema-to-typescript turns it into the same interfaces", async () => {
    const root = { ...schema, title: "Root", type: "object", properties: Object.fromEntries(Object.keys(defs).map((k) => [k, { $ref: `#/$defs/${k}` }])) };
    const ts = await compile(root as JSONSchema, "Root", { bannerComment: "", additionalProperties: false, format: false });
    const block = (name: string): string => {
      const start = ts.indexOf(`export interface ${name} {`);
      return start === -1 ? "" : ts.slice(start, ts.indexOf("\n}\n", start));
    };
    expect(block("User")).toMatch(/\nuserName: string\n/);
    expect(block("User")).not.toMatch(/\npassword/);
    expect(block("UserCreateInput")).toMatch(/\npassword\?: string\n/);
    expect(block("UserCreateInput")).not.toMatch(/\nid\??:/);
    expect(block("User")).toMatch(/\n"urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User"\?: EnterpriseUser\d*$/m);
  }, 30_000);
});
