import { describe, expect, it } from "vitest";
import { patchResource } from "../../src/runtime/patch/index.js";
import { ENT, patch, scimError, user, users, validateUser } from "./fixtures.js";

// A no-path value names attributes case-insensitively (RFC 7643 §2.1): two keys that name
// the same attribute (in any case, or URN-qualified beside the extension object) leave it
// to chance which value wins, so the operation is 400 invalidValue naming the second key,
// and nothing is changed. Distinct attributes, and a sub-attribute beside its parent
// (Entra's dotted keys), still apply in order.

describe("a no-path value naming one attribute twice", () => {
  const refused: [string, Record<string, unknown>, string][] = [
    ["two spellings of a core attribute", { displayName: "a", DisplayName: "b" }, "'DisplayName' is given more than once"],
    ["two spellings of an extension URN", { [ENT]: { department: "a" }, [ENT.toUpperCase()]: { department: "b" } }, "is given more than once"],
    ["two spellings inside an extension object", { [ENT]: { department: "a", Department: "b" } }, `'${ENT}:Department' is given more than once`],
    ["a URN-qualified key beside the extension object's own", { [ENT]: { department: "a" }, [`${ENT}:department`]: "b" }, "is given more than once"],
  ];
  it.each(refused)("%s → 400 invalidValue, nothing changed", (_, value, detail) => {
    const stored = user();
    const before = JSON.stringify(stored);
    const e = scimError(() => patchResource(stored, patch({ op: "replace", value }), users, validateUser, { policy: { pathKeysInValue: true } }));
    expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
    expect(e.detail).toContain(detail);
    expect(JSON.stringify(stored)).toBe(before);
  });

  it("distinct attributes and a dotted sub-attribute beside its parent still apply in order", () => {
    const out = patchResource(user(), patch({ op: "replace", value: { displayName: "D", title: "T", name: { givenName: "G" }, "name.familyName": "F" } }), users, validateUser, { policy: { pathKeysInValue: true } });
    expect([out.displayName, out.title, out.name]).toEqual(["D", "T", expect.objectContaining({ givenName: "G", familyName: "F" })]);
  });
});
