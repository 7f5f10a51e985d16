import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/runtime/manifest/model.js";
import { sharedFile } from "../conformance/support.js";
import { coreManifest } from "../support/core-manifest.js";
import { ENTERPRISE, GROUP, memberIds, startReplay, USER, type Replay } from "./support.js";

// The captured Microsoft Entra SCIM Validator run (../shared/conformance/pranems-…-9.json):
// every request the validator sent, replayed in order with the exact bodies against a
// generated server with COMPAT=entra, ids of the captured server mapped to ours. Each
// step must answer the status the validator accepted; list queries the same totalResults.
// Preconditions the capture does not contain (a user or group created by an earlier,
// uncaptured request) are seeded first, and counted.
//
// The validator fills profileUrl with random letters ("MFGMUGTYPBKA"): a relative URI
// reference, which the entra profile accepts (relativeReferences) and strict refuses
// (400 invalidValue naming profileUrl: `external` references are absolute URIs there).
//
// The validator also expects 409 for a second group with the same displayName, which RFC
// 7643 §4.2 declares `uniqueness: none`. That is a schema choice, not a tolerance: a
// service that wants it declares `"uniqueness": "server"` on Group.displayName in its own
// schema, and every store enforces it atomically. The replay serves such a schema.

function uniqueGroupNames(): Manifest {
  const m = coreManifest();
  return {
    ...m,
    schemas: m.schemas.map((s) =>
      s.id !== "urn:ietf:params:scim:schemas:core:2.0:Group" ? s : { ...s, attributes: s.attributes.map((a) => (a.name === "displayName" ? { ...a, uniqueness: "server" as const } : a)) },
    ),
  };
}

interface Captured {
  Name: string;
  Description: string;
  ResponseStatus: string;
  ResponseBody?: string;
  RequestBody: string;
  InitialRequestBodies?: string[] | null;
  InitialResponseStatuses?: string[] | null;
  InitialResponses?: string[] | null;
}

const CAPTURED_BASE = "http://localhost:6000/scim/endpoints/cmlfuqaft0002i30tlv47pq1f";

interface Raw {
  method: string;
  path: string;
  body?: string;
}

/** "PATCH http://…/Users/x 1.1\r\nHost: …\r\nContent-Type: …\r\n{…}\r\n" */
function parseRaw(text: string): Raw {
  const lines = text.split("\r\n");
  const [method, url] = lines[0]!.split(" ");
  let i = 1;
  while (i < lines.length && /^[A-Za-z-]+: /.test(lines[i]!)) i++;
  const body = lines.slice(i).join("\r\n").trim();
  return { method: method!, path: url!.slice(CAPTURED_BASE.length), ...(body ? { body } : {}) };
}

const status = (s: string) => Number(s.split(" ")[0]);


describe("Microsoft SCIM Validator capture, replayed (COMPAT=entra)", () => {
  let s: Replay;
  const ids = new Map<string, string>();
  const seeded = new Set<string>();
  let seeds = 0;
  const tests = (() => {
    const data = JSON.parse(readFileSync(sharedFile("pranems-SCIMEndpointServer__ms-scim-validator-results-9.json"), "utf8")).results.data;
    return [...data.PassedTests, ...data.PreviewTests] as Captured[];
  })();
  beforeAll(async () => {
    s = await startReplay(["entra"], "node", uniqueGroupNames());
  });
  afterAll(() => {
    console.log(`Microsoft SCIM Validator capture (COMPAT=entra): ${tests.length} tests replayed, ${seeds} uncaptured preconditions seeded`);
    return s.close();
  });

  const mapIds = (text: string) => {
    let out = text;
    for (const [theirs, ours] of ids) out = out.split(theirs).join(ours);
    return out;
  };
  const send = async (raw: Raw) => s.send(raw.method, mapIds(raw.path), raw.body === undefined ? undefined : mapIds(raw.body));

  /** Creates what an uncaptured earlier request would have: the filtered-for resource, the
   * duplicate's original, a resource fetched by an id we never saw. */
  async function seed(t: Captured, raw: Raw): Promise<void> {
    const filter = /filter=(userName|displayName)\+eq\+"([^"]+)"/.exec(raw.path);
    const expectedTotal = t.ResponseBody ? (JSON.parse(t.ResponseBody) as { totalResults?: number }).totalResults : undefined;
    const present = filter ? (await send(raw)).body?.totalResults : undefined;
    if (filter && expectedTotal && present === 0 && !seeded.has(decodeURIComponent(filter[2]!).toLowerCase())) {
      const value = decodeURIComponent(filter[2]!);
      const users = filter[1] === "userName";
      const r = await s.send("POST", users ? "/Users" : "/Groups", users ? { schemas: [USER], userName: value } : { schemas: [GROUP], displayName: value });
      expect(r.status).toBe(201);
      seeded.add(value.toLowerCase());
      seeds++;
    }
    if (raw.method === "POST" && status(t.ResponseStatus) === 409) {
      const r = await send(raw);
      expect([r.status, r.body?.detail]).toEqual([201, undefined]);
      seeds++;
    }
    const byId = /^\/(Users|Groups)\/([0-9a-f-]{36})/.exec(raw.path);
    if (byId && !ids.has(byId[2]!) && status(t.ResponseStatus) < 300) {
      const users = byId[1] === "Users";
      const r = await s.send("POST", `/${byId[1]}`, users ? { schemas: [USER], userName: `seed-${byId[2]}` } : { schemas: [GROUP], displayName: `seed-${byId[2]}` });
      ids.set(byId[2]!, r.body.id);
      seeds++;
    }
  }

  it("answers every captured request as the validator expected", async () => {
    const mismatches: string[] = [];
    for (const t of tests) {
      if (t.Name.includes("(Skipped)") || t.Description.includes("(Skipped)")) continue;
      const initial = t.InitialRequestBodies ?? [];
      for (let i = 0; i < initial.length; i++) {
        const r = await send(parseRaw(initial[i]!));
        const want = status(t.InitialResponseStatuses?.[i] ?? "0");
        if (r.status !== want) mismatches.push(`${t.Description} (setup ${i}): ${r.status} ≠ ${want} ${JSON.stringify(r.body?.detail ?? "")}`);
        const theirs = t.InitialResponses?.[i] ? (JSON.parse(t.InitialResponses[i]!) as { id?: string }).id : undefined;
        if (theirs && r.body?.id) ids.set(theirs, r.body.id);
      }
      const raw = parseRaw(t.RequestBody);
      await seed(t, raw);
      const r = await send(raw);
      const want = status(t.ResponseStatus);
      if (r.status !== want) mismatches.push(`${t.Description}: ${r.status} ≠ ${want} ${JSON.stringify(r.body?.detail ?? "")}`);
      const expected = t.ResponseBody && t.ResponseBody.startsWith("{") ? (JSON.parse(t.ResponseBody) as { totalResults?: number }) : undefined;
      if (expected?.totalResults !== undefined && r.body?.totalResults !== expected.totalResults) {
        mismatches.push(`${t.Description}: totalResults ${r.body?.totalResults} ≠ ${expected.totalResults}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 30_000);

  it("keeps the relative profileUrl as sent; strict refuses it naming profileUrl", async () => {
    const body = parseRaw(tests[0]!.InitialRequestBodies![0]!).body!.replace("nickolas.bernhard", "relative.ref");
    expect(body).toContain('"profileUrl":"MFGMUGTYPBKA"');
    const r = await s.send("POST", "/Users", body);
    expect(r.status).toBe(201);
    expect(r.body.profileUrl).toBe("MFGMUGTYPBKA");
    expect((await s.stored("User", r.body.id))?.profileUrl).toBe("MFGMUGTYPBKA");
    const strict = await startReplay([]);
    try {
      const refused = await strict.send("POST", "/Users", body);
      expect([refused.status, refused.body.scimType]).toEqual([400, "invalidValue"]);
      expect(refused.body.detail).toContain("profileUrl");
    } finally {
      await strict.close();
    }
  });

  it("stored what the validator's PATCHes asked for", async () => {
    const find = (name: string) => tests.find((t) => t.Description === name)!;
    const target = (t: Captured) => ids.get(/\/(?:Users|Groups)\/([0-9a-f-]{36})/.exec(parseRaw(t.RequestBody).path)![1]!)!;
    const addManager = find("Patch User - Add Manager");
    const managerId = ids.get(JSON.parse(addManager.InitialResponses![1]!).id)!;
    expect((await s.stored("User", target(addManager)))?.[ENTERPRISE]).toMatchObject({ manager: { value: managerId } });
    expect((await s.stored("User", target(find("Patch User - Remove Manager"))))?.[ENTERPRISE]).not.toHaveProperty("manager");
    expect((await s.stored("User", target(find("Patch User - Disable User"))))?.active).toBe(false);
    const addMember = find("Patch Group - Add Member");
    expect(memberIds(await s.stored("Group", target(addMember)))).toEqual([ids.get(JSON.parse(addMember.InitialResponses![1]!).id)]);
  });
});
