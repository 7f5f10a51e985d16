import { ScimError } from "../../errors.js";
import type { UniqueRule } from "./rules.js";

// The precise errors every store raises, worded the same whichever store is in use.

export const notFound = (resourceType: string, id: string): ScimError =>
  ScimError.notFound(`${resourceType} ${JSON.stringify(id)} not found`);

export const unknownResourceType = (resourceType: string): ScimError =>
  ScimError.notFound(`unknown resource type ${JSON.stringify(resourceType)}`);

// RFC 7644 §3.3: 409 with scimType "uniqueness"; the other resource's id is not disclosed.
export const notUnique = (resourceType: string, rule: UniqueRule, value: unknown): ScimError =>
  ScimError.conflict(`${rule.path} ${JSON.stringify(value)} is already used by another ${resourceType}`);

// RFC 7644 §3.14: a stale If-Match version fails with 412.
export const staleVersion = (resourceType: string, id: string, expected: number, actual: number): ScimError =>
  ScimError.preconditionFailed(
    `${resourceType} ${JSON.stringify(id)} is at version ${actual}, not the expected version ${expected}`,
  );

export const danglingReference = (attribute: string, targets: readonly string[], id: string): ScimError =>
  ScimError.badRequest("invalidValue", `${attribute}: no ${targets.join(" or ")} with id ${JSON.stringify(id)} in this tenant`);

export const unknownSortBy = (path: string): ScimError =>
  ScimError.badRequest("invalidValue", `sortBy: unknown attribute ${JSON.stringify(path)}`);

/** RFC 7644 §3.4.2.4: startIndex < 1 means 1, count < 0 means 0. */
export function pageBounds(startIndex: number, count: number): { offset: number; limit: number } {
  const offset = Number.isFinite(startIndex) && startIndex > 1 ? Math.floor(startIndex) - 1 : 0;
  const limit = Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
  return { offset, limit };
}
