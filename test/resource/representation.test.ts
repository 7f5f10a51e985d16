import { describe, expect, it } from "vitest";
import { toRepresentation } from "../../src/runtime/resource/representation.js";
import type { StoredResource } from "../../src/runtime/stores/contract.js";
import { coreIndex } from "../support/core-manifest.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const users = coreIndex().resourceType("User")!;

const stored: StoredResource = {
  id: "2819c223-7f76-453a-919d-413861904646",
  resourceType: "User",
  version: 7,
  created: "2011-08-01T18:29:49.793Z",
  lastModified: "2011-08-01T18:29:49.793Z",
  data: { schemas: [USER, ENT], id: "2819c223-7f76-453a-919d-413861904646", userName: "bjensen", password: "t1meMa$heen", [ENT]: { employeeNumber: "701984" } },
};

describe("toRepresentation (RFC 7643 §3.1)", () => {
  it("adds meta and drops writeOnly/never values", () => {
    const before = JSON.stringify(stored);
    const rep = toRepresentation(stored, users, "https://example.com/v2");
    expect(rep).toEqual({
      schemas: [USER, ENT],
      id: stored.id,
      userName: "bjensen",
      [ENT]: { employeeNumber: "701984" },
      meta: {
        resourceType: "User",
        created: "2011-08-01T18:29:49.793Z",
        lastModified: "2011-08-01T18:29:49.793Z",
        location: "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646",
        version: 'W/"7"',
      },
    });
    expect(Object.keys(rep)[0]).toBe("schemas");
    expect(Object.keys(rep).at(-1)).toBe("meta");
    expect(JSON.stringify(stored)).toBe(before);
  });

  it.each([
    ["https://example.com/v2", "https://example.com/v2/Users/a%2Fb"],
    ["https://example.com/v2/", "https://example.com/v2/Users/a%2Fb"],
    ["https://example.com/tenants/acme/scim/v2", "https://example.com/tenants/acme/scim/v2/Users/a%2Fb"],
  ])("location from base %s is absolute and escapes the id", (base, location) => {
    const rep = toRepresentation({ ...stored, id: "a/b" }, users, base);
    expect((rep.meta as { location: string }).location).toBe(location);
  });

  it("keeps a __proto__ key as data, never as a prototype", () => {
    const data = JSON.parse(`{"schemas":["${USER}"],"userName":"x","__proto__":{"polluted":true}}`);
    const rep = toRepresentation({ ...stored, data }, users, "https://e.com");
    expect(Object.getPrototypeOf(rep)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
