import { describe, expect, it } from "vitest";
import { coreIndex } from "../support/core-manifest.js";

const users = coreIndex().resourceType("Users")!;
const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("ResourceTypeIndex.resolve", () => {
  it.each([
    ["userName", "userName", false],
    ["USERNAME", "userName", false],
    ["name.familyName", "name.familyName", false],
    ["Name.FamilyName", "name.familyName", false],
    ["emails.value", "emails.value", false],
    ["id", "id", false],
    ["meta.lastModified", "meta.lastModified", false],
    ["externalId", "externalId", false],
    ["urn:ietf:params:scim:schemas:core:2.0:User:userName", "userName", false],
    [`${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:employeeNumber`, true],
    [`${ENTERPRISE.toUpperCase()}:manager.value`, `${ENTERPRISE}:manager.value`, true],
  ])("%s -> %s", (input, path, extension) => {
    const r = users.resolve(input);
    expect(r?.path).toBe(path);
    expect(r?.extension).toBe(extension);
  });

  it.each(["nope", "name.nope", "name.familyName.x", "emails..value", "urn:x:y:userName", "__proto__", "constructor", ""])(
    "rejects %s",
    (input) => expect(users.resolve(input)).toBeUndefined(),
  );
});
