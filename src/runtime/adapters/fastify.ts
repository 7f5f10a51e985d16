import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kernel } from "../http/kernel.js";
import type { ScimBody } from "../http/types.js";

// Fastify 5 adapter: a plugin whose content-type parser passes the raw payload stream
// through unread, so the kernel (not Fastify) applies the SCIM body limit and JSON rules.

export function fastifyPlugin(kernel: Kernel): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_req: FastifyRequest, payload: unknown, done: (err: null, body: unknown) => void) => done(null, payload));
    const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const abort = new AbortController();
      request.raw.once("close", () => {
        if (!reply.sent) abort.abort();
      });
      const body = (request.body as ScimBody | undefined) ?? request.raw;
      const r = await kernel.handle({ method: request.method, url: request.raw.url ?? request.url, headers: request.headers, body, signal: abort.signal });
      reply.code(r.status).headers(r.headers);
      await reply.send(r.body);
    };
    app.all("/", handler);
    app.all("/*", handler);
  };
}
