import { describe, expect, it } from "vitest";
import { applyPatch, patchResource } from "../../src/runtime/patch/index.js";
import { group, groups, patch, PATCH_OP, scimError, user, users, validateGroup, validateUser } from "./fixtures.js";

function nested(depth: number): unknown {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe("hostile PATCH bodies: precise error, nothing changed", () => {
  it.each<[string, unknown, string | undefined, string]>([
    ["not an object", "[]", "invalidSyntax", "JSON object"],
    ["missing PatchOp schema", { schemas: ["urn:x"], Operations: [{ op: "add", path: "title", value: "x" }] }, "invalidSyntax", "PatchOp"],
    ["Operations missing", { schemas: [PATCH_OP] }, "invalidSyntax", "Operations"],
    ["Operations empty", { schemas: [PATCH_OP], Operations: [] }, "invalidSyntax", "at least one"],
    ["1,000 operations", patch(...Array.from({ length: 1000 }, () => ({ op: "add", path: "title", value: "x" }))), "invalidValue", "limit is 500"],
    ["operation not an object", patch(42), "invalidSyntax", "Operations[0]"],
    ["unknown op", patch({ op: "copy", path: "title" }), "invalidSyntax", '"copy"'],
    ["op not a string", patch({ op: 1 }), "invalidSyntax", "Operations[0].op"],
    ["path not a string", patch({ op: "add", path: 7, value: 1 }), "invalidPath", "path"],
    ["deeply nested value", patch({ op: "add", path: "name", value: nested(100_000) }), "invalidValue", "nested"],
    ["10,000 values", patch({ op: "add", path: "emails", value: Array.from({ length: 10_000 }, (_, i) => ({ value: `${i}@x.org` })) }), "invalidValue", "limit is 5000"],
    ["integer beyond safe range via revalidation", patch({ op: "add", path: "title", value: 2 ** 60 }), "invalidValue", "title"],
    ["huge path", patch({ op: "add", path: "a".repeat(20_000), value: 1 }), "invalidPath", "limit"],
  ])("%s", (_, body, scimType, mention) => {
    const base = user();
    const before = JSON.stringify(base);
    const e = scimError(() => patchResource(base, body, users, validateUser));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe(scimType);
    expect(e.detail).toContain(mention);
    expect(JSON.stringify(base)).toBe(before);
  });

  it("the operation limit is configurable", () => {
    const body = patch(...Array.from({ length: 3 }, () => ({ op: "add", path: "title", value: "x" })));
    expect(scimError(() => applyPatch(user(), body, users, { maxOperations: 2 })).detail).toContain("limit is 2");
    expect(applyPatch(user(), body, users, { maxOperations: 3 }).title).toBe("x");
  });

  it.each([
    ["__proto__ in a no-path value", '{"op":"add","value":{"__proto__":{"polluted":true}}}'],
    ["__proto__ in a complex value", '{"op":"add","path":"name","value":{"__proto__":{"polluted":true}}}'],
    ["constructor.prototype in a value", '{"op":"add","path":"emails","value":[{"value":"x","constructor":{"prototype":{"polluted":true}}}]}'],
    ["__proto__ as a path", '{"op":"add","path":"__proto__.polluted","value":true}'],
    ["prototype as a path", '{"op":"replace","path":"constructor.prototype","value":{"polluted":true}}'],
    ["__proto__ as a filter attribute", '{"op":"replace","path":"emails[__proto__ eq \\"x\\"].value","value":"y"}'],
  ])("%s → 400, no pollution", (_, op) => {
    const body = JSON.parse(`{"schemas":["${PATCH_OP}"],"Operations":[${op}]}`);
    const e = scimError(() => patchResource(user(), body, users, validateUser));
    expect(e.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("a 10,000-member group still takes a PATCH quickly (linear duplicate check)", () => {
    const members = Array.from({ length: 10_000 }, (_, i) => ({ value: `m${i}` }));
    const started = performance.now();
    const out = patchResource(group(members), patch({ op: "add", path: "members", value: [{ value: "m5" }, { value: "new" }] }), groups, validateGroup);
    expect((out.members as unknown[]).length).toBe(10_001);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("error details stay short whatever the input", () => {
  const huge = "k".repeat(100_000);
  it.each([
    ["huge no-path key", patch({ op: "add", value: { [huge]: 1 } })],
    ["huge op", patch({ op: huge })],
    ["huge filter value", patch({ op: "remove", path: `emails[value eq "${huge.slice(0, 9000)}"]` })],
    ["huge URN key", patch({ op: "add", value: { [`urn:${huge}`]: {} } })],
  ])("%s", (_, body) => {
    const e = scimError(() => applyPatch(user(), body, users));
    expect(e.status).toBe(400);
    expect(e.detail.length).toBeLessThan(400);
  });
});
