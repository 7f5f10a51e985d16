// The two sides of the PATCH benchmark (bench/patch/run.ts): the same 3-operation PatchOp
// on the same RFC 7643 §8.2 user. Ours includes what a server must do: message checks,
// path resolution, mutability, and revalidating the result with the generated validator.
// scim-patch copies the document (mutateDocument: false) so neither side changes its input.
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
export const ours = (): unknown => patchResource(user, body, users, validateUser);
export const theirs = (): unknown => scimPatch(user as unknown as ScimResource, Operations as ScimPatchOperation[], { mutateDocument: false });

/** POST validation alone (mode create), for the validator figure. */
const { id: _id, ...body0 } = user;
export const validateCreate = (): unknown => validateUser(body0, { mode: "create" });

/** Both produce the same change (checked before timing). */
export function agree(): boolean {
  const a = ours() as typeof user;
  const b = theirs() as typeof user;
  return a.name.familyName === b.name.familyName && a.emails.length === b.emails.length && a.emails[0]!.value === b.emails[0]!.value;
}
