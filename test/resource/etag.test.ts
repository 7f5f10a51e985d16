import { describe, expect, it } from "vitest";
import { etagFor, ifMatchSatisfied, ifNoneMatchHits } from "../../src/runtime/resource/etag.js";

describe("etagFor (RFC 7644 §3.14)", () => {
  it("is a weak tag that changes with the version", () => {
    expect(etagFor(1)).toBe('W/"1"');
    expect(etagFor(2)).not.toBe(etagFor(1));
  });
});

describe("ifMatchSatisfied", () => {
  it.each([
    ["absent header", undefined, 3, true],
    ["star", "*", 3, true],
    ["same weak tag", 'W/"3"', 3, true],
    ["same strong form", '"3"', 3, true],
    ["other version", 'W/"2"', 3, false],
    ["list containing it", 'W/"1", W/"3"', 3, true],
    ["list without it", 'W/"1",W/"2"', 3, false],
    ["unquoted tag", "W/3", 3, true],
    ["unterminated quote", 'W/"3', 3, false],
    ["prefix is not equality", 'W/"31"', 3, false],
    ["empty header", "", 3, false],
    ["garbage", "not-a-tag", 3, false],
    ["huge header", `${'W/"1",'.repeat(5000)}W/"3"`, 3, false],
  ])("%s", (_, header, version, expected) => {
    expect(ifMatchSatisfied(header, version)).toBe(expected);
  });
});

describe("ifNoneMatchHits (GET → 304)", () => {
  it.each([
    [undefined, false],
    ["*", true],
    ['W/"3"', true],
    ['W/"2"', false],
  ])("%s", (header, expected) => {
    expect(ifNoneMatchHits(header, 3)).toBe(expected);
  });
});
