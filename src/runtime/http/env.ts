import { ScimError } from "../errors.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import { linkMembers, type MemberLinks } from "../resource/member-links.js";
import type { ResourceValidator, ValidateOptions } from "../resource/validator.js";
import type { AnyResourceHandler, ResourceHandler } from "./handler.js";
import { projectResource, toRepresentation, etagFor } from "./semantics.js";
import type { Projection } from "./query.js";
import type { RequestContext, ResourceRecord } from "./types.js";
import type { BodyLimits } from "./body.js";
import type { CursorSettings } from "../list/paging.js";

// What the endpoint functions share: per resource type the handler and validator, the
// body limits and paging maximum. Built once by createKernel; look-ups are by the
// resource type name, resolved once per request by the router.

export interface ResourceTypeRuntime {
  readonly type: ResourceTypeIndex;
  readonly handler: ResourceHandler<{ [key: string]: unknown }, { [key: string]: unknown }, { [key: string]: unknown }>;
  readonly validate: ResourceValidator;
  /** Membership lists (Group.members): cleaned on write, `$ref` computed on read. */
  readonly members: MemberLinks;
}

export interface Env {
  readonly types: ReadonlyMap<string, ResourceTypeRuntime>;
  readonly limits: BodyLimits;
  readonly maxResults: number;
  /** Page size when a list request gives no count (RFC 9865 §4 defaultPageSize). */
  readonly defaultPageSize: number;
  readonly validateOptions: Omit<ValidateOptions, "mode" | "existing">;
  /** Opens the store on first use; undefined once it is open. */
  readonly ready: () => Promise<void> | undefined;
  /** RFC 9865 cursor paging; undefined when switched off. */
  readonly cursors?: CursorSettings;
}

export function runtimeFor(env: Env, type: ResourceTypeIndex): ResourceTypeRuntime {
  const rt = env.types.get(type.resourceType.name);
  if (!rt) throw ScimError.notFound(`resource type ${type.resourceType.name} is not served`);
  return rt;
}

/** The handler contract with its generic parameters erased for the kernel. */
export function eraseHandler(handler: AnyResourceHandler | ResourceHandler<never, never, never, never>): ResourceTypeRuntime["handler"] {
  return handler as unknown as ResourceTypeRuntime["handler"];
}

/** RFC 7643 §3.1 representation with meta, then RFC 7644 §3.9 projection. */
export function represent(ctx: RequestContext, rt: ResourceTypeRuntime, record: ResourceRecord, projection: Projection): Record<string, unknown> {
  const rep = toRepresentation(record, rt.type, ctx.baseUrl);
  if (rt.members.rules.length) linkMembers(rep, rt.members, ctx.baseUrl);
  return projectResource(rep, rt.type, projection);
}

export function etagHeader(record: ResourceRecord): Record<string, string> {
  return { etag: etagFor(record.version) };
}

export function locationOf(ctx: RequestContext, rt: ResourceTypeRuntime, id: string): string {
  return `${ctx.baseUrl}${rt.type.resourceType.endpoint}/${encodeURIComponent(id)}`;
}
