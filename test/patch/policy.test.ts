import { describe, expect, it } from "vitest";
import { applyPatch, patchResource, resolvePatchPolicy, STRICT_PATCH_POLICY, type PatchPolicy } from "../../src/runtime/patch/index.js";
import { ENT, group, groups, JAMES, BABS, patch, scimError, user, users, validateGroup, validateUser } from "./fixtures.js";

type Data = Record<string, unknown>;

// Each tolerance flag: strict by default (error), tolerant when switched on.
describe("PatchPolicy tolerances", () => {
  it.each<[string, keyof PatchPolicy, "User" | "Group", unknown[], string, (o: Data) => unknown, unknown]>([
    ["op case-insensitive", "opCaseInsensitive", "User", [{ op: "Replace", path: "title", value: "T" }], "invalidSyntax", (o) => o.title, "T"],
    ["member removal by value", "removeByValue", "Group", [{ op: "remove", path: "members", value: [{ value: JAMES.value }] }], "invalidValue", (o) => o.members, [BABS]],
    ["create on no match", "createOnNoMatch", "User", [{ op: "replace", path: 'phoneNumbers[type eq "work"].value', value: "555" }], "noTarget", (o) => o.phoneNumbers, [{ type: "work", value: "555" }]],
    ["remove no match is a no-op", "removeNoMatchIsNoop", "User", [{ op: "remove", path: 'emails[type eq "other"]' }], "noTarget", (o) => (o.emails as unknown[]).length, 2],
    ["path keys in no-path values", "pathKeysInValue", "User", [{ op: "replace", value: { "name.givenName": "G", [`${ENT}:department`]: "D" } }], "invalidValue", (o) => [(o.name as Data).givenName, (o[ENT] as Data).department], ["G", "D"]],
    ["read-only id in no-path values", "ignoreReadOnlyInValue", "User", [{ op: "replace", value: { id: "other", title: "T" } }], "mutability", (o) => [o.id, o.title], ["2819c223-7f76-453a-919d-413861904646", "T"]],
    ["unknown attributes dropped", "ignoreUnknownAttributes", "User", [{ op: "add", value: { shoeSize: 9, title: "T" } }], "invalidValue", (o) => [o.shoeSize, o.title], [undefined, "T"]],
    ["member as plain string", "valueAsString", "Group", [{ op: "add", path: "members", value: ["new-id"] }], "invalidValue", (o) => (o.members as Data[])[2], { value: "new-id" }],
    ["empty string removes", "emptyAsRemoval", "User", [{ op: "replace", path: "nickName", value: "" }], "", (o) => "nickName" in o, false],
    ["null removes", "emptyAsRemoval", "User", [{ op: "replace", path: "nickName", value: null }], "invalidValue", (o) => "nickName" in o, false],
    ["boolean strings", "booleanStrings", "User", [{ op: "replace", path: "active", value: "False" }], "invalidValue", (o) => o.active, false],
    ["boolean strings in a no-path value", "booleanStrings", "User", [{ op: "replace", value: { active: "false" } }], "invalidValue", (o) => o.active, false],
    ["one-element array for a single value", "singleValueArrays", "User", [{ op: "add", path: `${ENT}:manager`, value: [{ value: "boss" }] }], "invalidValue", (o) => (o[ENT] as Data).manager, { value: "boss", displayName: "John Smith" }],
    ["unqualified extension path", "unqualifiedExtensionPaths", "User", [{ op: "replace", path: "department", value: "Retail" }], "invalidPath", (o) => (o[ENT] as Data).department, "Retail"],
    ["manager cleared with an empty value", "emptyAsRemoval", "User", [{ op: "replace", path: `${ENT}:manager`, value: { value: "" } }], "", (o) => (o[ENT] as Data).manager, { displayName: "John Smith" }],
  ])("%s", (_, flag, type, ops, strictType, pick, expected) => {
    const base = type === "User" ? user() : group([BABS, JAMES]);
    const index = type === "User" ? users : groups;
    const validate = type === "User" ? validateUser : validateGroup;
    const run = (policy?: PatchPolicy): Data => patchResource(base, patch(...ops), index, validate, { policy });
    if (strictType) expect(scimError(() => run()).scimType).toBe(strictType);
    else expect(run()).toBeTruthy(); // strict accepts "" as an ordinary string
    expect(pick(run({ [flag]: true }))).toEqual(expected);
  });

  it("strict defaults, and undefined fields keep them", () => {
    expect(resolvePatchPolicy(undefined)).toBe(STRICT_PATCH_POLICY);
    expect(resolvePatchPolicy({ maxOperations: 3, opCaseInsensitive: undefined })).toEqual({ ...STRICT_PATCH_POLICY, maxOperations: 3 });
  });

  it("lenient path filters come through filterOptions", () => {
    const body = patch({ op: "replace", path: "emails[type eq work].value", value: "w@x.org" });
    expect(scimError(() => applyPatch(user(), body, users)).scimType).toBe("invalidFilter");
    const out = applyPatch(user(), body, users, { filterOptions: { lenient: true } });
    expect((out.emails as Data[])[0]!.value).toBe("w@x.org");
  });
});

describe("valueAsString on a single-valued complex attribute", () => {
  it("Entra's manager as a plain id", () => {
    const body = patch({ op: "replace", path: `${ENT}:manager`, value: "boss-id" });
    expect(scimError(() => patchResource(user(), body, users, validateUser)).scimType).toBe("invalidValue");
    const out = patchResource(user(), body, users, validateUser, { policy: { valueAsString: true } });
    expect((out[ENT] as Data).manager).toEqual({ value: "boss-id", displayName: "John Smith" });
  });
});

describe("flags compose: Entra ID shapes from shared/reference/idp-request-shapes.md", () => {
  const entra: PatchPolicy = {
    opCaseInsensitive: true,
    removeByValue: true,
    createOnNoMatch: true,
    pathKeysInValue: true,
    booleanStrings: true,
    singleValueArrays: true,
    unqualifiedExtensionPaths: true,
    emptyAsRemoval: true,
  };
  it("user update, manager, deprovision", () => {
    const body = patch(
      { op: "Replace", path: 'emails[type eq "work"].value', value: "alice.smith@contoso.com" },
      { op: "Replace", path: 'phoneNumbers[type eq "mobile"].value', value: "555" },
      { op: "Add", path: `${ENT}:department`, value: "Retail" },
      { op: "Add", path: "manager", value: [{ $ref: "http://x/Users/m1", value: "m1" }] },
      { op: "replace", value: { displayName: "Alice", "name.givenName": "Alice", [`${ENT}:employeeNumber`]: "42" } },
      { op: "Replace", path: "active", value: "False" },
    );
    const out = patchResource(user(), body, users, validateUser, { policy: entra });
    expect((out.emails as Data[])[0]!.value).toBe("alice.smith@contoso.com");
    expect(out.phoneNumbers).toEqual([{ type: "mobile", value: "555" }]);
    expect(out[ENT]).toEqual({ employeeNumber: "42", department: "Retail", manager: { value: "m1", displayName: "John Smith", $ref: "http://x/Users/m1" } });
    expect([out.displayName, (out.name as Data).givenName, out.active]).toEqual(["Alice", "Alice", false]);
  });

  it("group member add with $ref null, and removal by value", () => {
    const body = patch({ op: "Add", path: "members", value: [{ $ref: null, value: "u9" }] }, { op: "Remove", path: "members", value: [{ value: JAMES.value }] });
    const out = patchResource(group([BABS, JAMES]), body, groups, validateGroup, { policy: entra });
    expect(out.members).toEqual([BABS, { value: "u9" }]);
  });
});
