import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import SCIMMY from "scimmy";

// The peer for bench/http: SCIMMY 1.x behind Express 5, wired the way scimmy-routers does
// it (a resource instance per request: read / write / patch / dispose), over an in-memory
// Map with a userName index so it gets the same O(1) uniqueness check as scim-gen's store.
// Filtering is SCIMMY's own (Filter.match over the users), as its documentation shows.

// SCIMMY's typings ask for a string scimType; at run time null means "none".
const NO_TYPE = null as unknown as string;
/** SCIMMY accepts a query object alone (no id); its typings only list (id, query). */
const UserResource = SCIMMY.Resources.User as unknown as new (idOrQuery?: string | Record<string, string>, query?: Record<string, string>) => InstanceType<typeof SCIMMY.Resources.User>;

type Stored = Record<string, unknown> & { id: string; userName: string };

export function scimmyServer(token: string): Server {
  const users = new Map<string, Stored>();
  const byUserName = new Map<string, string>();

  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .ingress((resource, instance) => {
      const data = JSON.parse(JSON.stringify(instance)) as Stored;
      const key = String(data.userName).toLowerCase();
      const owner = byUserName.get(key);
      const now = new Date().toISOString();
      if (resource.id) {
        const existing = users.get(resource.id);
        if (!existing) throw new SCIMMY.Types.Error(404, NO_TYPE, `Resource ${resource.id} not found`);
        if (owner !== undefined && owner !== resource.id) throw new SCIMMY.Types.Error(409, "uniqueness", "userName taken");
        byUserName.delete(String(existing.userName).toLowerCase());
        const meta = { ...(existing.meta as object), lastModified: now };
        const next = { ...data, id: resource.id, meta } as Stored;
        users.set(resource.id, next);
        byUserName.set(key, resource.id);
        return next;
      }
      if (owner !== undefined) throw new SCIMMY.Types.Error(409, "uniqueness", "userName taken");
      const id = randomUUID();
      const created = { ...data, id, meta: { created: now, lastModified: now } } as Stored;
      users.set(id, created);
      byUserName.set(key, id);
      return created;
    })
    .egress((resource) => {
      if (resource.id) {
        const user = users.get(resource.id);
        if (!user) throw new SCIMMY.Types.Error(404, NO_TYPE, `Resource ${resource.id} not found`);
        return user;
      }
      const all = [...users.values()];
      return resource.filter ? resource.filter.match(all) : all;
    })
    .degress((resource) => {
      const user = users.get(resource.id!);
      if (!user) throw new SCIMMY.Types.Error(404, NO_TYPE, `Resource ${resource.id} not found`);
      users.delete(user.id);
      byUserName.delete(String(user.userName).toLowerCase());
    });

  const app = express();
  app.disable("x-powered-by");
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization !== `Bearer ${token}`) return void res.status(401).end();
    next();
  });
  app.use(express.json({ type: ["application/json", "application/scim+json"], limit: "1mb" }));
  const send = (res: Response, status: number, body: unknown) => res.status(status).type("application/scim+json").send(JSON.stringify(body));
  const fail = (res: Response, ex: unknown) => {
    if (ex instanceof SCIMMY.Types.Error) send(res, ex.status, new SCIMMY.Messages.Error(ex));
    else send(res, 500, new SCIMMY.Messages.Error(new SCIMMY.Types.Error(500, NO_TYPE, String(ex))));
  };
  const query = (req: Request) => req.query as Record<string, string>;
  app.get("/scim/v2/Users", async (req, res) => {
    try {
      send(res, 200, await new UserResource(query(req)).read());
    } catch (ex) {
      fail(res, ex);
    }
  });
  app.get("/scim/v2/Users/:id", async (req, res) => {
    try {
      send(res, 200, await new SCIMMY.Resources.User(req.params.id, query(req)).read());
    } catch (ex) {
      fail(res, ex);
    }
  });
  app.post("/scim/v2/Users", async (req, res) => {
    try {
      send(res, 201, await new UserResource(query(req)).write(req.body));
    } catch (ex) {
      fail(res, ex);
    }
  });
  app.put("/scim/v2/Users/:id", async (req, res) => {
    try {
      send(res, 200, await new SCIMMY.Resources.User(req.params.id, query(req)).write(req.body));
    } catch (ex) {
      fail(res, ex);
    }
  });
  app.patch("/scim/v2/Users/:id", async (req, res) => {
    try {
      const out = await new SCIMMY.Resources.User(req.params.id, query(req)).patch(req.body);
      if (out) send(res, 200, out);
      else res.status(204).end();
    } catch (ex) {
      fail(res, ex);
    }
  });
  app.delete("/scim/v2/Users/:id", async (req, res) => {
    try {
      await new SCIMMY.Resources.User(req.params.id).dispose();
      res.status(204).end();
    } catch (ex) {
      fail(res, ex);
    }
  });
  return createServer(app);
}
