// `npm run bench -- filter`: parse, look up (parse + compile a new literal) and evaluate SCIM
// filters side by side with scim2-parse-filter and SCIMMY's Types.Filter on the same 100,000
// generated users (and on 1,000 kept in cache), then the cases where the peers' answers
// differ from RFC 7644 semantics.
import { availableParallelism, loadavg } from "node:os";
import SCIMMY from "scimmy";
import { filter as s2pfFilter, parse as s2pfParse } from "scim2-parse-filter";
import { compareAttributeValues, compareSortableValues, compileFilter, parseFilter, sortableValue } from "../../src/runtime/filter/index.js";
import { generateUsers } from "../../test/filter/generate.js";
import { filterTestIndex } from "../../test/filter/test-manifest.js";

const USERS = 100_000;
const PARSE_ROUNDS = 20_000;
const users = generateUsers(USERS, 11);
const index = filterTestIndex().resourceType("User")!;

const FILTERS = [
  'userName eq "bjensen"',
  'userName sw "J"',
  "title pr and userType eq \"Employee\"",
  'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
  'emails[type eq "work" and value co "@example.com"]',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'active eq true and name.familyName eq "Jensen"',
  'not (userType eq "Intern") and emails.type eq "home"',
];

type Engine = { name: string; parse(f: string): unknown; compile(f: string): (u: Record<string, unknown>) => boolean; matchAll?(f: string): number };
const engines: Engine[] = [
  { name: "scim-gen", parse: (f) => parseFilter(f), compile: (f) => compileFilter(parseFilter(f), index) },
  { name: "scim2-parse-filter", parse: (f) => s2pfParse(f), compile: (f) => s2pfFilter(s2pfParse(f)) },
  {
    name: "SCIMMY",
    parse: (f) => new SCIMMY.Types.Filter(f),
    compile: (f) => {
      const filter = new SCIMMY.Types.Filter(f);
      return (u) => filter.match([u]).length > 0;
    },
    matchAll: (f) => new SCIMMY.Types.Filter(f).match(users).length,
  },
];

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const pause = new Int32Array(new SharedArrayBuffer(4));
/**
 * Best of `runs` timings in ms (the machine is shared: the minimum is the least noisy
 * figure). Each run starts from a full GC and then 50 ms of sleep: V8 finishes such a GC's
 * sweeping of the 100k-user heap on background threads, and a run timed at once shared
 * the two cores and the caches with it (every engine ran 5-10% faster after the pause).
 */
function time(fn: () => void, runs = 1): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    gc();
    Atomics.wait(pause, 0, 0, 50);
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}
const fmt = (ms: number) => `${ms.toFixed(1).padStart(9)} ms`;
const ratio = (a: number, b: number) => `${(b / a).toFixed(1)}x`.padStart(7);

console.log(`${USERS.toLocaleString("en")} users, ${FILTERS.length} filters, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} CPUs; times are the best of interleaved rounds (SCIMMY: fewer)\n`);

// Parse: each filter PARSE_ROUNDS times, after a warm-up; rounds interleave the engines
// (SCIMMY, far slower, is measured once on a twentieth and scaled).
const parseMs = new Map<string, number>(engines.map((e) => [e.name, Infinity]));
for (const e of engines) for (let i = 0; i < (e.name === "SCIMMY" ? 200 : 2_000); i++) for (const f of FILTERS) e.parse(f);
for (let round = 0; round < 3; round++) {
  for (const e of engines) {
    if (e.name === "SCIMMY" && round > 0) continue;
    const rounds = e.name === "SCIMMY" ? PARSE_ROUNDS / 20 : PARSE_ROUNDS;
    const ms = time(() => {
      for (let i = 0; i < rounds; i++) for (const f of FILTERS) e.parse(f);
    });
    parseMs.set(e.name, Math.min(parseMs.get(e.name)!, (ms * PARSE_ROUNDS) / rounds));
  }
}
const ours = (m: Map<string, number>) => m.get("scim-gen")!;
console.log(`parse (${(PARSE_ROUNDS * FILTERS.length).toLocaleString("en")} filters; SCIMMY measured on a twentieth and scaled)`);
for (const e of engines) console.log(`  ${e.name.padEnd(20)}${fmt(parseMs.get(e.name)!)}  scim-gen is ${ratio(ours(parseMs), parseMs.get(e.name)!)} faster`);

// Look-ups: IdPs ask `userName eq "<one user>"` with a new literal each time, so every
// request parses and compiles a filter never seen before (scim-gen reuses the generated
// code of a known shape and binds the new literal). Ten short rounds interleave, best kept;
// SCIMMY runs two on a tenth.
const LOOKUPS = 20_000;
const lookupMs = new Map<string, number>(engines.map((e) => [e.name, Infinity]));
for (let round = -1; round < 10; round++) {
  for (const e of engines) {
    if (e.name === "SCIMMY" && round > 1) continue;
    const n = e.name === "SCIMMY" ? LOOKUPS / 10 : LOOKUPS;
    // No forced GC here: a full collection before a 20 ms burst of small allocations
    // leaves every engine several times slower than a server in its steady state.
    const start = performance.now();
    for (let i = 0; i < n; i++) e.compile(`userName eq "user${round}-${i}"`);
    const ms = performance.now() - start;
    if (round >= 0) lookupMs.set(e.name, Math.min(lookupMs.get(e.name)!, (ms * LOOKUPS) / n)); // round -1 warms up
  }
}
console.log(`\nparse + compile (${LOOKUPS.toLocaleString("en")} distinct userName eq "…" look-ups; SCIMMY measured on a tenth and scaled)`);
for (const e of engines) console.log(`  ${e.name.padEnd(20)}${fmt(lookupMs.get(e.name)!)}  ${((lookupMs.get(e.name)! * 1000) / LOOKUPS).toFixed(2).padStart(6)} µs each  scim-gen is ${ratio(ours(lookupMs), lookupMs.get(e.name)!)} faster`);

// Evaluate: every filter over every user, the filter compiled once per engine. Rounds
// interleave the engines so a busy machine slows them alike; each keeps its best round.
console.log(`\nevaluate (each filter over ${USERS.toLocaleString("en")} users; [matches])`);
const evalMs = new Map<string, number>(engines.map((e) => [e.name, 0]));
const failed = new Set<string>();
for (const f of FILTERS) {
  const runs = engines.map((e) => {
    let hits = 0;
    let error: Error | undefined;
    let best = Infinity;
    const once = e.matchAll
      ? () => (hits = e.matchAll!(f))
      : (() => {
          const match = e.compile(f);
          return () => {
            hits = 0;
            for (const u of users) if (match(u)) hits++;
          };
        })();
    const measure = () => {
      if (error) return;
      try {
        best = Math.min(best, time(once));
      } catch (err) {
        error = err as Error;
      }
    };
    return { e, measure, result: () => ({ hits, error, best }) };
  });
  for (const r of runs) if (r.e.name !== "SCIMMY") r.measure(); // warm-up
  for (let round = 0; round < 5; round++) for (const r of runs) if (round === 0 || r.e.name !== "SCIMMY") r.measure();
  const oursMs = runs[0]!.result().best;
  const row = runs.map(({ e, result }) => {
    const { hits, error, best } = result();
    if (error) {
      failed.add(e.name);
      return `${e.name} threw ${error.constructor.name}: ${error.message.slice(0, 50)}`;
    }
    evalMs.set(e.name, evalMs.get(e.name)! + best);
    return `${e.name} ${best.toFixed(1)} ms [${hits}]${e.name === "scim-gen" ? "" : ` (${(best / oursMs).toFixed(1)}x)`}`;
  });
  console.log(`  ${f}\n    ${row.join("   ")}`);
}
console.log("\nevaluate, total over the filters every engine completed");
for (const e of engines) {
  const note = failed.has(e.name) ? " (threw on some filters: total excludes them)" : "";
  console.log(`  ${e.name.padEnd(20)}${fmt(evalMs.get(e.name)!)}${failed.has(e.name) ? "" : `  scim-gen is ${ratio(ours(evalMs), evalMs.get(e.name)!)} faster`}${note}`);
}

// The same filters over the first 1,000 users, 100 passes: the users stay in the CPU
// caches, so this is the evaluators' own cost (over 100,000 users memory reads dominate).
const few = users.slice(0, 1_000);
const hot = engines.filter((e) => !e.matchAll);
const hotMs = new Map<string, number>(hot.map((e) => [e.name, 0]));
for (const f of FILTERS) {
  const matchers = hot.map((e) => e.compile(f));
  const best = hot.map(() => Infinity);
  for (let round = -1; round < 5; round++) {
    matchers.forEach((m, i) => {
      const ms = time(() => {
        for (let pass = 0; pass < 100; pass++) for (const u of few) m(u);
      });
      if (round >= 0) best[i] = Math.min(best[i]!, ms);
    });
  }
  hot.forEach((e, i) => hotMs.set(e.name, hotMs.get(e.name)! + best[i]!));
}
console.log(`\nevaluate in cache (the ${FILTERS.length} filters over 1,000 users x 100 passes, total)`);
for (const e of hot) console.log(`  ${e.name.padEnd(20)}${fmt(hotMs.get(e.name)!)}  scim-gen is ${ratio(ours(hotMs), hotMs.get(e.name)!)} faster`);

// sortBy (RFC 7644 §3.4.2.3) over all users: the comparator typing both values on every
// comparison, and values typed once per row (sortableValue) then compared. Best of 3.
console.log(`\nsortBy over ${USERS.toLocaleString("en")} users (compareAttributeValues per comparison / sortableValue once per row)`);
for (const path of ["userName", "emails", "meta.lastModified"]) {
  const r = index.resolve(path)!;
  const attribute = r.subAttribute ?? r.attribute;
  const read = (u: Record<string, unknown>) => (r.subAttribute ? (u[r.attribute.name] as Record<string, unknown> | undefined)?.[r.subAttribute.name] : u[r.attribute.name]);
  const values = users.map(read);
  const direct = time(() => void values.slice().sort((a, b) => compareAttributeValues(a, b, attribute)), 3);
  const once = time(() => void values.map((v) => sortableValue(v, attribute)).sort(compareSortableValues), 3);
  console.log(`  ${path.padEnd(20)}${fmt(direct)} / ${fmt(once).trim()}`);
}

// Correctness: where the peers' answers differ from RFC 7644 / RFC 7643 semantics.
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const probe = {
  userName: "BJensen",
  title: "",
  emails: [{ value: "bjensen@Example.com", type: "work" }],
  meta: { created: "2011-05-13T04:42:34Z", lastModified: "2011-05-13T06:42:34+02:00" },
  [ENT]: { employeeNumber: "701984" },
};
const bare = { userName: "alice" };
const CASES: [string, boolean, string, Record<string, unknown>][] = [
  ['userName eq "bjensen"', true, "userName is caseExact=false (RFC 7643 §4.1.1)", probe],
  ['emails.value co "example.com"', true, "emails.value is caseExact=false", probe],
  [`${ENT}:employeeNumber eq "701984"`, true, "URN-prefixed extension path (RFC 7644 §3.10)", probe],
  ['meta.lastModified eq "2011-05-13T04:42:34Z"', true, "dateTime compares as an instant (offsets normalised)", probe],
  ['meta.lastModified gt "2011-05-13T05:00:00+02:00"', true, "dateTime ordering across offsets", probe],
  ["title pr", false, 'pr is false for "" (RFC 7644 §3.4.2.2)', probe],
  ['emails co "example.com"', true, "a multi-valued complex attribute without sub-attribute means its value", probe],
  ['USERNAME eq "BJENSEN"', true, "attribute names are case-insensitive", probe],
  ['emails.type eq "home"', false, "a user without emails simply does not match", bare],
  ['emails[type eq "work"]', false, "a user without emails simply does not match", bare],
];
console.log("\ncorrectness (probe user: userName \"BJensen\", title \"\", emails[0].value \"bjensen@Example.com\", lastModified 06:42:34+02:00; bare user: userName only)");
for (const [f, want, why, user] of CASES) {
  const answers = engines.map((e) => {
    try {
      return String(e.compile(f)(user));
    } catch (err) {
      return `error (${(err as Error).message.slice(0, 40)})`;
    }
  });
  const marks = engines.map((e, i) => `${e.name}: ${answers[i]}${answers[i] === String(want) ? "" : " ✗"}`);
  console.log(`  ${f}\n    expected ${want} — ${why}\n    ${marks.join("   ")}`);
}
