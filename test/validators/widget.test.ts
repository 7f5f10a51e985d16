import { describe, expect, it } from "vitest";
import { ScimError } from "../../src/runtime/errors.js";
import { replaceResource } from "../../src/runtime/resource/replace.js";
import type { ValidateOptions } from "../../src/runtime/resource/validator.js";
import { WIDGET, WIDGET_EXT } from "../support/generated/widget-manifest.js";
import { validators, validateWidget } from "../support/generated/widget-validators.js";

type Data = Record<string, unknown>;
const base = (extra: Data = {}): Data => ({ schemas: [WIDGET, WIDGET_EXT], label: "w", [WIDGET_EXT]: { reviewer: "r" }, ...extra });
const create: ValidateOptions = { mode: "create" };

function error(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error("expected a ScimError");
}

describe("attribute types (RFC 7643 §2.3)", () => {
  it.each<[string, Data]>([
    ["integer", { constructor: 42 }],
    ["negative integer", { constructor: -9007199254740991 }],
    ["decimal", { default: 1.5 }],
    ["dateTime Z", { class: "2011-05-13T04:42:34Z" }],
    ["dateTime offset and fraction", { class: "2015-10-10T14:38:21.8617979-07:00" }],
    ["dateTime leap day", { class: "2024-02-29T00:00:00Z" }],
    ["binary", { "x-foo": "aGVsbG8=" }],
    ["empty binary", { "x-foo": "" }],
    ["boolean", { "2fa": true }],
    ["uri reference", { homepage: "https://example.com/w" }],
    ["relative resource reference", { owner: "../Users/2819c223" }],
    ["canonical value (default lenient)", { tags: ["blue"] }],
  ])("accepts %s", (_, extra) => {
    expect(validateWidget(base(extra), create)).toEqual(base(extra));
  });

  it.each<[string, Data, string, string]>([
    ["fractional integer", { constructor: 1.5 }, "constructor", "must be an integer"],
    ["integer beyond safe range", { constructor: 2 ** 53 + 2 }, "constructor", "beyond the safe range"],
    ["integer as string", { constructor: "42" }, "constructor", "must be an integer"],
    ["NaN-ish decimal", { default: "1.5" }, "default", "must be a decimal"],
    ["invalid month", { class: "2011-13-13T04:42:34Z" }, "class", "xsd:dateTime"],
    ["Feb 30", { class: "2023-02-30T00:00:00Z" }, "class", "xsd:dateTime"],
    ["non-leap Feb 29", { class: "2023-02-29T00:00:00Z" }, "class", "xsd:dateTime"],
    ["date only", { class: "2011-05-13" }, "class", "xsd:dateTime"],
    ["free text date", { class: "yesterday" }, "class", "xsd:dateTime"],
    ["hour 25", { class: "2011-05-13T25:00:00Z" }, "class", "xsd:dateTime"],
    ["binary with bad characters", { "x-foo": "not base64!" }, "x-foo", "base64"],
    ["binary with bad padding", { "x-foo": "aGVsbG8" }, "x-foo", "base64"],
    ["boolean string (strict)", { "2fa": "true" }, "2fa", "must be a boolean"],
    ["relative uri where absolute needed", { homepage: "/w" }, "homepage", "absolute URI"],
    ["reference with spaces", { owner: "a b" }, "owner", "URI reference"],
    ["multi-valued given a scalar", { tags: "red" }, "tags", "must be an array"],
    ["complex required sub-attribute", { size: { unit: "cm" } }, "size.width", "is required"],
    ["complex sub-attribute type", { size: { width: "wide" } }, "size.width", "must be an integer"],
    ["dangerous sub-attribute name", { size: { width: 1, hasOwnProperty: 5 } }, "size.hasOwnProperty", "must be a string"],
    ["__proto__ attribute type", JSON.parse('{"__proto__": 5}'), "__proto__", "must be a string"],
  ])("%s → 400 invalidValue naming %s", (_, extra, path, message) => {
    const e = error(() => validateWidget(base(extra), create));
    expect([e.status, e.scimType]).toEqual([400, "invalidValue"]);
    expect(e.detail).toContain(`'${path}'`);
    expect(e.detail).toContain(message);
  });
});

describe("options", () => {
  it("strictCanonicalValues rejects other values, honouring caseExact", () => {
    const strict: ValidateOptions = { mode: "create", strictCanonicalValues: true };
    expect(error(() => validateWidget(base({ tags: ["red", "blue"] }), strict)).detail).toContain("'tags[1]' must be one of");
    expect(validateWidget(base({ tags: ["RED"] }), strict).tags).toEqual(["RED"]);
    expect(error(() => validateWidget(base({ color: "red" }), strict)).detail).toContain("'color'");
  });

  it("coerceBooleanStrings accepts True/False", () => {
    expect(validateWidget(base({ "2fa": "True" }), { mode: "create", coerceBooleanStrings: true })["2fa"]).toBe(true);
  });

  it("ignoreUnknownAttributes drops unknown attributes and schema URNs", () => {
    const out = validateWidget({ ...base({ shoe: 1, size: { width: 1, depth: 2 } }), schemas: [WIDGET, WIDGET_EXT, "urn:x:unknown"] }, { mode: "create", ignoreUnknownAttributes: true });
    expect(out).toEqual(base({ size: { width: 1 } }));
  });

  it("maxValues bounds multi-valued input on create and replace, not on patch results", () => {
    const tags = Array.from({ length: 10_000 }, () => "red");
    expect(error(() => validateWidget(base({ tags }), create)).detail).toContain("has 10000 values; the limit is 5000");
    expect(error(() => validateWidget(base({ tags: ["a", "b", "c"] }), { mode: "create", maxValues: 2 })).detail).toContain("limit is 2");
    expect((validateWidget(base({ tags }), { mode: "patch", existing: base() }).tags as unknown[]).length).toBe(10_000);
  });
});

describe("schemas and extensions (RFC 7643 §3)", () => {
  it.each<[string, Data, string]>([
    ["missing schemas", { schemas: undefined }, "'schemas' is required"],
    ["core URN missing", { schemas: [WIDGET_EXT] }, `must contain "${WIDGET}"`],
    ["unknown URN", { schemas: [WIDGET, WIDGET_EXT, "urn:x"] }, "'schemas[2]'"],
    ["schemas not an array", { schemas: WIDGET }, "must be an array"],
    ["required extension missing", { [WIDGET_EXT]: undefined }, `'${WIDGET_EXT}' is a required extension`],
    ["required extension attribute", { [WIDGET_EXT]: { stamp: "s" } }, `'${WIDGET_EXT}:reviewer' is required`],
    ["extension not an object", { [WIDGET_EXT]: "x" }, "must be an extension object"],
    ["unknown extension attribute", { [WIDGET_EXT]: { reviewer: "r", zz: 1 } }, `'${WIDGET_EXT}:zz'`],
  ])("%s", (_, patch, message) => {
    const body = JSON.parse(JSON.stringify(base(patch)));
    expect(error(() => validateWidget(body, create)).detail).toContain(message);
  });

  it("canonicalises URN keys and rebuilds schemas from the extension objects present", () => {
    const out = validateWidget({ schemas: [WIDGET.toUpperCase()], label: "w", [WIDGET_EXT.toLowerCase()]: { Reviewer: "r" } }, create);
    expect(out).toEqual(base());
    expect(Object.keys(out)[0]).toBe("schemas");
  });
});

describe("mutability (RFC 7644 §3.5.1)", () => {
  const stored = base({ id: "w1", serial: "S1", computed: "c", secret: "p", size: { width: 1, unit: "cm" }, [WIDGET_EXT]: { reviewer: "r", stamp: "st" } });
  it.each<[string, Data, Data | string]>([
    ["readOnly from the stored resource, body ignored", base({ id: "x", computed: "mine", serial: "S1" }), { id: "w1", computed: "c", serial: "S1" }],
    ["immutable unchanged is fine", base({ serial: "S1" }), { serial: "S1" }],
    ["immutable left out keeps the stored value", base(), { serial: "S1" }],
    ["immutable changed → mutability", base({ serial: "S2" }), "'serial' is immutable"],
    ["immutable sub-attribute changed → mutability", base({ size: { width: 2, unit: "in" } }), "'size.unit' is immutable"],
    ["attributes left out are cleared", base(), { secret: undefined, size: { unit: "cm" } }],
    ["extension readOnly kept", base(), { [WIDGET_EXT]: { reviewer: "r", stamp: "st" } }],
  ])("%s", (_, body, expected) => {
    const go = (): Data => replaceResource(stored, body, validateWidget);
    if (typeof expected === "string") {
      const e = error(go);
      expect(e.scimType).toBe("mutability");
      expect(e.detail).toContain(expected);
      return;
    }
    const out = go();
    for (const [k, v] of Object.entries(expected)) {
      if (k === "size") expect((out.size as Data | undefined)?.unit).toBe("cm");
      else expect(out[k]).toEqual(v);
    }
  });

  it("immutable may be set once when the stored resource has none", () => {
    expect(replaceResource(base({ id: "w1" }), base({ serial: "new" }), validateWidget).serial).toBe("new");
  });

  it("stores writeOnly values", () => {
    expect(validateWidget(base({ secret: "p" }), create).secret).toBe("p");
  });
});

describe("hostile input", () => {
  it("dangerous names become own data, never prototypes", () => {
    const body = JSON.parse(`{"schemas":["${WIDGET}","${WIDGET_EXT}"],"label":"w","${WIDGET_EXT}":{"reviewer":"r"},"__proto__":"p","constructor":1,"default":2}`);
    const out = validateWidget(body, create);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, "__proto__")).toBe(true);
    expect(out["constructor"]).toBe(1);
    expect(({} as Data).p).toBeUndefined();
  });

  it("an unknown __proto__ object inside a complex value is an error, not pollution", () => {
    const body = JSON.parse(`{"schemas":["${WIDGET}","${WIDGET_EXT}"],"label":"w","${WIDGET_EXT}":{"reviewer":"r"},"size":{"width":1,"__proto__":{"polluted":1}}}`);
    expect(error(() => validateWidget(body, create)).detail).toContain("'size.__proto__' is not a defined attribute");
    expect(({} as Data).polluted).toBeUndefined();
  });

  it("never mutates its input", () => {
    const body: Data = { schemas: [WIDGET, WIDGET_EXT], LABEL: "w", [WIDGET_EXT]: { REVIEWER: "r" }, tags: ["red"], size: { WIDTH: 3 } };
    const before = JSON.stringify(body);
    expect(validateWidget(body, create).size).toEqual({ width: 3 });
    expect(JSON.stringify(body)).toBe(before);
  });

  it("non-object bodies are invalidSyntax", () => {
    for (const body of [null, "x", 1, [base()]]) expect(error(() => validateWidget(body, create)).scimType).toBe("invalidSyntax");
  });

  it("the same attribute twice in different case is reported", () => {
    expect(error(() => validateWidget({ ...base(), LABEL: "x" }, create)).detail).toContain("given more than once");
  });

  it("validators map is keyed by resource type name", () => {
    expect(validators.Widget).toBe(validateWidget);
    expect(Object.isFrozen(validators)).toBe(true);
  });
});

describe("deeply nested and oversized input", () => {
  const deep = (depth: number): unknown => {
    let v: unknown = "x";
    for (let i = 0; i < depth; i++) v = { a: [v] };
    return v;
  };
  it.each<[string, Data, string]>([
    ["deep value under an unknown attribute", { zz: deep(100_000) }, "'zz' is not a defined attribute"],
    ["deep value where a string is expected", { label: deep(100_000) }, "'label' must be a string, got an object"],
    ["deep value inside a complex value", { size: { width: deep(100_000) } }, "'size.width' must be an integer"],
    ["deep value inside an element", { tags: [deep(100_000)] }, "'tags[0]' must be a string"],
  ])("%s → 400, no recursion into it", (_, extra, message) => {
    const e = error(() => validateWidget(base(extra), create));
    expect(e.status).toBe(400);
    expect(e.detail).toContain(message);
  });

  it("a huge unknown key is clipped in the detail", () => {
    const e = error(() => validateWidget(base({ ["k".repeat(100_000)]: 1 }), create));
    expect(e.detail.length).toBeLessThan(300);
  });

  it("10,000 bad values yield one bounded detail", () => {
    const e = error(() => validateWidget(base({ tags: Array.from({ length: 4000 }, () => 1) }), create));
    expect(e.detail).toMatch(/^4000 errors: .*and 3990 more$/);
    expect(e.detail.length).toBeLessThan(1000);
  });
});

describe("required extension on PUT", () => {
  it("is required even when the stored extension has readOnly values", () => {
    const stored = base({ id: "w1", [WIDGET_EXT]: { reviewer: "r", stamp: "st" } });
    const body = base();
    delete body[WIDGET_EXT];
    expect(error(() => replaceResource(stored, body, validateWidget)).detail).toContain("is a required extension");
  });
});
