import { ENTERPRISE, TEST_EXT } from "./test-manifest.js";

// Deterministic synthetic users (seeded PRNG) for the SQL equivalence test and the bench:
// mixed case, offsets in timestamps, missing and empty values, multi-valued attributes.

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ["Barbara", "John", "alice", "BOB", "Carol", "dave", "Eve", "O'Malley", "Zoë", "Jo"];
const FAMILY = ["Jensen", "O'Malley", "smith", "SMITH", "Doe", "Ångström", "Lee"];
const DOMAINS = ["example.com", "EXAMPLE.com", "example.org", "foo.com", "work.example.org"];
const TYPES = ["work", "home", "WORK", "other"];
const OFFSETS = ["Z", "+02:00", "-07:00", "+05:30", ".123Z", ".5-01:00"];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function instant(r: () => number): string {
  const year = 2009 + Math.floor(r() * 10);
  const month = String(1 + Math.floor(r() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(r() * 28)).padStart(2, "0");
  const hh = String(Math.floor(r() * 24)).padStart(2, "0");
  const mm = String(Math.floor(r() * 60)).padStart(2, "0");
  return `${year}-${month}-${day}T${hh}:${mm}:${String(Math.floor(r() * 60)).padStart(2, "0")}${pick(r, OFFSETS)}`;
}

export function generateUsers(count: number, seed = 7): Record<string, unknown>[] {
  const r = prng(seed);
  const users: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const given = pick(r, GIVEN);
    const family = pick(r, FAMILY);
    const u: Record<string, unknown> = {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id: `g${i}`,
      userName: i % 97 === 0 ? (i % 2 ? "BJensen" : "bjensen") : `${given}.${family}${i}`.replace(/'/g, ""),
      name: r() < 0.9 ? { givenName: given, familyName: family } : { givenName: given },
      active: r() < 0.7,
      meta: { resourceType: "User", created: instant(r), lastModified: instant(r) },
    };
    if (r() < 0.5) u.userType = pick(r, ["Employee", "employee", "Intern", "Contractor"]);
    if (r() < 0.4) u.title = pick(r, ["", "Tour Guide", "Engineer", "Manager"]);
    if (r() < 0.3) u.externalId = `Ext-${i % 50}`;
    if (r() < 0.1) u.nickName = pick(r, ["D", "Babs", ""]);
    const n = Math.floor(r() * 3);
    if (n > 0 || r() < 0.1) {
      u.emails = Array.from({ length: n }, (_, k) => {
        const e: Record<string, unknown> = { value: `${given.toLowerCase()}${i}@${pick(r, DOMAINS)}`, type: pick(r, TYPES) };
        if (k === 0 && r() < 0.5) e.primary = true;
        return e;
      });
    }
    if (r() < 0.2) u.ims = [{ value: `${given}@foo.com`, type: pick(r, ["xmpp", "aim"]) }];
    if (r() < 0.1) u.roles = [{ value: pick(r, ["admin", "user"]), primary: r() < 0.5 }];
    if (r() < 0.4) {
      (u.schemas as string[]).push(ENTERPRISE);
      u[ENTERPRISE] = { employeeNumber: String(Math.floor(r() * 1000)), department: pick(r, ["R&D", "Tour Operations", "Sales"]), manager: r() < 0.5 ? { value: `g${Math.floor(r() * count)}`, displayName: "Boss" } : undefined };
      if ((u[ENTERPRISE] as Record<string, unknown>).manager === undefined) delete (u[ENTERPRISE] as Record<string, unknown>).manager;
    }
    if (r() < 0.5) {
      (u.schemas as string[]).push(TEST_EXT);
      u[TEST_EXT] = {
        level: Math.floor(r() * 12),
        score: Math.round((r() * 10 - 2) * 100) / 100,
        hiredAt: instant(r),
        tags: r() < 0.7 ? [pick(r, ["alpha", "Beta", "gamma"]), pick(r, ["beta", "delta"])] : [],
        code: pick(r, ["AbC", "abc", "ABC", "xyz"]),
        badge: pick(r, ["QUJD", "qujd"]),
        verified: r() < 0.5,
        devices: r() < 0.5 ? [{ value: `d${i}`, kind: pick(r, ["phone", "laptop"]), primary: r() < 0.5, since: instant(r) }] : [],
      };
    }
    users.push(u);
  }
  // Through JSON, as a store would hand them over: flat strings, JSON-shaped objects.
  return JSON.parse(JSON.stringify(users)) as Record<string, unknown>[];
}
