import { ScimError } from "../../src/runtime/errors.js";
import { validators } from "../support/generated/core-validators.js";
import { coreIndex } from "../support/core-manifest.js";

// Shared fixtures for PATCH tests: the core index, validators and RFC-shaped resources.

export const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

const index = coreIndex();
export const users = index.resourceType("User")!;
export const groups = index.resourceType("Group")!;
export const validateUser = validators.User!;
export const validateGroup = validators.Group!;

export const patch = (...Operations: unknown[]): Record<string, unknown> => ({ schemas: [PATCH_OP], Operations });

export function user(): Record<string, unknown> {
  return {
    schemas: [USER, ENT],
    id: "2819c223-7f76-453a-919d-413861904646",
    externalId: "bjensen",
    userName: "bjensen",
    name: { familyName: "Jensen", givenName: "Barbara" },
    nickName: "Babs",
    emails: [
      { value: "bjensen@example.com", type: "work", primary: true },
      { value: "babs@jensen.org", type: "home" },
    ],
    addresses: [{ type: "work", streetAddress: "100 Universal City Plaza", locality: "Hollywood", region: "CA", postalCode: "91608", country: "USA", primary: true }],
    [ENT]: { employeeNumber: "701984", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d", displayName: "John Smith" } },
  };
}

export const BABS = { display: "Babs Jensen", $ref: "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646", value: "2819c223-7f76-453a-919d-413861904646" };
export const JAMES = { display: "James Smith", $ref: "https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210", value: "08e1d05d-121c-4561-8b96-473d93df9210" };

export function group(members: unknown[] = [JAMES]): Record<string, unknown> {
  return { schemas: [GROUP], id: "e9e30dba-f08f-4109-8486-d5c6a331660a", displayName: "Tour Guides", members };
}

export function scimError(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error("expected a ScimError");
}
