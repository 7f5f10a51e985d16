import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import { route } from "../../src/runtime/http/router.js";
import { coreIndex } from "../support/core-manifest.js";

// RFC 7644 §3.2: what follows the base path names an endpoint. Segments are split before
// decoding; dot segments, extra segments and ids that decode to a slash are 404s.

const index = coreIndex();
const summary = (path: string): string => {
  try {
    const r = route(path, index);
    const type = "type" in r ? ` ${r.type.resourceType.name}` : "";
    const id = "id" in r && r.id !== undefined ? ` ${JSON.stringify(r.id)}` : "";
    return `${r.kind}${type}${id}`;
  } catch (e) {
    if (!(e instanceof ScimError)) throw e;
    return `${e.status}`;
  }
};

describe("route", () => {
  it.each([
    ["", "root"],
    ["/", "root"],
    ["/.search", "rootSearch"],
    ["/.search/x", "404"],
    ["/ServiceProviderConfig", "serviceProviderConfig"],
    ["/ServiceProviderConfig/", "serviceProviderConfig"],
    ["/ServiceProviderConfig/x", "404"],
    ["/ResourceTypes", "resourceTypes"],
    ["/ResourceTypes/User", 'resourceTypes "User"'],
    ["/Schemas/urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AUser", 'schemas "urn:ietf:params:scim:schemas:core:2.0:User"'],
    ["/Me", "me"],
    ["/Me/x", "404"],
    ["/Bulk", "bulk"],
    ["/Users", "collection User"],
    ["/Users/", "collection User"],
    ["/users", "collection User"],
    ["/User", "collection User"],
    ["/Groups/.search", "search Group"],
    ["/Users/2819c223-7f76-453a-919d-413861904646", 'resource User "2819c223-7f76-453a-919d-413861904646"'],
    ["/Users/a%20b", 'resource User "a b"'],
    ["/Users/a/b", "404"],
    ["/Users//", "404"],
    ["//Users", "404"],
    ["/./Users", "404"],
    ["/Users/..", "404"],
    ["/Users/%2E%2E", "404"],
    ["/Users/a%2Fb", "404"],
    ["/Users/a%5Cb", "404"],
    ["/Users/%E0%A4%A", "400"],
    ["/Unknown", "404"],
    ["/__proto__", "404"],
    ["/constructor/x", "404"],
  ])("%s → %s", (path, expected) => {
    expect(summary(path)).toBe(expected);
  });

  it("refuses a 10 KB id before decoding it", () => {
    expect(summary(`/Users/${"a".repeat(10_000)}`)).toBe("404");
  });
});
