export type * from "../runtime/manifest/model.js";
export * from "./build.js";
