import { describe, expect, it } from "vitest";
import { applyPatch, patchResource } from "../../src/runtime/patch/index.js";
import { sameValue } from "../../src/runtime/resource/values.js";
import { ENT, group, groups, JAMES, patch, scimError, user, users, validateGroup, validateUser } from "./fixtures.js";

type Data = Record<string, unknown>;
const run = (ops: unknown[], base: Data = user()): Data => patchResource(base, patch(...ops), users, validateUser);

describe("add (RFC 7644 §3.5.2.1)", () => {
  it.each<[string, unknown[], (out: Data) => unknown, unknown]>([
    ["simple attribute", [{ op: "add", path: "title", value: "Tour Guide" }], (o) => o.title, "Tour Guide"],
    ["path case-insensitive", [{ op: "add", path: "NAME.GIVENNAME", value: "Babs" }], (o) => o.name, { familyName: "Jensen", givenName: "Babs" }],
    ["complex value merges sub-attributes", [{ op: "add", path: "name", value: { middleName: "J" } }], (o) => o.name, { familyName: "Jensen", givenName: "Barbara", middleName: "J" }],
    ["extension attribute by URN path", [{ op: "add", path: `${ENT}:department`, value: "Tour" }], (o) => (o[ENT] as Data).department, "Tour"],
    ["extension sub-attribute by URN path", [{ op: "add", path: `${ENT}:manager.value`, value: "m2" }], (o) => (o[ENT] as Data).manager, { value: "m2", displayName: "John Smith" }],
    ["whole extension object", [{ op: "add", path: ENT, value: { costCenter: "4130" } }], (o) => (o[ENT] as Data).costCenter, "4130"],
    ["no-path URN key", [{ op: "add", value: { [ENT]: { division: "Theme Park" } } }], (o) => (o[ENT] as Data).division, "Theme Park"],
    ["appends, no duplicate", [{ op: "add", path: "emails", value: [{ value: "babs@jensen.org", type: "home" }, { value: "n@x.org", type: "other" }] }], (o) => (o.emails as unknown[]).length, 3],
    ["single value for a multi-valued attribute", [{ op: "add", path: "emails", value: { value: "n@x.org" } }], (o) => (o.emails as unknown[]).length, 3],
    ["filter + sub-attribute", [{ op: "add", path: 'emails[type eq "home"].display', value: "Home" }], (o) => (o.emails as Data[])[1]!.display, "Home"],
    ["primary true resets others", [{ op: "add", path: "emails", value: [{ value: "n@x.org", primary: true }] }], (o) => (o.emails as Data[]).map((e) => e.primary), [false, undefined, true]],
    ["extension created when absent", [{ op: "add", path: `${ENT}:costCenter`, value: "1" }], (o) => o.schemas, ["urn:ietf:params:scim:schemas:core:2.0:User", ENT]],
  ])("%s", (_, ops, pick, expected) => {
    const base = user();
    if (_ === "extension created when absent") delete base[ENT];
    expect(pick(run(ops, base))).toEqual(expected);
  });
});

describe("replace (RFC 7644 §3.5.2.3)", () => {
  it.each<[string, unknown[], (out: Data) => unknown, unknown]>([
    ["simple attribute", [{ op: "replace", path: "displayName", value: "Babs" }], (o) => o.displayName, "Babs"],
    ["multi-valued attribute replaced whole", [{ op: "replace", path: "emails", value: [{ value: "only@x.org" }] }], (o) => o.emails, [{ value: "only@x.org" }]],
    ["complex: unnamed sub-attributes unchanged", [{ op: "replace", path: "name", value: { givenName: "B" } }], (o) => o.name, { familyName: "Jensen", givenName: "B" }],
    ["filter: all matches replaced", [{ op: "replace", path: 'emails[type eq "home"]', value: { value: "h@x.org", type: "home" } }], (o) => (o.emails as Data[])[1], { value: "h@x.org", type: "home" }],
    ["filter + primary resets others", [{ op: "replace", path: 'emails[type eq "home"].primary', value: true }], (o) => (o.emails as Data[]).map((e) => e.primary), [false, true]],
    ["missing target treated as add", [{ op: "replace", path: "title", value: "T" }], (o) => o.title, "T"],
    ["boolean", [{ op: "replace", path: "active", value: false }], (o) => o.active, false],
    ["sub-attribute name canonicalised in value", [{ op: "replace", path: "name", value: { GivenName: "G" } }], (o) => (o.name as Data).givenName, "G"],
  ])("%s", (_, ops, pick, expected) => {
    expect(pick(run(ops))).toEqual(expected);
  });
});

describe("remove (RFC 7644 §3.5.2.2)", () => {
  it.each<[string, unknown[], (out: Data) => unknown, unknown]>([
    ["single-valued", [{ op: "remove", path: "nickName" }], (o) => "nickName" in o, false],
    ["sub-attribute", [{ op: "remove", path: "name.givenName" }], (o) => o.name, { familyName: "Jensen" }],
    ["matches only", [{ op: "remove", path: 'emails[type eq "home"]' }], (o) => o.emails, [{ value: "bjensen@example.com", type: "work", primary: true }]],
    ["sub-attribute of matches", [{ op: "remove", path: 'emails[type eq "work"].primary' }], (o) => (o.emails as Data[])[0], { value: "bjensen@example.com", type: "work" }],
    ["last value leaves attribute unassigned", [{ op: "remove", path: 'addresses[type eq "work"]' }], (o) => "addresses" in o, false],
    ["absent attribute is a no-op", [{ op: "remove", path: "title" }], (o) => o.userName, "bjensen"],
    ["extension attribute", [{ op: "remove", path: `${ENT}:employeeNumber` }], (o) => o[ENT], { manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d", displayName: "John Smith" } }],
    ["whole extension drops its URN from schemas", [{ op: "remove", path: ENT }], (o) => o.schemas, ["urn:ietf:params:scim:schemas:core:2.0:User"]],
  ])("%s", (_, ops, pick, expected) => {
    expect(pick(run(ops))).toEqual(expected);
  });
});

describe("errors", () => {
  it.each<[string, unknown[], number, string | undefined, string]>([
    ["remove without path", [{ op: "remove" }], 400, "noTarget", "path"],
    ["unknown attribute path", [{ op: "add", path: "shoeSize", value: 1 }], 400, "invalidPath", "shoeSize"],
    ["unknown sub-attribute", [{ op: "add", path: "name.nick", value: 1 }], 400, "invalidPath", "name.nick"],
    ["filter on a single-valued attribute", [{ op: "add", path: 'name[givenName eq "x"]', value: {} }], 400, "invalidPath", "multi-valued"],
    ["malformed path", [{ op: "add", path: "emails[type eq", value: 1 }], 400, "invalidFilter", "emails"],
    ["replace through a filter matching nothing", [{ op: "replace", path: 'emails[type eq "other"].value', value: "x" }], 400, "noTarget", 'emails[type eq "other"].value'],
    ["remove through a filter matching nothing", [{ op: "remove", path: 'emails[type eq "other"]' }], 400, "noTarget", "other"],
    ["readOnly id", [{ op: "replace", path: "id", value: "x" }], 400, "mutability", "id"],
    ["readOnly groups", [{ op: "add", path: "groups", value: [{ value: "g" }] }], 400, "mutability", "groups"],
    ["readOnly sub-attribute", [{ op: "replace", path: `${ENT}:manager.displayName`, value: "x" }], 400, "mutability", "manager.displayName"],
    ["readOnly in a no-path value", [{ op: "replace", value: { id: "x" } }], 400, "mutability", "id"],
    ["required userName removed", [{ op: "remove", path: "userName" }], 400, "mutability", "userName"],
    ["unknown op", [{ op: "move", path: "title", value: "x" }], 400, "invalidSyntax", "move"],
    ["op in the wrong case (strict)", [{ op: "Add", path: "title", value: "x" }], 400, "invalidSyntax", "Add"],
    ["add without value", [{ op: "add", path: "title" }], 400, "invalidValue", "value"],
    ["replace with null (strict)", [{ op: "replace", path: "title", value: null }], 400, "invalidValue", "remove"],
    ["remove with a value (strict)", [{ op: "remove", path: "emails", value: [{ value: "x" }] }], 400, "invalidValue", "filter"],
    ["wrong type is caught by revalidation", [{ op: "replace", path: "active", value: "yes" }], 400, "invalidValue", "active"],
    ["two primaries after the patch", [{ op: "replace", path: "emails", value: [{ value: "a", primary: true }, { value: "b", primary: true }] }], 400, "invalidValue", "primary"],
    ["path key in a no-path value (strict)", [{ op: "replace", value: { "name.givenName": "x" } }], 400, "invalidValue", "name.givenName"],
    ["unknown attribute in a no-path value", [{ op: "add", value: { shoeSize: 9 } }], 400, "invalidValue", "shoeSize"],
    ["no-path value not an object", [{ op: "add", value: [1] }], 400, "invalidValue", "value"],
    ["sub-attribute of a multi-valued without filter", [{ op: "replace", path: "emails.value", value: "x" }], 400, "invalidPath", "filter"],
  ])("%s", (_, ops, status, scimType, mention) => {
    const base = user();
    const before = JSON.stringify(base);
    const e = scimError(() => run(ops, base));
    expect(e.status).toBe(status);
    expect(e.scimType).toBe(scimType);
    expect(e.detail).toContain(mention);
    expect(JSON.stringify(base)).toBe(before);
  });

  it("names the failing operation", () => {
    const e = scimError(() => applyPatch(user(), patch({ op: "add", path: "title", value: "x" }, { op: "add", path: "bogus", value: 1 }), users));
    expect(e.detail).toMatch(/^Operations\[1\] \(add bogus\): Invalid path/);
  });

  it("is atomic: an error in a later operation leaves the stored resource unchanged", () => {
    const base = user();
    const before = structuredClone(base);
    scimError(() => applyPatch(base, patch({ op: "replace", path: "userName", value: "changed" }, { op: "remove", path: "emails" }, { op: "remove" }), users));
    expect(base).toEqual(before);
  });
});

describe("required attributes (RFC 7643 §2.2, §2.5, §4.2): removing is mutability, \"\" is invalidValue", () => {
  it.each<[string, "User" | "Group", unknown[], string, string]>([
    ["remove userName", "User", [{ op: "remove", path: "userName" }], "mutability", "'userName' is required and cannot be removed"],
    ["remove Group displayName", "Group", [{ op: "remove", path: "displayName" }], "mutability", "'displayName' is required and cannot be removed"],
    ["replace userName with \"\"", "User", [{ op: "replace", path: "userName", value: "" }], "invalidValue", "'userName' is required"],
    ["replace displayName with \"\"", "Group", [{ op: "replace", path: "displayName", value: "" }], "invalidValue", "'displayName' is required"],
    ["no-path replace with \"\"", "Group", [{ op: "replace", value: { displayName: "" } }], "invalidValue", "'displayName' is required"],
  ])("%s", (_, type, ops, scimType, detail) => {
    const base = type === "User" ? user() : group();
    const before = structuredClone(base);
    const e = scimError(() => (type === "User" ? run(ops, base) : patchResource(base, patch(...ops), groups, validateGroup)));
    expect([e.status, e.scimType]).toEqual([400, scimType]);
    expect(e.detail).toContain(detail);
    expect(base).toEqual(before);
  });
});

describe("immutable (RFC 7644 §3.5.2: add allowed only while unassigned)", () => {
  it.each<[string, unknown[], string | undefined]>([
    ["adding members is allowed", [{ op: "add", path: "members", value: [{ value: "new" }] }], undefined],
    ["removing members is allowed", [{ op: "remove", path: `members[value eq "${JAMES.value}"]` }], undefined],
    ["changing a member's value is not", [{ op: "replace", path: `members[value eq "${JAMES.value}"].value`, value: "other" }], "mutability"],
    ["setting an unset immutable sub-attribute is allowed", [{ op: "add", path: 'members[value eq "bare"].display', value: "Bare" }], undefined],
    ["removing a set immutable sub-attribute is not", [{ op: "remove", path: `members[value eq "${JAMES.value}"].display` }], "mutability"],
  ])("%s", (_, ops, scimType) => {
    const base = group([JAMES, { value: "bare" }]);
    const go = (): unknown => patchResource(base, patch(...ops), groups, validateGroup);
    if (scimType) expect(scimError(go).scimType).toBe(scimType);
    else expect(go()).toBeTruthy();
  });
});

describe("result", () => {
  it("keeps canonical attribute names and the stored id", () => {
    const out = run([{ op: "add", value: { DisplayName: "B", EMAILS: [{ VALUE: "c@x.org" }] } }]);
    expect(out.displayName).toBe("B");
    expect((out.emails as Data[])[2]).toEqual({ value: "c@x.org" });
    expect(out.id).toBe("2819c223-7f76-453a-919d-413861904646");
  });
});

describe("add does not duplicate (RFC 7644 §3.5.2.1)", () => {
  it.each<[string, unknown[], unknown[], number]>([
    ["same member again", [JAMES], [{ value: JAMES.value }], 1],
    ["same member with a type", [JAMES], [{ value: JAMES.value, type: "User" }], 1],
    ["same value, different types", [{ value: "a", type: "User" }], [{ value: "a", type: "Group" }], 2],
    ["two new members, one repeated in the request", [JAMES], [{ value: "n" }, { value: "n" }], 2],
  ])("%s", (_, members, value, count) => {
    const out = patchResource(group(members), patch({ op: "add", path: "members", value }), groups, validateGroup);
    expect((out.members as unknown[]).length).toBe(count);
  });
});

describe("a PATCH that changes nothing (RFC 7644 §3.5.2.1: no change to the modify timestamp)", () => {
  it.each<[string, unknown[]]>([
    ["add of values already present", [{ op: "add", path: "emails", value: [{ value: "babs@jensen.org", type: "home" }] }]],
    ["replace with the same value", [{ op: "replace", path: "nickName", value: "Babs" }]],
    ["remove of an absent attribute", [{ op: "remove", path: "title" }]],
  ])("%s: the result equals the stored data, so the kernel can skip the write", (_, ops) => {
    const stored = validateUser(user(), { mode: "replace", existing: user() });
    expect(sameValue(patchResource(stored, patch(...ops), users, validateUser), stored)).toBe(true);
  });

  it("a real change is not equal", () => {
    const stored = validateUser(user(), { mode: "replace", existing: user() });
    expect(sameValue(patchResource(stored, patch({ op: "replace", path: "nickName", value: "B" }), users, validateUser), stored)).toBe(false);
  });
});
