import type { Filter } from "../filter/ast.js";
import type { ListQuery, ListResult, RequestContext, ResourceRecord, WriteConditions } from "./types.js";

// The contract between the kernel and the code that owns a resource type's data: either a
// built-in store (adapted by `storeHandler`) or the user's own handler (the generated
// stubs in handlers/*.ts). Inputs arrive validated and canonical (the generated
// validators ran first); errors are ScimErrors (404, 409 uniqueness, 412).

/** RFC 7644 §3.5.2 PatchOp request body, already checked to be an object. */
export interface PatchRequest {
  readonly schemas: readonly string[];
  readonly Operations: readonly PatchOperation[];
}

export interface PatchOperation {
  readonly op: string;
  readonly path?: string;
  readonly value?: unknown;
}

export interface ResourceHandler<
  Resource = { [key: string]: unknown },
  CreateInput = Resource,
  ReplaceInput = CreateInput,
  F extends Filter = Filter,
> {
  /** The handler assigns the id (RFC 7643 §3.1: ids are issued by the service provider). */
  create(ctx: RequestContext, input: CreateInput): Promise<ResourceRecord<Resource>>;
  get(ctx: RequestContext, id: string): Promise<ResourceRecord<Resource> | undefined>;
  /** `conditions.ifVersion`: fail with 412 unless the stored version matches, atomically. */
  replace(ctx: RequestContext, id: string, input: ReplaceInput, conditions: WriteConditions): Promise<ResourceRecord<Resource>>;
  delete(ctx: RequestContext, id: string, conditions: WriteConditions): Promise<void>;
  /** Filter, sort and paging are the handler's to apply; the query is already validated. */
  list(ctx: RequestContext, query: ListQuery<F>): Promise<ListResult<Resource>>;
  /** Optional: without it the kernel runs get -> applyPatch -> validate -> conditional replace. */
  patch?(ctx: RequestContext, id: string, request: PatchRequest, conditions: WriteConditions): Promise<ResourceRecord<Resource>>;
}

/** Handlers by resource type name ("User"), erased to the kernel's view. */
export type AnyResourceHandler = ResourceHandler<{ [key: string]: unknown }, never, never, never>;

/** Identity helper that keeps the generic parameters when writing a handler by hand. */
export function defineHandler<R, C, P, F extends Filter>(handler: ResourceHandler<R, C, P, F>): ResourceHandler<R, C, P, F> {
  return handler;
}
