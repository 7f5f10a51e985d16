import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The schemas shipped in schemas/ are RFC 7643 §8.7 with the errata listed in
// ../shared/schemas-rfc7643/README.md corrected. One test per correction.

type Attr = { name: string; subAttributes?: Attr[] } & Record<string, unknown>;
const read = (f: string): { id: string; attributes: Attr[] } =>
  JSON.parse(readFileSync(new URL(`../../schemas/${f}`, import.meta.url), "utf8"));
const attr = (attrs: Attr[] | undefined, name: string): Attr => {
  const hit = attrs?.find((a) => a.name === name);
  if (!hit) throw new Error(`no attribute ${name}`);
  return hit;
};

describe("RFC 7643 errata corrected in schemas/", () => {
  it("ServiceProviderConfig has etag.supported (RFC 7643 §5, §8.5 example)", () => {
    const etag = attr(read("ServiceProviderConfig.json").attributes, "etag");
    expect(etag).toMatchObject({ type: "complex", multiValued: false, required: true, mutability: "readOnly" });
    expect(attr(etag.subAttributes, "supported")).toMatchObject({ type: "boolean", required: true });
  });

  it("ResourceType.schemaExtensions is an optional multi-valued list (RFC 7643 §6)", () => {
    const ext = attr(read("ResourceType.json").attributes, "schemaExtensions");
    expect(ext).toMatchObject({ type: "complex", multiValued: true, required: false });
    expect(attr(ext.subAttributes, "schema")).toMatchObject({ required: true });
    expect(attr(ext.subAttributes, "required")).toMatchObject({ type: "boolean" });
  });

  it("Group.members has display (RFC 7643 §8.4 example, Okta)", () => {
    const members = attr(read("Group.json").attributes, "members");
    expect(attr(members.subAttributes, "display")).toMatchObject({ type: "string", multiValued: false });
    expect(members.subAttributes?.map((s) => s.name)).toEqual(["value", "$ref", "type", "display"]);
  });

  it("User.addresses has primary (RFC 7643 §8.2 example, Entra)", () => {
    const addresses = attr(read("User.json").attributes, "addresses");
    expect(attr(addresses.subAttributes, "primary")).toMatchObject({ type: "boolean", multiValued: false });
  });

  it("Schema.attributes.type and subAttributes.type list binary (RFC 7643 §2.3.6)", () => {
    const attributes = attr(read("Schema.json").attributes, "attributes");
    expect(attr(attributes.subAttributes, "type").canonicalValues).toContain("binary");
    const sub = attr(attributes.subAttributes, "subAttributes");
    expect(attr(sub.subAttributes, "type").canonicalValues).toContain("binary");
  });

  it("Schema.attributes.subAttributes.referenceTypes is multi-valued like its parent's (RFC 7643 §7)", () => {
    const sub = attr(attr(read("Schema.json").attributes, "attributes").subAttributes, "subAttributes");
    expect(attr(sub.subAttributes, "referenceTypes").multiValued).toBe(true);
  });

  const files = ["User.json", "Group.json", "Enterprise-User.json", "ServiceProviderConfig.json", "ResourceType.json", "Schema.json"];
  const characteristics = ["type", "multiValued", "required", "caseExact", "mutability", "returned", "uniqueness"];
  it.each(files)("%s states every characteristic explicitly (RFC 7643 §2.2)", (file) => {
    const missing: string[] = [];
    const walk = (attrs: Attr[], prefix: string): void => {
      for (const a of attrs) {
        for (const c of characteristics) if (!(c in a)) missing.push(`${prefix}${a.name}.${c}`);
        if (a.subAttributes) walk(a.subAttributes, `${prefix}${a.name}.`);
      }
    };
    walk(read(file).attributes, "");
    expect(missing).toEqual([]);
  });
});
