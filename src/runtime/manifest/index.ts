export type * from "./model.js";
export * from "./common.js";
export * from "./resolve.js";
