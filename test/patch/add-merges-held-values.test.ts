import { describe, expect, it } from "vitest";
import type { AttributeModel } from "../../src/runtime/manifest/model.js";
import { patchResource } from "../../src/runtime/patch/index.js";
import { identity } from "../../src/runtime/patch/values.js";
import { sameValue } from "../../src/runtime/resource/values.js";
import { group, groups, JAMES, patch, user, users, validateGroup, validateUser } from "./fixtures.js";

// add of a value the attribute already holds (RFC 7644 §3.5.2.1): nothing changes only
// when it "already contains the value specified"; sub-attributes the held element lacks
// or holds differently are merged into it, and a merged primary resets the others
// (RFC 7643 §2.4). `value` and `type` match per their caseExact (RFC 7643 §2.2).

type Data = Record<string, unknown>;
const stored = (base: Data = user()): Data => validateUser(base, { mode: "replace", existing: base });
const addEmails = (value: unknown[], base?: Data): Data => patchResource(stored(base), patch({ op: "add", path: "emails", value }), users, validateUser);
const HOME = "babs@jensen.org";
const WORK = "bjensen@example.com";
const withPhones = (): Data => ({ ...user(), phoneNumbers: [{ value: "555-0100", type: "work", primary: true }, { value: "555-0199", type: "mobile" }] });

describe("add merges into a held value", () => {
  it.each<[string, () => Data, (o: Data) => unknown, unknown]>([
    ["primary on a held email moves the primary to it", () => addEmails([{ value: HOME, type: "home", primary: true }]), (o) => o.emails, [
      { value: WORK, type: "work", primary: false },
      { value: HOME, type: "home", primary: true },
    ]],
    ["display on a held email is kept", () => addEmails([{ value: HOME, type: "home", display: "Babs at home" }]), (o) => (o.emails as Data[])[1], { value: HOME, type: "home", display: "Babs at home" }],
    ["an untyped value merges into the typed held one", () => addEmails([{ value: HOME, primary: true }]), (o) => (o.emails as Data[]).map((e) => e.primary), [false, true]],
    ["value in another case is the held value (emails.value is caseExact:false)", () => addEmails([{ value: "BABS@Jensen.ORG", type: "home", primary: true }]), (o) => o.emails, [
      { value: WORK, type: "work", primary: false },
      { value: HOME, type: "home", primary: true },
    ]],
    ["primary on a held phone number moves the primary to it", () => patchResource(stored(withPhones()), patch({ op: "add", path: "phoneNumbers", value: [{ value: "555-0199", type: "mobile", primary: true }] }), users, validateUser), (o) => (o.phoneNumbers as Data[]).map((e) => e.primary), [false, true]],
    ["the same new value twice in one request: one element, primary kept", () => addEmails([{ value: "n@x.org" }, { value: "n@x.org", primary: true }]), (o) => (o.emails as Data[]).map((e) => [e.value, e.primary]), [[WORK, false], [HOME, undefined], ["n@x.org", true]]],
    ["another type is another value", () => addEmails([{ value: HOME, type: "other", primary: true }]), (o) => (o.emails as Data[]).length, 3],
    ["a type fills a held untyped member", () => patchResource(group(), patch({ op: "add", path: "members", value: [{ value: JAMES.value, type: "User" }] }), groups, validateGroup), (o) => o.members, [{ ...JAMES, type: "User" }]],
    ["a member's set immutable display is kept", () => patchResource(group(), patch({ op: "add", path: "members", value: [{ value: JAMES.value, display: "Jim" }] }), groups, validateGroup), (o) => o.members, [JAMES]],
  ])("%s", (_, run, pick, expected) => {
    expect(pick(run())).toEqual(expected);
  });
});

describe("add of a value already held as given changes nothing", () => {
  it.each<[string, unknown[]]>([
    ["the exact element", [{ value: HOME, type: "home" }]],
    ["the held primary again", [{ value: WORK, type: "work", primary: true }]],
    ["value and type in another case", [{ value: "Babs@Jensen.org", type: "HOME" }]],
    ["a null sub-attribute", [{ value: HOME, type: "home", display: null }]],
    ["an empty list", []],
  ])("%s", (_, value) => {
    expect(sameValue(addEmails(value), stored())).toBe(true);
  });
});

describe("identity follows caseExact (RFC 7643 §2.2)", () => {
  const emails = users.resolve("emails")!.attribute;
  const exact: AttributeModel = { ...emails, subAttributes: emails.subAttributes!.map((s) => (s.name === "value" ? { ...s, caseExact: true } : s)) };
  it.each<[string, AttributeModel, unknown, unknown, boolean]>([
    ["caseExact:false folds", emails, { value: "A@X.com" }, { value: "a@x.com" }, true],
    ["caseExact:true does not", exact, { value: "A@X.com" }, { value: "a@x.com" }, false],
    ["different values differ", emails, { value: "a@x.com" }, { value: "b@x.com" }, false],
  ])("%s", (_, attr, a, b, same) => {
    expect(identity(a, attr) === identity(b, attr)).toBe(same);
  });
});
