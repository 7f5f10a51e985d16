import { describe, expect, it } from "vitest";
import { ManifestIndex } from "../../src/runtime/manifest/resolve.js";
import { patchResource } from "../../src/runtime/patch/index.js";
import { WIDGET, WIDGET_EXT, widgetManifest } from "../support/generated/widget-manifest.js";
import { validateWidget } from "../support/generated/widget-validators.js";
import { patch, scimError } from "./fixtures.js";

// PATCH against a schema with every type and mutability, and hostile attribute names.
const widgets = new ManifestIndex(widgetManifest()).resourceType("Widget")!;
const stored = (): Record<string, unknown> => ({ schemas: [WIDGET, WIDGET_EXT], id: "w1", label: "w", serial: "S1", badges: ["a"], computed: "c", [WIDGET_EXT]: { reviewer: "r", stamp: "st" } });
const run = (...ops: unknown[]): Record<string, unknown> => patchResource(stored(), patch(...ops), widgets, validateWidget);

describe("PATCH on the widget schema", () => {
  it.each<[string, unknown[], string]>([
    ["immutable single-valued changed", [{ op: "replace", path: "serial", value: "S2" }], "mutability"],
    ["immutable single-valued removed", [{ op: "remove", path: "serial" }], "mutability"],
    ["immutable multi-valued added to", [{ op: "add", path: "badges", value: ["b"] }], "mutability"],
    ["immutable multi-valued replaced", [{ op: "replace", path: "badges", value: ["b"] }], "mutability"],
    ["readOnly", [{ op: "replace", path: "computed", value: "x" }], "mutability"],
    ["readOnly in an extension", [{ op: "replace", path: `${WIDGET_EXT}:stamp`, value: "x" }], "mutability"],
    ["required extension attribute removed", [{ op: "remove", path: `${WIDGET_EXT}:reviewer` }], "mutability"],
    ["required extension removed", [{ op: "remove", path: WIDGET_EXT }], "mutability"],
    ["integer overflow", [{ op: "replace", path: "constructor", value: 2 ** 60 }], "invalidValue"],
    ["invalid dateTime", [{ op: "replace", path: "class", value: "2023-02-30T00:00:00Z" }], "invalidValue"],
    ["not base64", [{ op: "replace", path: "x-foo", value: "%%%" }], "invalidValue"],
  ])("%s → %s", (_, ops, scimType) => {
    expect(scimError(() => run(...ops)).scimType).toBe(scimType);
  });

  it.each<[string, unknown[], string, unknown]>([
    ["immutable re-added with the same value is a no-op", [{ op: "add", path: "badges", value: ["a"] }], "badges", ["a"]],
    ["decimal", [{ op: "add", path: "default", value: 2.5 }], "default", 2.5],
    ["dangerous attribute names through a no-path value", [{ op: "add", value: JSON.parse('{"__proto__":"p","constructor":3}') }], "constructor", 3],
    ["a name that is not ATTRNAME through a no-path value", [{ op: "add", value: { "2fa": true } }], "2fa", true],
  ])("%s", (_, ops, key, expected) => {
    const out = run(...ops);
    expect(out[key]).toEqual(expected);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it("names outside the ATTRNAME grammar cannot be paths (RFC 7644 §3.10)", () => {
    expect(scimError(() => run({ op: "add", path: "__proto__", value: "p" })).scimType).toBe("invalidPath");
    expect(scimError(() => run({ op: "add", path: "2fa", value: true })).scimType).toBe("invalidPath");
  });

  it("sets an unassigned immutable value once", () => {
    const base = stored();
    delete base.serial;
    const out = patchResource(base, patch({ op: "add", path: "serial", value: "S9" }), widgets, validateWidget);
    expect(out.serial).toBe("S9");
  });
});
