// PATCH throughput, ours vs scim-patch (`npm run bench -- patch`): the same 3-operation
// PatchOp on the same RFC 7643 §8.2 user, one run each, ratio printed. Ours includes what
// a server must do: message checks, path resolution, mutability, and revalidating the
// result with the generated validator. scim-patch copies the document (mutateDocument:
// false) so that neither side changes its input.
import { scimPatch, type ScimPatchOperation, type ScimResource } from "scim-patch";
import { patchResource } from "../../src/runtime/patch/index.js";
import { coreIndex } from "../../test/support/core-manifest.js";
import { validators } from "../../test/support/generated/core-validators.js";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const user = {
  schemas: [USER, ENT],
  id: "2819c223-7f76-453a-919d-413861904646",
  externalId: "bjensen",
  userName: "bjensen@example.com",
  name: { formatted: "Ms. Barbara J Jensen, III", familyName: "Jensen", givenName: "Barbara" },
  displayName: "Babs Jensen",
  active: true,
  emails: [
    { value: "bjensen@example.com", type: "work", primary: true },
    { value: "babs@jensen.org", type: "home" },
  ],
  phoneNumbers: [{ value: "555-555-5555", type: "work" }],
  [ENT]: { employeeNumber: "701984", department: "Tour Operations" },
}; // as stored: meta is built per response, not stored (stores/contract.ts)
const Operations = [
  { op: "replace", path: "name.familyName", value: "Jensen-Smith" },
  { op: "add", path: "emails", value: [{ value: "bj@new.example.com", type: "other" }] },
  { op: "replace", path: 'emails[type eq "work"].value', value: "barbara@example.com" },
];
const body = { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations };

const users = coreIndex().resourceType("User")!;
const validateUser = validators.User!;
const ours = (): unknown => patchResource(user, body, users, validateUser);
const theirs = (): unknown => scimPatch(user as unknown as ScimResource, Operations as ScimPatchOperation[], { mutateDocument: false });

/** Operations per second over ~`ms` milliseconds after a warm-up. */
function measure(fn: () => unknown, ms = 1500): number {
  for (let i = 0; i < 20_000; i++) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 1000; i++) fn();
    n += 1000;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

// Both produce the same change (sanity check before timing).
const a = ours() as typeof user;
const b = theirs() as typeof user;
if (a.name.familyName !== b.name.familyName || a.emails.length !== b.emails.length || a.emails[0]!.value !== b.emails[0]!.value) {
  throw new Error("the two implementations disagree on the benchmark patch");
}

const oursRate = measure(ours);
const theirsRate = measure(theirs);
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US").padStart(10);
console.log(`PATCH, 3 operations on one user (node ${process.version})`);
console.log(`  scim-gen (apply + revalidate) ${fmt(oursRate)} ops/s`);
console.log(`  scim-patch 0.8 (apply only)   ${fmt(theirsRate)} ops/s`);
console.log(`  ratio                         ${(oursRate / theirsRate).toFixed(2)}x (target >= 2x)`);
