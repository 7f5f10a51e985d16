import { describe, expect, it } from "vitest";
import { buildManifest } from "../../src/ir/build.js";
import { ManifestIndex } from "../../src/runtime/manifest/resolve.js";
import { parseAttributeList, projectResource } from "../../src/runtime/resource/projection.js";
import { coreIndex } from "../support/core-manifest.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const users = coreIndex().resourceType("User")!;
const meta = { resourceType: "User", location: "https://e.com/Users/1", version: 'W/"1"' };
const rep = {
  schemas: [USER, ENT],
  id: "1",
  externalId: "ext",
  userName: "bjensen",
  name: { givenName: "Barbara", familyName: "Jensen" },
  emails: [
    { value: "b@work.com", type: "work", primary: true },
    { value: "b@home.org", type: "home" },
  ],
  [ENT]: { employeeNumber: "7", manager: { value: "m", displayName: "Boss" } },
  meta,
};

describe("projectResource (RFC 7644 §3.9 with returned)", () => {
  it.each<[string, { attributes?: string[]; excludedAttributes?: string[] }, Record<string, unknown>]>([
    ["no lists → everything returned by default", {}, rep],
    ["attributes=userName keeps the always set", { attributes: ["userName"] }, { schemas: rep.schemas, id: "1", userName: "bjensen", meta }],
    ["case-insensitive names", { attributes: ["USERNAME"] }, { schemas: rep.schemas, id: "1", userName: "bjensen", meta }],
    ["sub-attribute", { attributes: ["name.familyName"] }, { schemas: rep.schemas, id: "1", name: { familyName: "Jensen" }, meta }],
    ["sub-attribute of a multi-valued", { attributes: ["emails.value"] }, { schemas: rep.schemas, id: "1", emails: [{ value: "b@work.com" }, { value: "b@home.org" }], meta }],
    ["valuePath form tolerated", { attributes: ['emails[type eq "work"]'] }, { schemas: rep.schemas, id: "1", emails: rep.emails, meta }],
    ["extension URN path", { attributes: [`${ENT}:employeeNumber`] }, { schemas: rep.schemas, id: "1", [ENT]: { employeeNumber: "7" }, meta }],
    ["extension sub-attribute", { attributes: [`${ENT}:manager.value`] }, { schemas: rep.schemas, id: "1", [ENT]: { manager: { value: "m" } }, meta }],
    ["whole extension", { attributes: [ENT] }, { schemas: rep.schemas, id: "1", [ENT]: rep[ENT], meta }],
    ["core URN-prefixed name", { attributes: [`${USER}:userName`] }, { schemas: rep.schemas, id: "1", userName: "bjensen", meta }],
    ["unknown names are ignored", { attributes: ["shoeSize", "__proto__", "constructor"] }, { schemas: rep.schemas, id: "1", meta }],
    ["excluded attribute", { excludedAttributes: ["emails", "name"] }, { schemas: rep.schemas, id: "1", externalId: "ext", userName: "bjensen", [ENT]: rep[ENT], meta }],
    ["excluded sub-attribute", { excludedAttributes: ["emails.type", "emails.primary"] }, { ...rep, emails: [{ value: "b@work.com" }, { value: "b@home.org" }] }],
    ["excluded extension", { excludedAttributes: [ENT] }, { ...rep, [ENT]: undefined }],
    ["always attributes cannot be excluded", { excludedAttributes: ["id", "schemas", "meta"] }, rep],
  ])("%s", (_, options, expected) => {
    const before = JSON.stringify(rep);
    const out = projectResource(rep, users, options);
    expect(out).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(JSON.stringify(rep)).toBe(before);
  });

  it("excludedAttributes=members on a Group (what Entra ID asks for)", () => {
    const groupsIndex = coreIndex().resourceType("Groups")!;
    const g = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], id: "g", displayName: "G", members: [{ value: "u" }], meta };
    expect(projectResource(g, groupsIndex, { excludedAttributes: ["members"] })).toEqual({ schemas: g.schemas, id: "g", displayName: "G", meta });
    expect(projectResource(g, groupsIndex, { attributes: ["members.value"] })).toEqual({ schemas: g.schemas, id: "g", members: [{ value: "u" }], meta });
  });

  it("leaves Object.prototype alone for hostile names", () => {
    projectResource(JSON.parse('{"__proto__":{"x":1},"userName":"a"}'), users, { attributes: ["__proto__"] });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  describe("returned characteristic from the schema", () => {
    const index = new ManifestIndex(
      buildManifest(
        [
          {
            id: "urn:example:Thing",
            name: "Thing",
            attributes: [
              { name: "always1", returned: "always" },
              { name: "never1", returned: "never" },
              { name: "asked", returned: "request" },
              { name: "plain" },
              { name: "c", type: "complex", subAttributes: [{ name: "d" }, { name: "r", returned: "request" }, { name: "al", returned: "always" }] },
            ],
          },
        ],
        [{ name: "Thing", endpoint: "/Things", schema: "urn:example:Thing" }],
      ),
    ).resourceType("Thing")!;
    const thing = { schemas: ["urn:example:Thing"], id: "1", always1: "a", never1: "n", asked: "q", plain: "p", c: { d: "d", r: "r", al: "al" } };
    it.each<[string, { attributes?: string[]; excludedAttributes?: string[] }, Record<string, unknown>]>([
      ["default", {}, { schemas: thing.schemas, id: "1", always1: "a", plain: "p", c: { d: "d", al: "al" } }],
      ["request when asked", { attributes: ["asked", "c.r"] }, { schemas: thing.schemas, id: "1", always1: "a", asked: "q", c: { r: "r", al: "al" } }],
      ["never even when asked", { attributes: ["never1"] }, { schemas: thing.schemas, id: "1", always1: "a" }],
      ["always not excluded", { excludedAttributes: ["always1", "c.al", "plain"] }, { schemas: thing.schemas, id: "1", always1: "a", c: { d: "d", al: "al" } }],
    ])("%s", (_, options, expected) => {
      expect(projectResource(thing, index, options)).toEqual(expected);
    });
  });
});

describe("parseAttributeList", () => {
  it.each<[string | undefined, string[]]>([
    [undefined, []],
    ["", []],
    ["userName", ["userName"]],
    [" userName , name.familyName ,,", ["userName", "name.familyName"]],
    ['emails[type eq "a,b"],userName', ['emails[type eq "a,b"]', "userName"]],
    [`${ENT}:employeeNumber,displayName`, [`${ENT}:employeeNumber`, "displayName"]],
  ])("%s", (text, expected) => {
    expect(parseAttributeList(text)).toEqual(expected);
  });
});
