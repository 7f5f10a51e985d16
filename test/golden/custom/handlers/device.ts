// Your handler for Device (/Devices): this file is yours. scim-gen created it once
// and never overwrites it. Pass it to createScim({ handlers: { Device: deviceHandler } })
// to serve Device from your own data instead of a built-in store. Inputs arrive
// validated; throw ScimError for client faults (404, 409 uniqueness, 412 precondition).
import { ScimError, defineHandler, type ListQuery, type RequestContext } from "scim-gen/runtime";
import type { Device, DeviceCreateInput, DeviceReplaceInput } from "../models.js";
import type { DeviceFilter } from "../filters.js";

const todo = (operation: string): ScimError =>
  new ScimError(501, undefined, `Device ${operation} is not implemented yet (handlers/device.ts)`);

export const deviceHandler = defineHandler<
  Device,
  DeviceCreateInput,
  DeviceReplaceInput,
  DeviceFilter
>({
  async create(_ctx: RequestContext, _input: DeviceCreateInput) {
    throw todo("create");
  },
  async get(_ctx: RequestContext, _id: string) {
    throw todo("get");
  },
  async replace(_ctx: RequestContext, _id: string, _input: DeviceReplaceInput) {
    throw todo("replace");
  },
  async delete(_ctx: RequestContext, _id: string) {
    throw todo("delete");
  },
  async list(_ctx: RequestContext, _query: ListQuery<DeviceFilter>) {
    throw todo("list");
  },
});
