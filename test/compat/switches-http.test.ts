import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENTERPRISE, GROUP, patchOp, startReplay, USER, type Replay, type Reply } from "./support.js";

// One row per switch, over HTTP through a generated server: the request that needs the
// tolerance, answered by a tenant with the switch's profile and by a strict one. The
// strict answer is the RFC's (status and scimType); the tolerant one succeeds.

interface Fixture {
  user: string;
  other: string;
  group: string;
}

type Send = (s: Replay, f: Fixture) => Promise<Reply>;
const q = (filter: string) => `/Users?filter=${encodeURIComponent(filter)}`;

const rows: [string, string, Send, number, [number, string | undefined]][] = [
  ["patchOpCaseInsensitive", "entra", (s, f) => s.send("PATCH", `/Users/${f.user}`, patchOp({ op: "Replace", path: "title", value: "T" })), 200, [400, "invalidSyntax"]],
  ["booleanStrings (body)", "onelogin", (s) => s.send("POST", "/Users", { schemas: [USER], userName: "bs", active: "True" }), 201, [400, "invalidValue"]],
  ["booleanStrings (PATCH value)", "entra", (s, f) => s.send("PATCH", `/Users/${f.user}`, patchOp({ op: "replace", path: "active", value: "False" })), 200, [400, "invalidValue"]],
  ["booleanStrings (filter)", "entra", (s) => s.send("GET", q('active eq "False"')), 200, [400, "invalidFilter"]],
  ["removeByValue", "jumpcloud", (s, f) => s.send("PATCH", `/Groups/${f.group}`, patchOp({ op: "remove", path: "members", value: [{ value: f.user }] })), 200, [400, "invalidValue"]],
  ["createOnNoMatch", "entra", (s, f) => s.send("PATCH", `/Users/${f.user}`, patchOp({ op: "replace", path: 'phoneNumbers[type eq "fax"].value', value: "1" })), 200, [400, "noTarget"]],
  ["removeNoMatchIsNoop", "okta", (s, f) => s.send("PATCH", `/Groups/${f.group}`, patchOp({ op: "remove", path: 'members[value eq "gone"]' })), 200, [400, "noTarget"]],
  ["lenientFilters (unquoted)", "entra", (s) => s.send("GET", q("userName eq someone")), 200, [400, "invalidFilter"]],
  ["lenientFilters (valuePath.sub eq)", "entra", (s) => s.send("GET", q('emails[type eq "work"].value eq "a@x"')), 200, [400, "invalidFilter"]],
  ["pathKeysInValue", "entra", (s, f) => s.send("PATCH", `/Users/${f.user}`, patchOp({ op: "replace", value: { "name.givenName": "G" } })), 200, [400, "invalidValue"]],
  ["ignoreReadOnlyInValue", "okta", (s, f) => s.send("PATCH", `/Groups/${f.group}`, patchOp({ op: "replace", value: { id: f.group, displayName: "G2" } })), 200, [400, "mutability"]],
  ["stringAsComplexValue", "entra", (s, f) => s.send("PATCH", `/Groups/${f.group}`, patchOp({ op: "add", path: "members", value: f.other })), 200, [400, "invalidValue"]],
  ["singleValueArrays + unqualifiedExtensionPaths", "entra", (s, f) => s.send("PATCH", `/Users/${f.user}`, patchOp({ op: "add", path: "manager", value: [{ value: f.other }] })), 200, [400, "invalidPath"]],
  ["legacySchemaUrns", "onelogin", (s) => s.send("POST", "/Users", { schemas: ["urn:scim:schemas:core:1.0"], userName: "legacy" }), 201, [400, "invalidValue"]],
  ["relativeReferences", "entra", (s, f) => s.send("PATCH", `/Users/${f.user}`, patchOp({ op: "replace", path: "profileUrl", value: "MFGMUGTYPBKA" })), 200, [400, "invalidValue"]],
  ["ignoreUnknownAttributes", "entra", (s) => s.send("POST", "/Users", { schemas: [USER, "urn:example:unknown"], userName: "unk", adreses: [] }), 201, [400, "invalidValue"]],
  ["emptyAsRemoval (PATCH null)", "okta", (s, f) => s.send("PATCH", `/Users/${f.user}`, patchOp({ op: "replace", path: "nickName", value: null })), 200, [400, "invalidValue"]],
  ["singleAsList", "onelogin", (s) => s.send("POST", "/Users", { schemas: [USER], userName: "single", emails: { value: "s@x" } }), 201, [400, "invalidValue"]],
  ["keepUnknownMembers", "microsoft-suite", (s, f) => s.send("PATCH", `/Groups/${f.group}`, patchOp({ op: "add", path: "members", value: [{ value: "string id 1" }] })), 204, [400, "invalidValue"]],
  ["displayNameAsDisplay", "microsoft-suite", (s, f) => s.send("PATCH", `/Groups/${f.group}`, patchOp({ op: "add", path: "members", value: [{ value: f.other, displayName: "O" }] })), 204, [400, "invalidValue"]],
  ["patchNoContent", "microsoft-suite", (s, f) => s.send("PATCH", `/Users/${f.user}`, patchOp({ op: "replace", path: "title", value: "X" })), 204, [200, undefined]],
  ["serviceConfigurationAlias", "microsoft-suite", (s) => s.send("GET", "/serviceConfiguration"), 200, [404, undefined]],
];

let n = 0;
async function fixture(s: Replay): Promise<Fixture> {
  n++;
  const user = (await s.send("POST", "/Users", { schemas: [USER, ENTERPRISE], userName: `u${n}` })).body.id;
  const other = (await s.send("POST", "/Users", { schemas: [USER], userName: `o${n}` })).body.id;
  const group = (await s.send("POST", "/Groups", { schemas: [GROUP], displayName: `G${n}`, members: [{ value: user }] })).body.id;
  expect([user, other, group].every((id) => typeof id === "string")).toBe(true);
  return { user, other, group };
}

describe("each switch: tolerated in its profile, the RFC's answer without it", () => {
  const servers = new Map<string, Replay>();
  beforeAll(async () => {
    for (const name of ["strict", ...new Set(rows.map((r) => r[1]))]) servers.set(name, await startReplay(name === "strict" ? [] : [name]));
  });
  afterAll(async () => {
    for (const s of servers.values()) await s.close();
  });

  it.each(rows)("%s (%s)", async (_switch, profile, send, tolerated, [status, scimType]) => {
    const tolerant = servers.get(profile)!;
    const strict = servers.get("strict")!;
    const ok = await send(tolerant, await fixture(tolerant));
    expect([ok.status, ok.body?.detail]).toEqual([tolerated, undefined]);
    const f = await fixture(strict);
    const before = [await strict.stored("User", f.user), await strict.stored("Group", f.group)];
    const refused = await send(strict, f);
    expect([refused.status, refused.body?.scimType]).toEqual([status, scimType]);
    if (status >= 400) expect([await strict.stored("User", f.user), await strict.stored("Group", f.group)]).toEqual(before);
  });

  it("resourceTypesUserFirst: only microsoft-suite reorders /ResourceTypes", async () => {
    const first = async (s: Replay) => (await s.send("GET", "/ResourceTypes")).body.Resources.map((r: { name: string }) => r.name);
    expect((await first(servers.get("microsoft-suite")!))[0]).toBe("User");
    const strict = await first(servers.get("strict")!);
    expect([...strict].sort()).toEqual(["Group", "User"]);
    expect(strict).toEqual((await first(servers.get("entra")!)));
  });
});
