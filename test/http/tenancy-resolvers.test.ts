import { describe, expect, it } from "vitest";
import { anyTenancy, bearerTokens, credentialTenant, headerTenant, hostTenant, pathTenant, singleTenant, tenancyFrom, type TenancyStrategy } from "../../src/runtime/tenancy/index.js";

// Tenant resolution strategies and the bearer authenticator, as pure functions.

describe("tenant resolvers", () => {
  const cases: [string, ReturnType<typeof singleTenant>, string, Record<string, string>, ReturnType<ReturnType<typeof singleTenant>>][] = [
    ["single: base", singleTenant(), "/scim/v2", {}, { tenant: "default", basePath: "/scim/v2", rest: "" }],
    ["single: below base", singleTenant(), "/scim/v2/Users/1", {}, { tenant: "default", basePath: "/scim/v2", rest: "/Users/1" }],
    ["single: prefix lookalike", singleTenant(), "/scim/v2x/Users", {}, undefined],
    ["single: root base", singleTenant({ basePath: "/" }), "/Users", {}, { tenant: "default", basePath: "", rest: "/Users" }],
    ["path", pathTenant(), "/tenants/acme/scim/v2/Users", {}, { tenant: "acme", basePath: "/tenants/acme/scim/v2", rest: "/Users" }],
    ["path: dot-dot tenant", pathTenant(), "/tenants/../scim/v2/Users", {}, undefined],
    ["path: encoded tenant", pathTenant(), "/tenants/%2e%2e/scim/v2/Users", {}, undefined],
    ["path: missing suffix", pathTenant(), "/tenants/acme/Users", {}, undefined],
    ["host", hostTenant({ domain: "scim.example.com" }), "/scim/v2/Users", { host: "acme.scim.example.com:443" }, { tenant: "acme", basePath: "/scim/v2", rest: "/Users" }],
    ["host: other domain", hostTenant({ domain: "scim.example.com" }), "/scim/v2/Users", { host: "acme.evil.com" }, undefined],
    ["host: nested label", hostTenant({ domain: "scim.example.com" }), "/scim/v2", { host: "a.b.scim.example.com" }, { tenant: "a.b", basePath: "/scim/v2", rest: "" }],
    ["header", headerTenant(), "/scim/v2/Groups", { "x-tenant-id": "globex" }, { tenant: "globex", basePath: "/scim/v2", rest: "/Groups" }],
    ["header: missing", headerTenant(), "/scim/v2/Groups", {}, undefined],
    ["header: hostile", headerTenant(), "/scim/v2/Groups", { "x-tenant-id": "a/b" }, undefined],
    ["credential", credentialTenant(), "/scim/v2/Users", {}, { tenant: undefined, basePath: "/scim/v2", rest: "/Users" }],
    ["any: first match wins", anyTenancy(singleTenant(), pathTenant()), "/tenants/acme/scim/v2", {}, { tenant: "acme", basePath: "/tenants/acme/scim/v2", rest: "" }],
  ];
  it.each(cases)("%s", (_name, resolver, path, headers, expected) => {
    expect(resolver({ path, headers })).toEqual(expected);
  });
});

describe("tenancyFrom: string strategies", () => {
  it.each([
    [undefined, undefined, "/scim/v2/Users", { tenant: "default", basePath: "/scim/v2", rest: "/Users" }],
    ["single", "/api/scim", "/api/scim/Users", { tenant: "default", basePath: "/api/scim", rest: "/Users" }],
    ["path", undefined, "/tenants/acme/scim/v2/Users", { tenant: "acme", basePath: "/tenants/acme/scim/v2", rest: "/Users" }],
    ["path", "/api/scim/", "/tenants/acme/api/scim", { tenant: "acme", basePath: "/tenants/acme/api/scim", rest: "" }],
    ["credential", undefined, "/scim/v2/Groups", { tenant: undefined, basePath: "/scim/v2", rest: "/Groups" }],
  ] as const)("%s at %s: %s", (strategy, basePath, path, expected) => {
    expect(tenancyFrom(strategy, basePath)({ path, headers: {} })).toEqual(expected);
  });

  it("header strategy reads x-tenant-id", () => {
    expect(tenancyFrom("header")({ path: "/scim/v2", headers: { "x-tenant-id": "acme" } })).toEqual({ tenant: "acme", basePath: "/scim/v2", rest: "" });
  });

  it("refuses an unknown strategy", () => {
    expect(() => tenancyFrom("host" as TenancyStrategy)).toThrow(/unknown strategy "host"/);
  });
});

describe("bearerTokens", () => {
  const auth = bearerTokens({ acme: "token-acme-123", globex: ["token-globex-1", "token-globex-2"] });
  it.each([
    ["Bearer token-acme-123", { id: "acme", tenants: ["acme"] }],
    ["bearer token-globex-2", { id: "globex", tenants: ["globex"] }],
    ["Bearer token-acme-12", undefined],
    ["Bearer token-acme-1234", undefined],
    ["Basic dG9rZW4=", undefined],
    ["Bearer", undefined],
    [`Bearer ${"a".repeat(5000)}`, undefined],
  ])("%s", (authorization, expected) => {
    expect(auth.authenticate({ authorization })).toEqual(expected);
  });

  it("a token once accepted keeps its principal; near misses and new tokens are still refused", () => {
    const tokens = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`t${i}`, `token-${i}-secret`]));
    const many = bearerTokens(tokens);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 100; i++) {
        expect(many.authenticate({ authorization: `Bearer token-${i}-secret` })).toEqual({ id: `t${i}`, tenants: [`t${i}`] });
        expect(many.authenticate({ authorization: `Bearer token-${i}-secre` })).toBeUndefined();
        expect(many.authenticate({ authorization: `Bearer token-${i}-secretX` })).toBeUndefined();
      }
    }
  });

  it("entries may admit a principal to every tenant", () => {
    const admin = bearerTokens([{ token: "root-token-xyz", id: "ops", tenants: "*" }]);
    expect(admin.authenticate({ authorization: "Bearer root-token-xyz" })).toEqual({ id: "ops", tenants: "*" });
  });

  it.each(["", "two words"])("refuses the token %j at configuration time", (token) => {
    expect(() => bearerTokens({ acme: token })).toThrow(/non-empty and contain no whitespace/);
  });

  it("advertises oauthbearertoken and a Bearer challenge", () => {
    expect(auth.challenge).toBe('Bearer realm="SCIM"');
    expect(auth.schemes[0]).toMatchObject({ type: "oauthbearertoken" });
  });
});
