import { describe, expect, it } from "vitest";
import { buildResourceType, buildSchema } from "../../src/ir/build.js";
import { ScimError } from "../../src/runtime/errors.js";
import { parseListQuery } from "../../src/runtime/http/query.js";
import { checkedFilter } from "../../src/runtime/http/semantics.js";
import type { Manifest } from "../../src/runtime/manifest/model.js";
import { ManifestIndex } from "../../src/runtime/manifest/resolve.js";
import { coreManifest } from "../support/core-manifest.js";

// RFC 7643 §7 and §4.1.1: a value that is never returned (returned "never" or mutability
// "writeOnly") may be tested by a list filter with eq, ne and pr only, and never sorted
// on; meta.version and meta.location (derived on return, RFC 7643 §3.1) are refused in
// any filter or sortBy. Proven through the kernel's own entry points (checkedFilter,
// parseListQuery) on the core User, an extension and a custom resource type.

const EXT = "urn:example:params:scim:schemas:extension:secret:2.0:User";
const DEVICE = "urn:example:params:scim:schemas:core:2.0:Device";
const attr = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: "string", ...extra });

function index(): ManifestIndex {
  const core = coreManifest();
  const ext = buildSchema({
    id: EXT,
    name: "SecretUser",
    attributes: [
      attr("pin", { returned: "never" }),
      attr("recoveryCode", { mutability: "writeOnly" }), // writeOnly alone is enough
      attr("nickname"),
      attr("tokens", { type: "complex", multiValued: true, subAttributes: [attr("value"), attr("kind"), attr("secret", { returned: "never" })] }),
      attr("vault", { type: "complex", multiValued: true, subAttributes: [attr("value", { returned: "never" }), attr("label")] }),
    ],
  });
  const device = buildSchema({ id: DEVICE, name: "Device", attributes: [attr("serial"), attr("pairingCode", { returned: "never", mutability: "writeOnly" })] });
  const manifest: Manifest = {
    schemas: [...core.schemas, ext, device],
    resourceTypes: [
      ...core.resourceTypes.map((rt) => (rt.name === "User" ? { ...rt, schemaExtensions: [...rt.schemaExtensions, { schema: EXT, required: false }] } : rt)),
      buildResourceType({ name: "Device", endpoint: "/Devices", schema: DEVICE }),
    ],
  };
  return new ManifestIndex(manifest);
}

const idx = index();
const users = idx.resourceType("User")!;
const devices = idx.resourceType("Device")!;

function refusal(run: () => unknown): ScimError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  throw new Error("expected a 400, but the query was accepted");
}

// [resource type, filter term with OP for the operator, canonical path the error names]
const SECRETS: [string, string, string][] = [
  ["User", 'password OP "m"', "password"],
  ["User", `${EXT}:pin OP "1"`, `${EXT}:pin`],
  ["User", `${EXT}:recoveryCode OP "1"`, `${EXT}:recoveryCode`],
  ["User", `${EXT}:tokens.secret OP "a"`, `${EXT}:tokens.secret`],
  ["User", `${EXT}:tokens[secret OP "a"]`, `${EXT}:tokens.secret`],
  ["User", `${EXT}:tokens[kind eq "x" and not (secret OP "a")]`, `${EXT}:tokens.secret`],
  ["User", `${EXT}:vault OP "a"`, `${EXT}:vault`], // implicitly vault.value, never returned
  ["User", `${EXT}:vault.value OP "a"`, `${EXT}:vault.value`],
  ["Device", 'pairingCode OP "1"', "pairingCode"],
];
const typeOf = (name: string) => (name === "User" ? users : devices);
const DISCLOSING = ["co", "sw", "ew", "gt", "ge", "lt", "le"];

describe("a filter may only test a never-returned or write-only value with eq, ne or pr", () => {
  const refused = SECRETS.flatMap(([rt, term, path]) => DISCLOSING.map((op) => [rt, term.replace("OP", op), path, op] as const));
  it.each(refused)("%s: %s is 400 invalidFilter naming %s", (rt, filter, path, op) => {
    const e = refusal(() => checkedFilter(filter, typeOf(rt)));
    expect([e.status, e.scimType]).toEqual([400, "invalidFilter"]);
    expect(e.detail).toContain(`"${path}"`);
    expect(e.detail).toContain(`not "${op}"`);
    expect(e.detail).toMatch(/Invalid filter at position \d+: attribute .* (is never returned|is write-only).*eq, ne or pr/);
  });

  const allowed = SECRETS.flatMap(([rt, term]) => ["eq", "ne"].map((op) => [rt, term.replace("OP", op)] as const));
  it.each(allowed)("%s: %s is accepted", (rt, filter) => {
    expect(() => checkedFilter(filter, typeOf(rt))).not.toThrow();
  });

  it.each([
    ["User", "password pr"],
    ["User", `${EXT}:tokens[secret pr]`],
    ["User", `not (${EXT}:pin pr)`],
    ["User", `${EXT}:nickname sw "a" and ${EXT}:tokens[kind sw "a"]`], // returned siblings keep every operator
    ["User", 'userName sw "p" and password eq "zebra"'],
    ["Device", 'serial gt "a" or pairingCode ne "1"'],
    ["User", 'meta.created gt "2020-01-01T00:00:00Z" and meta.resourceType eq "User"'],
  ])("%s: %s is accepted", (rt, filter) => {
    expect(() => checkedFilter(filter, typeOf(rt))).not.toThrow();
  });

  it("names the position of the refused term, inside and/or/not", () => {
    const e = refusal(() => checkedFilter('userName sw "p" and not (password sw "ze")', users));
    expect(e.detail).toBe(
      'Invalid filter at position 26: attribute "password" is never returned (returned "never"): a filter may only test it with eq, ne or pr, not "sw", which would disclose its value (RFC 7643 §7)',
    );
  });
});

describe("meta.version and meta.location are refused in every filter", () => {
  it.each(['meta.version pr', 'meta.version eq "W/\\"1\\""', 'meta.VERSION ne "x"', 'meta.location pr', 'meta.location eq "https://x/Users/1"', 'userName pr or meta.location sw "h"', 'meta[version eq "x"]'])(
    "%s is 400 invalidFilter",
    (filter) => {
      const e = refusal(() => checkedFilter(filter, users));
      expect([e.status, e.scimType]).toEqual([400, "invalidFilter"]);
      expect(e.detail).toMatch(/"meta\.(version|location)" cannot be used in a filter: it is derived when a resource is returned/);
    },
  );
});

describe("sortBy on a never-returned, write-only or derived value is 400 invalidValue", () => {
  const sort = (sortBy: string, types = [users]) => parseListQuery(new Map([["sortby", sortBy]]), types, { maxResults: 100, defaultPageSize: 100 });
  it.each([
    ["password", "password", "is never returned"],
    [`${EXT}:pin`, `${EXT}:pin`, "is never returned"],
    [`${EXT}:recoveryCode`, `${EXT}:recoveryCode`, "is write-only"],
    [`${EXT}:tokens.secret`, `${EXT}:tokens.secret`, "is never returned"],
    [`${EXT}:vault`, `${EXT}:vault`, "is never returned"],
    ["meta.version", "meta.version", "derived when a resource is returned"],
    ["meta.location", "meta.location", "derived when a resource is returned"],
  ])("sortBy=%s", (sortBy, path, why) => {
    const e = refusal(() => sort(sortBy));
    expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
    expect(e.detail).toContain(`sortBy: `);
    expect(e.detail).toContain(`"${path}"`);
    expect(e.detail).toContain(why);
  });

  it("refuses at the root when any resource type holds the value, whichever comes first", () => {
    expect(refusal(() => sort("pairingCode", [users, devices])).scimType).toBe("invalidValue");
    expect(refusal(() => sort("password", [devices, users])).scimType).toBe("invalidValue");
  });

  it.each(["userName", `${EXT}:tokens.kind`, `${EXT}:vault.label`, "meta.lastModified", "emails"])("sortBy=%s is accepted", (sortBy) => {
    expect(sort(sortBy).list.sortBy).toBeDefined();
  });
});
