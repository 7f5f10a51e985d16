export type * from "./types.js";
export * from "./resolvers.js";
export * from "./bearer.js";
