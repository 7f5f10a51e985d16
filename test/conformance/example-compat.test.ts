import { describe, expect, it } from "vitest";
import { startExample } from "./support.js";

// The example app's COMPAT / COMPAT_TENANTS configuration refuses what it does not know
// before serving anything (a misspelt profile must not silently mean strict).

describe("examples/saas-app compat configuration", () => {
  it.each([
    [{ COMPAT: "entra,nope" }, /unknown profile "nope"/],
    [{ COMPAT_TENANTS: "acme:okta+bogus", SCIM_TENANTS: "acme:t0k3n" }, /unknown profile "bogus"/],
    [{ COMPAT_TENANTS: "no-colon" }, /COMPAT_TENANTS entry "no-colon"/],
  ])("%j exits 2 naming the problem", async (env, message) => {
    const error = await startExample(env).then(
      (server) => server.close().then(() => new Error("started")),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(/exited with 2/);
    expect(error.message).toMatch(message);
  }, 60_000);
});
