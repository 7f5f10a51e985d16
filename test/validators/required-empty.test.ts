import { describe, expect, it } from "vitest";
import { compatPolicy, normalizeBody } from "../../src/runtime/compat/index.js";
import type { ValidateOptions, ValidationMode } from "../../src/runtime/resource/validator.js";
import { scimError as error } from "../patch/fixtures.js";
import { coreIndex } from "../support/core-manifest.js";
import { validateGroup, validateUser } from "../support/generated/core-validators.js";
import { WIDGET, WIDGET_EXT } from "../support/generated/widget-manifest.js";
import { validateWidget } from "../support/generated/widget-validators.js";

// A required string, reference or binary attribute given as "" is refused, as if absent
// (RFC 7643 §2.2 required, §2.5 unassigned): the filter's `pr` calls "" no value (RFC 7644
// §3.4.2.2), so storing it would leave a required attribute unassigned. The same rule holds
// for required sub-attributes of a present complex value, in every mode. "   " is a value.

type Data = Record<string, unknown>;
const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const MODES: readonly ValidationMode[] = ["create", "replace", "patch"];
const widget = (extra: Data = {}): Data => ({ schemas: [WIDGET, WIDGET_EXT], label: "w", [WIDGET_EXT]: { reviewer: "r" }, ...extra });
const spec = { link: "https://example.com/spec", cert: "aGk=" };

type Validate = (input: unknown, o: ValidateOptions) => Data;
const VALIDATORS: Record<string, Validate> = { User: validateUser, Group: validateGroup, Widget: validateWidget };
const optionsFor = (mode: ValidationMode, stored: Data): ValidateOptions => (mode === "create" ? { mode } : { mode, existing: stored });

const stored: Record<string, Data> = {
  User: { schemas: [USER], id: "u1", userName: "bjensen" },
  Group: { schemas: [GROUP], id: "g1", displayName: "Tour Guides" },
  Widget: widget({ id: "w1" }),
};

describe.each(MODES)("required text in %s mode", (mode) => {
  it.each<[string, string, Data, string]>([
    // [case, type, body, attribute path named in the detail]
    ["userName \"\"", "User", { schemas: [USER], userName: "" }, "userName"],
    ["Group displayName \"\"", "Group", { schemas: [GROUP], displayName: "" }, "displayName"],
    ["Group displayName missing (RFC 7643 §4.2)", "Group", { schemas: [GROUP], members: [] }, "displayName"],
    ["Group displayName null", "Group", { schemas: [GROUP], displayName: null }, "displayName"],
    ["top-level string", "Widget", widget({ label: "" }), "label"],
    ["extension string", "Widget", widget({ [WIDGET_EXT]: { reviewer: "" } }), `${WIDGET_EXT}:reviewer`],
    ["sub-attribute in an element", "Widget", widget({ parts: [{ value: "a" }, { value: "", note: "n" }] }), "parts[1].value"],
    ["reference sub-attribute", "Widget", widget({ spec: { ...spec, link: "" } }), "spec.link"],
    ["binary sub-attribute (\"\" is valid base64)", "Widget", widget({ spec: { ...spec, cert: "" } }), "spec.cert"],
  ])("%s → 400 invalidValue naming it, once", (_, type, body, path) => {
    const e = error(() => VALIDATORS[type]!(body, optionsFor(mode, stored[type]!)));
    expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
    expect(e.detail).toContain(`'${path}' is required`);
    expect(e.detail).not.toMatch(/^\d+ errors/);
  });

  it.each<[string, string, Data]>([
    ["whitespace-only userName is a value", "User", { schemas: [USER], userName: "   " }],
    ["whitespace-only displayName is a value", "Group", { schemas: [GROUP], displayName: " " }],
    ["\"\" in an optional attribute is kept as sent", "Widget", widget({ "x-foo": "", parts: [{ value: "a", note: "" }] })],
    ["required sub-attributes of an absent complex value are not asked for", "Widget", widget({ parts: [] })],
    ["required reference and binary given", "Widget", widget({ spec })],
  ])("%s", (_, type, body) => {
    const out = VALIDATORS[type]!(body, optionsFor(mode, stored[type]!));
    for (const [k, v] of Object.entries(body)) if (k !== "schemas" && !(Array.isArray(v) && v.length === 0)) expect(out[k]).toEqual(v);
  });
});

describe("strict agrees with emptyAsRemoval (entra, okta) on a blank required attribute", () => {
  const index = coreIndex();
  it.each<[string, Data, string]>([
    ["User", { schemas: [USER], userName: "" }, "userName"],
    ["Group", { schemas: [GROUP], displayName: "" }, "displayName"],
  ])("%s", (type, body, path) => {
    const strict = error(() => VALIDATORS[type]!(body, { mode: "create" }));
    for (const profile of ["entra", "okta"]) {
      const rewritten = normalizeBody(body, index.resourceType(type)!, compatPolicy([profile]));
      const tolerant = error(() => VALIDATORS[type]!(rewritten, { mode: "create" }));
      expect([tolerant.status, tolerant.scimType]).toEqual([strict.status, strict.scimType]);
      for (const e of [strict, tolerant]) expect(e.detail).toContain(`'${path}' is required`);
    }
  });
});
