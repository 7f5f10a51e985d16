import { createServer } from "node:http";
import { serve } from "@hono/node-server";
import express from "express";
import Fastify from "fastify";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { listenNode } from "../../src/runtime/adapters/node.js";
import type { KernelOptions } from "../../src/runtime/http/kernel.js";
import { memoryStore } from "../../src/runtime/stores/memory/index.js";
import { bearerTokens } from "../../src/runtime/tenancy/index.js";
import { generate, TOKENS } from "./support/servers.js";

// The generated server mounted inside an application that has its own routes: SCIM paths go
// to the kernel, everything else stays the application's.

type Options = Omit<KernelOptions, "manifest" | "validators">;
const options = (): Options => ({ store: memoryStore(), auth: bearerTokens({ default: TOKENS.default }), logger: { error: () => {}, warn: () => {} } });

async function check(url: string): Promise<void> {
  const own = await fetch(`${url}/health`);
  expect(own.status).toBe(200);
  expect(await own.text()).toBe("ok");
  const scim = await fetch(`${url}/scim/v2/Users`, { headers: { authorization: `Bearer ${TOKENS.default}` } });
  expect(scim.status).toBe(200);
  expect(scim.headers.get("content-type")).toBe("application/scim+json");
  expect((await fetch(`${url}/scim/v2/Users`)).status).toBe(401);
}

describe("mounting the generated server in an existing app", () => {
  it("Express: app.use(scim.router) beside the app's routes", async () => {
    const { createScim } = (await import(generate("express"))) as { createScim(o: Options): { router: express.Router } };
    const app = express();
    app.get("/health", (_req, res) => void res.type("text/plain").send("ok"));
    app.use(createScim(options()).router);
    const running = await listenNode(createServer(app), 0, "127.0.0.1");
    await check(running.url);
    await running.close();
  });

  it("Fastify: app.register(scim.plugin) beside the app's routes", async () => {
    const { createScim } = (await import(generate("fastify"))) as { createScim(o: Options): { plugin: (app: ReturnType<typeof Fastify>) => Promise<void> } };
    const app = Fastify();
    app.get("/health", async (_req, reply) => reply.type("text/plain").send("ok"));
    await app.register(createScim(options()).plugin);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    await check(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
    await app.close();
  });

  it("Hono: app.route('/', scim.app) beside the app's routes", async () => {
    const { createScim } = (await import(generate("hono"))) as { createScim(o: Options): { app: Hono } };
    const app = new Hono();
    app.get("/health", (c) => c.text("ok"));
    app.route("/", createScim(options()).app);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const address = server.address();
    await check(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
    await new Promise((r) => server.close(r));
  });
});
