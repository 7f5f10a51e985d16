import { describe, expect, it } from "vitest";
import { compatPolicy, STRICT_COMPAT, validateResource } from "../../src/runtime/compat/index.js";
import { coreIndex } from "../support/core-manifest.js";
import { validators } from "../support/generated/core-validators.js";
import { USER } from "./support.js";

// relativeReferences: relative URI references for `external`/`uri` references are kept
// exactly as sent (masked only while the generated validator checks the rest); invalid
// references, other errors and placeholder look-alikes behave as without the switch.

const users = coreIndex().resourceType("User")!;
const entra = compatPolicy(["entra"]);
const run = (body: Record<string, unknown>, policy = entra) => () => validateResource(validators.User!, users, policy, { schemas: [USER], userName: "u", ...body }, { mode: "create" });

describe("validateResource", () => {
  const kept: [string, Record<string, unknown>, (out: Record<string, unknown>) => unknown, unknown][] = [
    ["profileUrl relative", { profileUrl: "MFGMUGTYPBKA" }, (o) => o.profileUrl, "MFGMUGTYPBKA"],
    ["profileUrl absolute untouched", { profileUrl: "https://x.example/p" }, (o) => o.profileUrl, "https://x.example/p"],
    ["photos[].value relative", { photos: [{ value: "img/1.png", type: "photo" }, { value: "https://x/2.png" }] }, (o) => (o.photos as { value: string }[]).map((p) => p.value), ["img/1.png", "https://x/2.png"]],
    ["PROFILEURL in any case", { PROFILEURL: "rel" }, (o) => o.profileUrl, "rel"],
  ];
  it.each(kept)("%s", (_name, body, pick, want) => {
    expect(pick(run(body)() as Record<string, unknown>)).toEqual(want);
  });

  const refused: [string, Record<string, unknown>, string][] = [
    ["strict: relative profileUrl", { profileUrl: "MFGMUGTYPBKA" }, "strict"],
    ["a space is no URI reference", { profileUrl: "not a uri" }, "entra"],
    ["empty", { profileUrl: "" }, "entra"],
    ["not a string", { profileUrl: 42 }, "entra"],
    ["other errors still reported", { profileUrl: "rel", active: "maybe" }, "entra"],
  ];
  it.each(refused)("%s → 400 invalidValue", (_name, body, profile) => {
    expect(run(body, profile === "strict" ? STRICT_COMPAT : entra)).toThrow(expect.objectContaining({ status: 400, scimType: "invalidValue" }));
  });

  it("a client value that looks like the placeholder is never swapped", () => {
    const out = run({ profileUrl: "rel", photos: [{ value: "urn:x-scim-gen:relative-reference:0" }] });
    // without masking, the relative profileUrl is refused: nothing was silently exchanged
    expect(out).toThrow(expect.objectContaining({ scimType: "invalidValue" }));
    const only = run({ photos: [{ value: "urn:x-scim-gen:relative-reference:0" }] })() as { photos: { value: string }[] };
    expect(only.photos[0]!.value).toBe("urn:x-scim-gen:relative-reference:0");
  });

  it("never changes its input", () => {
    const input = Object.freeze({ schemas: Object.freeze([USER]), userName: "u", profileUrl: "rel" });
    validateResource(validators.User!, users, entra, input, { mode: "create" });
    expect(input.profileUrl).toBe("rel");
  });
});
