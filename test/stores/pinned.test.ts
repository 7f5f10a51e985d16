import { describe, expect, it } from "vitest";
import type { Filter } from "../../src/runtime/filter/ast.js";
import { pinned } from "../../src/runtime/stores/common/pinned.js";
import { readRules } from "../../src/runtime/stores/common/rules.js";
import { storeManifest, TEST_EXT } from "./manifest.js";

// Which filters a unique index may answer alone (then the full filter still runs on the
// single candidate). Anything else must scan, or the answer could differ from the evaluator's.

const rules = readRules(storeManifest()).get("user")!;
const cmp = (attributePath: string, operator: string, value: unknown): Filter =>
  ({ type: "comparison", attributePath, operator, value }) as Filter;

describe("pinned: filters a unique index answers", () => {
  it.each<[string, Filter, string | undefined]>([
    ["userName eq", cmp("userName", "eq", "Alice"), "unique:userName:salice"],
    ["USERNAME eq (path case-insensitive)", cmp("USERNAME", "eq", "x"), "unique:userName:sx"],
    ["URN-prefixed userName", cmp("urn:ietf:params:scim:schemas:core:2.0:User:userName", "eq", "x"), "unique:userName:sx"],
    ["case-exact extension attribute keeps case", cmp(`${TEST_EXT}:badge`, "eq", "B-1"), `unique:${TEST_EXT}:badge:sB-1`],
    ["id eq", cmp("id", "eq", "abc"), "id:abc"],
    ["either side of and", { type: "logical", operator: "and", left: cmp("active", "eq", true), right: cmp("userName", "eq", "x") }, "unique:userName:sx"],
    ["or is not pinned", { type: "logical", operator: "or", left: cmp("userName", "eq", "a"), right: cmp("userName", "eq", "b") }, undefined],
    ["not is not pinned", { type: "not", filter: cmp("userName", "eq", "a") }, undefined],
    ["ne is not pinned", cmp("userName", "ne", "a"), undefined],
    ["co is not pinned", cmp("userName", "co", "a"), undefined],
    ["a non-unique attribute is not pinned", cmp("displayName", "eq", "a"), undefined],
    ["a literal of another type is left to the evaluator", cmp("userName", "eq", 5), undefined],
    ["unknown attribute is left to the evaluator", cmp("shoeSize", "eq", "a"), undefined],
  ])("%s", (_, filter, expected) => {
    const p = pinned(rules, filter);
    const got = !p ? undefined : p.kind === "id" ? `id:${p.id}` : p.kind === "unique" ? `unique:${p.rule.path}:${p.key}` : "none";
    expect(got).toBe(expected);
  });
});
