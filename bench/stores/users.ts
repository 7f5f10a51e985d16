import type { ResourceData } from "../../src/runtime/stores/contract.js";

// The benchmark population: realistic Users with two emails each. One in three has a work
// address at example.com, so `emails[type eq "work" and value co "example"]` matches ~33%.

const E = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Linus", "Margaret", "Donald", "Frances"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Torvalds", "Hamilton", "Knuth", "Allen"];

export const userName = (i: number): string => `user${i}@acme.test`;

export function benchUser(i: number): ResourceData {
  const given = FIRST[i % FIRST.length]!;
  const family = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", E],
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    externalId: `ext-${i}`,
    userName: userName(i),
    name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
    displayName: `${given} ${family} ${i}`,
    title: i % 7 === 0 ? "Manager" : "Engineer",
    active: i % 10 !== 0,
    emails: [
      { value: i % 3 === 0 ? `${given.toLowerCase()}.${i}@example.com` : `${given.toLowerCase()}.${i}@corp.test`, type: "work", primary: true },
      { value: `${family.toLowerCase()}${i}@home.test`, type: "home" },
    ],
    [E]: { employeeNumber: String(100000 + i), department: `Dept ${i % 40}` },
  };
}
