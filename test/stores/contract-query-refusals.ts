import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kernel } from "../../src/runtime/http/kernel.js";
import type { Store } from "../../src/runtime/stores/contract.js";
import { bearerTokens, singleTenant } from "../../src/runtime/tenancy/index.js";
import { caller, kernel, user, type Call } from "../bulk/support.js";
import type { ContractTarget } from "./helpers.js";

// Over the HTTP pipeline on each store: list and search queries cannot read a password
// (RFC 7643 §4.1.1, §7: never returned, compared for equality only) through any door
// (GET /Users, POST /Users/.search, GET / and POST /.search, cursor pages), and
// meta.version/meta.location, which no store keeps, are the same 400 on every store.

const SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
const PASSWORDS = ["zebra", "apple", "mango"];

type Door = (call: Call, q: { filter?: string; sortBy?: string }) => ReturnType<Call>;
const qs = (q: { filter?: string; sortBy?: string }) => new URLSearchParams(q as Record<string, string>).toString();
const DOORS: [string, Door][] = [
  ["GET /Users", (call, q) => call("GET", `/Users?${qs(q)}`)],
  ["POST /Users/.search", (call, q) => call("POST", "/Users/.search", { schemas: [SEARCH], ...q })],
  ["GET /", (call, q) => call("GET", `/?${qs(q)}`)],
  ["POST /.search", (call, q) => call("POST", "/.search", { schemas: [SEARCH], ...q })],
  ["GET /Users?cursor", (call, q) => call("GET", `/Users?cursor&${qs(q)}`)],
];

const REFUSED_FILTERS: [string, string][] = [
  ['userName sw "p" and password sw "ze"', '"password" is never returned'],
  ['password gt "m"', '"password" is never returned'],
  ['password co "ng"', '"password" is never returned'],
  ["meta.version pr", '"meta.version" cannot be used in a filter'],
  ['meta.version eq "W/\\"1\\""', '"meta.version" cannot be used in a filter'],
  ["meta.location pr", '"meta.location" cannot be used in a filter'],
  ['meta.location eq "https://example.com/scim/v2/Users/x"', '"meta.location" cannot be used in a filter'],
];

const REFUSED_SORTS: [string, string][] = [
  ["password", 'sortBy: attribute "password" is never returned'],
  ["meta.version", 'sortBy: "meta.version" cannot be sorted on'],
  ["meta.location", 'sortBy: "meta.location" cannot be sorted on'],
];

export function queryRefusalContract(target: ContractTarget): void {
  describe("list queries cannot disclose a password or use meta.version (over HTTP)", () => {
    let store: Store;
    let k: Kernel;
    let call: Call;
    beforeAll(async () => {
      store = await target.make();
      const tenant = `refusals-${Math.random().toString(36).slice(2, 8)}`;
      const token = `token-${tenant}-0123456789`;
      k = kernel({ store, auth: bearerTokens({ [tenant]: token }), tenancy: singleTenant({ tenant }) });
      call = caller(k, "/scim/v2", token);
      for (const password of PASSWORDS) {
        expect((await call("POST", "/Users", user(`p-${password}`, { password }))).status).toBe(201);
      }
    });
    afterAll(async () => store?.close());

    const filterCases = DOORS.flatMap(([door, send]) => REFUSED_FILTERS.map(([filter, detail]) => [door, filter, detail, send] as const));
    it.each(filterCases)("%s filter=%s is 400 invalidFilter", async (_door, filter, detail, send) => {
      const r = await send(call, { filter });
      expect([r.status, r.body.scimType]).toEqual([400, "invalidFilter"]);
      expect(r.body.detail).toContain(detail);
    });

    const sortCases = DOORS.flatMap(([door, send]) => REFUSED_SORTS.map(([sortBy, detail]) => [door, sortBy, detail, send] as const));
    it.each(sortCases)("%s sortBy=%s is 400 invalidValue", async (_door, sortBy, detail, send) => {
      const r = await send(call, { sortBy });
      expect([r.status, r.body.scimType]).toEqual([400, "invalidValue"]);
      expect(r.body.detail).toContain(detail);
    });

    const ALLOWED: [string, string[]][] = [
      ['password eq "zebra"', ["p-zebra"]],
      ['userName sw "p" and password eq "ZEBRA"', ["p-zebra"]], // caseExact=false, as the evaluator
      ['password ne "zebra"', ["p-apple", "p-mango"]],
      ["password pr", ["p-apple", "p-mango", "p-zebra"]],
      ['not (password eq "apple")', ["p-mango", "p-zebra"]],
    ];
    const allowedCases = DOORS.slice(0, 4).flatMap(([door, send]) => ALLOWED.map(([filter, names]) => [door, filter, names, send] as const));
    it.each(allowedCases)("%s filter=%s still answers, without the password", async (_door, filter, names, send) => {
      const r = await send(call, { filter, sortBy: "userName" });
      expect(r.status).toBe(200);
      const resources = r.body.Resources as Record<string, unknown>[];
      expect(resources.map((u) => u.userName)).toEqual(names);
      expect(resources.every((u) => !("password" in u))).toBe(true);
    });
  });
}
