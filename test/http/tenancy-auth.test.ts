import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, user } from "./support/client.js";
import { FRAMEWORKS, startServer, TOKENS, type Running } from "./support/servers.js";

// Bearer authentication (RFC 6750) and tenant isolation: one server, a default tenant at
// /scim/v2 and path tenants at /tenants/{tenant}/scim/v2, each with its own token.

describe.each(FRAMEWORKS)("tenancy and auth over %s", (framework) => {
  let server: Running;
  let acme: ReturnType<typeof client>;
  let globex: ReturnType<typeof client>;
  let acmeUser: string;
  beforeAll(async () => {
    server = await startServer(framework);
    acme = client(`${server.url}/tenants/acme/scim/v2`);
    globex = client(`${server.url}/tenants/globex/scim/v2`);
    acmeUser = (await acme("POST", "/Users", { body: user("shared.name"), token: TOKENS.acme })).body.id as string;
  });
  afterAll(() => server.close());

  it.each([
    ["no Authorization header", null, /authentication required/],
    ["a wrong token", "not-a-real-token-123", /not valid/],
    ["an empty bearer", "", /not valid/],
  ])("%s: 401 with WWW-Authenticate", async (_name, token, detail) => {
    const r = token === "" ? await acme("GET", "/Users", { token: null, headers: { authorization: "Bearer " } }) : await acme("GET", "/Users", { token });
    expect(r.status).toBe(401);
    expect(r.headers.get("www-authenticate")).toBe('Bearer realm="SCIM"');
    expect(r.body).toMatchObject({ status: "401", detail: expect.stringMatching(detail) });
  });

  it("a Basic credential is not a bearer token: 401", async () => {
    const r = await acme("GET", "/Users", { token: null, headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } });
    expect(r.status).toBe(401);
  });

  it("the tenant's own token works", async () => {
    const r = await acme("GET", `/Users/${acmeUser}`, { token: TOKENS.acme });
    expect(r.status).toBe(200);
    expect(r.body.meta).toMatchObject({ location: `${server.url}/tenants/acme/scim/v2/Users/${acmeUser}` });
  });

  it.each([
    ["GET", `/Users/ACME`],
    ["GET", "/Users"],
    ["GET", "/ServiceProviderConfig"],
    ["DELETE", `/Users/ACME`],
    ["POST", "/Users"],
  ])("a valid token for another tenant gets 404 for %s %s (no existence leak)", async (method, path) => {
    const r = await globex(method, path.replace("ACME", acmeUser), { token: TOKENS.acme, ...(method === "POST" ? { body: user("x") } : {}) });
    expect(r.status).toBe(404);
    expect(r.body.status).toBe("404");
    // Same answer as for something that does not exist at all.
    const absent = await globex(method, path.replace("ACME", "00000000-0000-0000-0000-000000000000"), { token: TOKENS.acme, ...(method === "POST" ? { body: user("x") } : {}) });
    expect(absent.status).toBe(404);
  });

  it("tenants never see each other's data, and uniqueness is per tenant", async () => {
    expect((await globex("GET", `/Users/${acmeUser}`, { token: TOKENS.globex })).status).toBe(404);
    const list = await globex("GET", "/Users", { token: TOKENS.globex });
    expect(list.body.totalResults).toBe(0);
    const same = await globex("POST", "/Users", { body: user("shared.name"), token: TOKENS.globex });
    expect(same.status).toBe(201);
    const dflt = client(`${server.url}/scim/v2`);
    expect((await dflt("GET", `/Users/${acmeUser}`)).status).toBe(404);
    expect((await dflt("GET", "/Users", { token: TOKENS.acme })).status).toBe(404);
  });

  it('tenancy: "path" (the string shorthand) serves only the tenant paths', async () => {
    const pathOnly = await startServer(framework, { tenancy: "path" });
    const a = client(`${pathOnly.url}/tenants/acme/scim/v2`);
    expect((await a("POST", "/Users", { body: user("p"), token: TOKENS.acme })).status).toBe(201);
    // Outside every SCIM base path. The Express and Hono adapters pass such paths on to the
    // app (here the framework's own 404 page); node:http and Fastify answer a SCIM 404.
    const outside = await fetch(`${pathOnly.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${TOKENS.acme}` } });
    expect(outside.status).toBe(404);
    await pathOnly.close();
  });

  it("an unknown tenant name with a valid token is 404; a hostile tenant segment too", async () => {
    const other = client(`${server.url}/tenants/initech/scim/v2`);
    expect((await other("GET", "/Users", { token: TOKENS.acme })).status).toBe(404);
    const hostile = client(`${server.url}/tenants/%2e%2e/scim/v2`);
    expect((await hostile("GET", "/Users", { token: TOKENS.acme })).status).toBe(404);
  });
});
