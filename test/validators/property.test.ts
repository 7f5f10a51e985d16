import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import type { ValidationMode } from "../../src/runtime/resource/validator.js";
import { validateGroup, validateUser } from "../support/generated/core-validators.js";
import { WIDGET, WIDGET_EXT } from "../support/generated/widget-manifest.js";
import { validateWidget } from "../support/generated/widget-validators.js";

// Any JSON at all: a validator returns data or throws a 400 ScimError; it never crashes,
// never mutates its input, never touches Object.prototype, and its output validates again
// to itself (it is canonical).

const KEYS = ["schemas", "id", "userName", "USERNAME", "name", "givenName", "emails", "value", "type", "primary", "members", "display", "$ref", "active", "__proto__", "constructor", "label", "size", "width", "tags", "2fa", "x-foo", "class", WIDGET_EXT, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group"];
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.string(), fc.boolean(), fc.integer(), fc.double(), fc.constant(null), fc.constantFrom(...KEYS), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 6 }),
})).value;

// Mostly-valid bodies too, so that the success path is exercised, not only rejections.
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const plausible = (schemas: string[], required: (name: string) => Record<string, unknown>): fc.Arbitrary<unknown> =>
  fc
    .tuple(fc.dictionary(fc.constantFrom(...KEYS), json, { maxKeys: 2 }), fc.string({ minLength: 1 }))
    .map(([extra, name]) => ({ ...extra, schemas, ...required(name) }));

describe("validator property", () => {
  it.each([
    ["User", validateUser, [USER], (n: string) => ({ userName: n })],
    ["Group", validateGroup, [GROUP], (n: string) => ({ displayName: n })],
    ["Widget", validateWidget, [WIDGET, WIDGET_EXT], (n: string) => ({ label: n, [WIDGET_EXT]: { reviewer: n } })],
  ] as const)("%s: data or a 400, input untouched, output canonical", (_, validate, schemas, required) => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(json, plausible([...schemas], required)), fc.constantFrom<ValidationMode>("create", "replace", "patch"), (body, mode) => {
        const snapshot = JSON.stringify(body);
        try {
          const out = validate(body, { mode, existing: {} });
          expect(validate(out, { mode, existing: {} })).toEqual(out);
          accepted++;
        } catch (e) {
          if (!(e instanceof ScimError)) throw e;
          expect(e.status).toBe(400);
        }
        expect(JSON.stringify(body)).toBe(snapshot);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 500, seed: 11 },
    );
    expect(accepted).toBeGreaterThan(25); // the success path ran too
  });
});
