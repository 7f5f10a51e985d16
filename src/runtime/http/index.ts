// The request pipeline: handle(ScimRequest) -> ScimResponse over a RequestContext.
export * from "./kernel.js";
export type * from "./types.js";
export type { ResourceHandler, AnyResourceHandler, PatchRequest, PatchOperation } from "./handler.js";
export { defineHandler } from "./handler.js";
export { storeHandler } from "./store-handler.js";
export type { MeHook } from "./dispatch.js";
export type { AuthenticationScheme } from "./discovery.js";
export { SCIM_CONTENT_TYPE } from "./response.js";
