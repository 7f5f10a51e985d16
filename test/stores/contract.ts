import { afterAll, beforeAll, describe } from "vitest";
import { storeManifest } from "./manifest.js";
import type { ContractTarget, Ctx } from "./helpers.js";
import { crudContract } from "./contract-crud.js";
import { uniquenessContract } from "./contract-uniqueness.js";
import { tenancyContract, versionContract } from "./contract-tenancy.js";
import { listContract } from "./contract-list.js";
import { keysetContract } from "./contract-keyset.js";
import { membershipContract } from "./contract-membership.js";
import { memberRulesContract } from "./contract-member-rules.js";
import { filterContract } from "./contract-filters.js";
import { hostileContract } from "./contract-hostile.js";
import { corpusContract } from "./contract-corpus.js";
import { queryRefusalContract } from "./contract-query-refusals.js";

// The one Store contract suite (issue 6, deliver 1), run unchanged by memory.test.ts,
// sqlite.test.ts and postgres.test.ts. Each test works in fresh tenants, so one store
// instance serves the whole file and tenant isolation is exercised all the time.

export { newId, scimError, user, type ContractTarget, type Ctx } from "./helpers.js";

export function storeContract(name: string, target: ContractTarget): void {
  describe(`Store contract: ${name}`, () => {
    const ctx = {} as Ctx;
    let n = 0;
    beforeAll(async () => {
      ctx.store = await target.make();
      await ctx.store.open(storeManifest());
      const run = Math.random().toString(36).slice(2, 8);
      ctx.tenant = () => ctx.store.tenant(`t-${run}-${n++}`);
    });
    afterAll(async () => {
      await ctx.store?.close();
    });
    crudContract(ctx);
    uniquenessContract(ctx);
    tenancyContract(ctx);
    versionContract(ctx);
    listContract(ctx);
    keysetContract(ctx);
    membershipContract(ctx);
    memberRulesContract(ctx);
    filterContract(ctx);
    hostileContract(ctx);
    corpusContract(target);
    queryRefusalContract(target);
    // After every nested describe's own afterAll.
    afterAll(async () => {
      await target.cleanup?.();
    });
  });
}

