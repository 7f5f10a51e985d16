import { describe, expect, it } from "vitest";
import { applyPatch, patchResource } from "../../src/runtime/patch/index.js";
import { BABS, group, groups, JAMES, patch, scimError, user, users, validateGroup, validateUser } from "./fixtures.js";

// The ten PATCH request bodies of RFC 7644 §3.5.2 (shared/reference/rfc-test-vectors.md §2).

describe("RFC 7644 §3.5.2 examples", () => {
  it("1. add a member", () => {
    const out = patchResource(group(), patch({ op: "add", path: "members", value: [BABS] }), groups, validateGroup);
    expect(out.members).toEqual([JAMES, BABS]);
  });

  it("2. add without a path (emails appended, nickname case-insensitive)", () => {
    const out = patchResource(user(), patch({ op: "add", value: { emails: [{ value: "babs@jensen.org", type: "home" }, { value: "b@new.org", type: "other" }], nickname: "Babs2" } }), users, validateUser);
    expect(out.nickName).toBe("Babs2");
    expect(out.emails).toEqual([...(user().emails as unknown[]), { value: "b@new.org", type: "other" }]);
  });

  it("3. remove one member by filter", () => {
    const out = patchResource(group([BABS, JAMES]), patch({ op: "remove", path: `members[value eq "${BABS.value}"]` }), groups, validateGroup);
    expect(out.members).toEqual([JAMES]);
  });

  it("3'. the RFC's abbreviated id matches nothing → noTarget", () => {
    const e = scimError(() => applyPatch(group([BABS]), patch({ op: "remove", path: 'members[value eq "2819c223-7f76-...413861904646"]' }), groups));
    expect([e.status, e.scimType]).toEqual([400, "noTarget"]);
  });

  it("4. remove all members", () => {
    const out = patchResource(group([BABS, JAMES]), patch({ op: "remove", path: "members" }), groups, validateGroup);
    expect(out).not.toHaveProperty("members");
  });

  it("5. remove by compound filter", () => {
    const out = patchResource(user(), patch({ op: "remove", path: 'emails[type eq "work" and value ew "example.com"]' }), users, validateUser);
    expect(out.emails).toEqual([{ value: "babs@jensen.org", type: "home" }]);
  });

  it("6. replace all members with remove then add", () => {
    const out = patchResource(group([{ value: "x" }]), patch({ op: "remove", path: "members" }, { op: "add", path: "members", value: [BABS, JAMES] }), groups, validateGroup);
    expect(out.members).toEqual([BABS, JAMES]);
  });

  it("7. replace members", () => {
    const out = patchResource(group([{ value: "x" }]), patch({ op: "replace", path: "members", value: [BABS, JAMES] }), groups, validateGroup);
    expect(out.members).toEqual([BABS, JAMES]);
  });

  it("8. replace a complex value selected by filter", () => {
    const value = { type: "work", streetAddress: "911 Universal City Plaza", locality: "Hollywood", region: "CA", postalCode: "91608", country: "US", formatted: "911 Universal City Plaza\nHollywood, CA 91608 US", primary: true };
    const out = patchResource(user(), patch({ op: "replace", path: 'addresses[type eq "work"]', value }), users, validateUser);
    expect(out.addresses).toEqual([value]);
  });

  it("9. replace a sub-attribute of the selected value", () => {
    const out = patchResource(user(), patch({ op: "replace", path: 'addresses[type eq "work"].streetAddress', value: "1010 Broadway Ave" }), users, validateUser);
    expect((out.addresses as Record<string, unknown>[])[0]!.streetAddress).toBe("1010 Broadway Ave");
    expect((out.addresses as Record<string, unknown>[])[0]!.locality).toBe("Hollywood");
  });

  it("10. replace without a path", () => {
    const emails = [{ value: "bjensen@example.com", type: "work", primary: true }, { value: "babs@jensen.org", type: "home" }];
    const out = patchResource({ ...user(), emails: [{ value: "old@x.org" }] }, patch({ op: "replace", value: { emails, nickname: "Babs" } }), users, validateUser);
    expect(out.emails).toEqual(emails);
    expect(out.nickName).toBe("Babs");
  });
});
