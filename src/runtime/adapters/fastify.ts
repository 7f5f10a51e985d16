import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kernel } from "../http/kernel.js";
import type { ScimBody } from "../http/types.js";
import { NodeScimRequest, type NodeAdapterOptions } from "./node.js";
import { turnEnd } from "./turn-end.js";

// Fastify 5 adapter: a plugin whose content-type parser passes the raw payload stream
// through unread, so the kernel (not Fastify) applies the SCIM body limit and JSON rules.

export function fastifyPlugin(kernel: Kernel, options: NodeAdapterOptions = {}): (app: FastifyInstance) => Promise<void> {
  const coalesce = options.coalesceWrites ?? true;
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_req: FastifyRequest, payload: unknown, done: (err: null, body: unknown) => void) => done(null, payload));
    const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      // The node adapter's request over Fastify's raw objects, with Fastify's payload stream.
      const scim = new NodeScimRequest(request.raw, reply.raw, request.raw.url ?? request.url, (request.body as ScimBody | undefined) ?? request.raw);
      const r = await kernel.handle(scim);
      scim.release();
      if (coalesce) await turnEnd(); // the turn's responses go out together (turn-end.ts)
      reply.code(r.status).headers(r.headers);
      // A Buffer, so Fastify does not append "; charset=utf-8" to application/scim+json.
      await reply.send(r.body === undefined ? undefined : Buffer.from(r.body));
    };
    app.all("/", handler);
    app.all("/*", handler);
  };
}

/** `Fastify({ frameworkErrors: fastifyFrameworkErrors })`: requests Fastify rejects before
 * routing (a malformed URL, a bad header) still get an RFC 7644 §3.12 body. */
export function fastifyFrameworkErrors(error: Error & { code?: string; statusCode?: number }, _req: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const detail = error.code === "FST_ERR_BAD_URL" ? "malformed percent-encoding in path" : "malformed HTTP request";
  const body: Record<string, string> = { status: String(status) };
  if (status === 400) body.scimType = "invalidSyntax";
  body.detail = detail;
  void reply
    .code(status)
    .header("content-type", "application/scim+json")
    .send(Buffer.from(JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], ...body })));
}
