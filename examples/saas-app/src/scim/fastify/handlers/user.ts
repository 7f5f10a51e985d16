// Your handler for User (/Users): this file is yours. scim-gen created it once
// and never overwrites it. Pass it to createScim({ handlers: { User: userHandler } })
// to serve User from your own data instead of a built-in store. Inputs arrive
// validated; throw ScimError for client faults (404, 409 uniqueness, 412 precondition).
import { ScimError, defineHandler, type ListQuery, type RequestContext } from "scim-gen/runtime";
import type { User, UserCreateInput, UserReplaceInput } from "../models.js";
import type { UserFilter } from "../filters.js";

const todo = (operation: string): ScimError =>
  new ScimError(501, undefined, `User ${operation} is not implemented yet (handlers/user.ts)`);

export const userHandler = defineHandler<User, UserCreateInput, UserReplaceInput, UserFilter>({
  async create(_ctx: RequestContext, _input: UserCreateInput) {
    throw todo("create");
  },
  async get(_ctx: RequestContext, _id: string) {
    throw todo("get");
  },
  async replace(_ctx: RequestContext, _id: string, _input: UserReplaceInput) {
    throw todo("replace");
  },
  async delete(_ctx: RequestContext, _id: string) {
    throw todo("delete");
  },
  async list(_ctx: RequestContext, _query: ListQuery<UserFilter>) {
    throw todo("list");
  },
});
