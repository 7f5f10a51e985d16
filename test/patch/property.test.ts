import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import { patchResource } from "../../src/runtime/patch/index.js";
import { ENT, patch, user, users, validateUser } from "./fixtures.js";

// A random PATCH applied to a valid resource yields a valid resource or a ScimError, and
// the original is never changed (RFC 7644 §3.5.2: atomic).

const PATHS = [
  "title", "nickName", "userName", "active", "name", "name.givenName", "NAME.familyName", "emails",
  'emails[type eq "work"]', 'emails[type eq "home"].value', 'emails[primary eq true].primary', "emails.value",
  "addresses", 'addresses[type eq "work"].streetAddress', "phoneNumbers", "x509Certificates", "groups", "id", "meta",
  ENT, `${ENT}:employeeNumber`, `${ENT}:manager.value`, `${ENT}:manager.displayName`, "bogus", "emails[", "",
];

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.string(), fc.boolean(), fc.integer(), fc.double(), fc.constant(null), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom("value", "type", "primary", "givenName", "Value", "display", "__proto__", "x"), tie("value"), { maxKeys: 4 }),
})).value;

const typed = fc.oneof(
  fc.constantFrom("x", "work", "home", true, false, 3, ""),
  fc.record({ value: fc.string(), type: fc.constantFrom("work", "home", "other"), primary: fc.boolean() }, { requiredKeys: ["value"] }),
  fc.array(fc.record({ value: fc.string(), type: fc.constantFrom("work", "home"), primary: fc.boolean() }, { requiredKeys: ["value"] }), { maxLength: 3 }),
  fc.record({ givenName: fc.string(), familyName: fc.string() }, { requiredKeys: [] }),
  json,
);

const operation = fc.record(
  { op: fc.constantFrom("add", "replace", "remove", "Add", "move"), path: fc.constantFrom(...PATHS), value: typed },
  { requiredKeys: ["op"] },
);

describe("PATCH property", () => {
  it("valid result or ScimError; original untouched", () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 1, maxLength: 5 }), (ops) => {
        const base = user();
        const snapshot = structuredClone(base);
        try {
          const out = patchResource(base, patch(...ops), users, validateUser);
          // the result is a fixed point of the validator: valid as stored
          expect(validateUser(out, { mode: "patch", existing: base })).toEqual(out);
          expect(out.id).toBe(snapshot.id);
        } catch (e) {
          if (!(e instanceof ScimError)) throw e;
          expect(e.status).toBe(400);
          expect(e.detail.length).toBeGreaterThan(0);
        }
        expect(base).toEqual(snapshot);
        expect(Object.prototype).not.toHaveProperty("value");
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});
