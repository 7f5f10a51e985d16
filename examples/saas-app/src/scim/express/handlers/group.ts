// Your handler for Group (/Groups): this file is yours. scim-gen created it once
// and never overwrites it. Pass it to createScim({ handlers: { Group: groupHandler } })
// to serve Group from your own data instead of a built-in store. Inputs arrive
// validated; throw ScimError for client faults (404, 409 uniqueness, 412 precondition).
import { ScimError, defineHandler, type ListQuery, type RequestContext } from "scim-gen/runtime";
import type { Group, GroupCreateInput, GroupReplaceInput } from "../models.js";
import type { GroupFilter } from "../filters.js";

const todo = (operation: string): ScimError =>
  new ScimError(501, undefined, `Group ${operation} is not implemented yet (handlers/group.ts)`);

export const groupHandler = defineHandler<Group, GroupCreateInput, GroupReplaceInput, GroupFilter>({
  async create(_ctx: RequestContext, _input: GroupCreateInput) {
    throw todo("create");
  },
  async get(_ctx: RequestContext, _id: string) {
    throw todo("get");
  },
  async replace(_ctx: RequestContext, _id: string, _input: GroupReplaceInput) {
    throw todo("replace");
  },
  async delete(_ctx: RequestContext, _id: string) {
    throw todo("delete");
  },
  async list(_ctx: RequestContext, _query: ListQuery<GroupFilter>) {
    throw todo("list");
  },
});
