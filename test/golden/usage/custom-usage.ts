// Compile-time proof that the generated types accept real SCIM shapes and reject wrong
// ones. Checked by `tsc -p test/golden/tsconfig.strictest.json` in test/golden; never run.
import type { UserFilter, DeviceFilter } from "../custom/filters.js";
import { manifest, schemaUrns, type ResourceTypeName } from "../custom/manifest.js";
import type { Device, DeviceCreateInput, DevicePatchRequest, User, UserAttributePath, UserCreateInput, UserPatchOperation } from "../custom/models.js";

const ACME = "urn:example:params:scim:schemas:extension:acme:2.0:User";

export const user: User = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ACME],
  id: "2819c223",
  userName: "bjensen",
  emails: [{ value: "bjensen@example.com", type: "work", primary: true }, { value: "b@example.org", type: "custom-type" }],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { employeeNumber: "701984", manager: { value: "26118915", displayName: "John Smith" } },
  [ACME]: { badgeNumber: "B-1", clearance: "secret", desks: [{ value: "D1", floor: 3 }] },
};

export const create: UserCreateInput = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "bjensen", password: "t1meMa$heen", [ACME]: {} };
// @ts-expect-error id is readOnly: not part of the create input
export const createWithId: UserCreateInput = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "x", [ACME]: {}, id: "1" };
// @ts-expect-error userName is required
export const createWithoutUserName: UserCreateInput = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], [ACME]: {} };
// @ts-expect-error password is returned never: not part of the resource as returned
export const returnedPassword: User = { ...user, password: "x" };

export const paths: UserAttributePath[] = [
  "userName",
  "name.familyName",
  "emails.value",
  "urn:ietf:params:scim:schemas:core:2.0:User:userName",
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
  `${ACME}:desks.floor`,
];
// @ts-expect-error not an attribute of User
export const badPath: UserAttributePath = "name.nickname";

export const ops: UserPatchOperation[] = [
  { op: "replace", path: 'emails[type eq "work"].value', value: "new@example.com" },
  { op: "add", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", value: { department: "R&D" } },
  { op: "remove", path: 'emails[type eq "home"]' },
  { op: "replace", value: { displayName: "Babs", active: false } },
];
// @ts-expect-error sub-attribute after a valuePath must exist on emails
export const badOp: UserPatchOperation = { op: "replace", path: 'emails[type eq "work"].nope', value: 1 };

export const filter: UserFilter = {
  type: "logical",
  operator: "and",
  left: { type: "comparison", attributePath: "userName", operator: "eq", value: "bjensen" },
  right: { type: "valuePath", attributePath: "emails", filter: { type: "comparison", attributePath: "type", operator: "eq", value: "work" } },
};
// @ts-expect-error valuePath inner paths are emails' sub-attributes
export const badFilter: UserFilter = { type: "valuePath", attributePath: "emails", filter: { type: "presence", attributePath: "familyName" } };

export const device: Device = {
  schemas: ["urn:example:params:scim:schemas:core:2.0:Device"],
  id: "d1",
  serialNumber: "SN1",
  class: "laptop",
  default: true,
  "x-foo": "bar",
  model: { name: "X1", "x-revision": 3 },
  ports: [{ value: "usb0", type: "usb", speed: 5.0 }],
  tags: ["a", "b"],
};
export const deviceCreate: DeviceCreateInput = { schemas: ["urn:example:params:scim:schemas:core:2.0:Device"], serialNumber: "SN2", enrollmentSecret: "s" };
export const deviceFilter: DeviceFilter = { type: "presence", attributePath: "x-foo" };
export const devicePatch: DevicePatchRequest = {
  schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
  Operations: [{ op: "replace", path: 'ports[type eq "usb"].speed', value: 10 }],
};

export const names: ResourceTypeName[] = ["Device", "Group", "User"];
export const deviceUrn: "urn:example:params:scim:schemas:core:2.0:Device" = schemaUrns.Device;
export const schemaCount: number = manifest.schemas.length;
