import { runInNewContext } from "node:vm";

// A runner for Runscope / BlazeMeter "API Monitoring Tests" exports, the format of Okta's
// SCIM test suites: `steps` of type request (method, url, headers, body, assertions,
// variables, scripts) or pause. `{{name}}` placeholders are filled from the variables
// the caller gives and those the steps extract.

interface Assertion {
  source: "response_status" | "response_json" | "response_time" | "response_headers" | string;
  comparison: string;
  property?: string | null;
  value?: string | null;
}

interface Extraction {
  source: string;
  name: string;
  property?: string;
}

interface Step {
  step_type: "request" | "pause" | string;
  skipped?: boolean;
  note?: string;
  method?: string;
  url?: string;
  headers?: Record<string, string[]>;
  body?: string;
  assertions?: Assertion[];
  variables?: Extraction[];
  scripts?: string[];
}

export interface RunscopeSuite {
  name: string;
  steps: Step[];
}

export interface AssertionResult {
  step: string;
  assertion: string;
  passed: boolean;
  actual?: unknown;
}

const fill = (text: string, vars: Map<string, string>): string =>
  text.replace(/\{\{([A-Za-z0-9_]+)\}\}/g, (whole, name: string) => vars.get(name) ?? whole);

/** `Resources[0].name.familyName` → value, following Runscope's property syntax. */
export function property(json: unknown, path: string): unknown {
  let cur: unknown = json;
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1]) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[m[1]] : undefined;
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) {
      cur = Array.isArray(cur) ? cur[Number(idx[1])] : undefined;
    }
  }
  return cur;
}

function compare(comparison: string, actual: unknown, expected: string | null | undefined): boolean {
  const text = typeof actual === "string" ? actual : JSON.stringify(actual);
  switch (comparison) {
    case "equal":
      return actual !== undefined && String(typeof actual === "object" ? text : actual) === String(expected);
    case "not_equal":
      return String(actual) !== String(expected);
    case "equal_number":
      return Number(actual) === Number(expected);
    case "is_less_than":
      return Number(actual) < Number(expected);
    case "is_greater_than":
      return Number(actual) > Number(expected);
    case "not_empty":
      return actual !== undefined && actual !== null && actual !== "" && !(Array.isArray(actual) && actual.length === 0);
    case "empty":
      return actual === undefined || actual === null || actual === "" || (Array.isArray(actual) && actual.length === 0);
    case "is_a_number":
      return typeof actual === "number" || (typeof actual === "string" && actual !== "" && !Number.isNaN(Number(actual)));
    case "has_value":
      return Array.isArray(actual) ? actual.some((v) => String(v) === String(expected)) : String(actual) === String(expected);
    case "contains":
      return Array.isArray(actual) ? actual.some((v) => String(v).includes(String(expected))) : (text ?? "").includes(String(expected));
    case "does_not_contain":
      return !(text ?? "").includes(String(expected));
    default:
      throw new Error(`runscope: comparison "${comparison}" is not implemented`);
  }
}

/** Runs every request step in order; pauses are shortened to `pauseMs`. */
export async function runRunscope(
  suite: RunscopeSuite,
  variables: Record<string, string>,
  options: { pauseMs?: number } = {},
): Promise<AssertionResult[]> {
  const vars = new Map(Object.entries(variables));
  const results: AssertionResult[] = [];
  for (const step of suite.steps) {
    if (step.skipped) continue;
    if (step.step_type === "pause") {
      await new Promise((r) => setTimeout(r, options.pauseMs ?? 0));
      continue;
    }
    if (step.step_type !== "request" || !step.url || !step.method) continue;
    const name = step.note ?? `${step.method} ${step.url}`;
    const url = new URL(fill(step.url, vars));
    const headers = new Headers();
    for (const [k, values] of Object.entries(step.headers ?? {})) headers.set(k, fill(values.join(", "), vars));
    const body = step.body ? fill(step.body, vars) : undefined;
    const started = performance.now();
    const res = await fetch(url, { method: step.method, headers, body: body ?? null });
    const raw = await res.text();
    const elapsed = performance.now() - started;
    let json: unknown;
    try {
      json = raw ? JSON.parse(raw) : undefined;
    } catch {
      json = undefined;
    }
    const sourceValue = (a: { source: string; property?: string | null }): unknown => {
      if (a.source === "response_status") return res.status;
      if (a.source === "response_time") return elapsed;
      if (a.source === "response_headers") return res.headers.get(a.property ?? "");
      if (a.source === "response_json") return a.property ? property(json, a.property) : json;
      return undefined;
    };
    for (const a of step.assertions ?? []) {
      const actual = sourceValue(a);
      const expected = a.value == null ? a.value : fill(a.value, vars);
      const label = `${a.source}${a.property ? `.${a.property}` : ""} ${a.comparison} ${expected ?? ""}`.trim();
      results.push({ step: name, assertion: label, passed: compare(a.comparison, actual, expected), actual });
    }
    for (const v of step.variables ?? []) {
      const value = sourceValue(v);
      if (value !== undefined) vars.set(v.name, String(value));
    }
    for (const script of step.scripts ?? []) {
      if (!script.trim()) continue;
      results.push(runScript(name, script, raw, vars));
    }
  }
  return results;
}

/** Runscope post-response scripts use `response`, `variables.get/set`, `log` and Chai's
 * `assert` (the subset Okta's suites call); they run in an isolated context with nothing else. */
function runScript(step: string, script: string, body: string, vars: Map<string, string>): AssertionResult {
  const failures: string[] = [];
  const check = (pass: boolean, message: string | undefined, fallback: string) => {
    if (!pass) failures.push(message ?? fallback);
  };
  const assert = Object.assign((value: unknown, message?: string) => check(Boolean(value), message, "assert"), {
    ok: (value: unknown, message?: string) => check(Boolean(value), message, "assert.ok"),
    // Chai: equal/notEqual are ==/!=, strictEqual/notStrictEqual ===/!==
    equal: (a: unknown, b: unknown, message?: string) => check(a == b, message, `expected ${String(a)} == ${String(b)}`),
    notEqual: (a: unknown, b: unknown, message?: string) => check(a != b, message, `expected ${String(a)} != ${String(b)}`),
    strictEqual: (a: unknown, b: unknown, message?: string) => check(a === b, message, `expected ${String(a)} === ${String(b)}`),
    notStrictEqual: (a: unknown, b: unknown, message?: string) => check(a !== b, message, `expected ${String(a)} !== ${String(b)}`),
    isTrue: (v: unknown, message?: string) => check(v === true, message, "expected true"),
    isFalse: (v: unknown, message?: string) => check(v === false, message, "expected false"),
    isArray: (v: unknown, message?: string) => check(Array.isArray(v), message, "expected an array"),
  });
  const variables = { get: (name: string) => vars.get(name), set: (name: string, value: unknown) => void vars.set(name, String(value)) };
  try {
    runInNewContext(script, { response: { body }, assert, variables, log: () => undefined, JSON, Array }, { timeout: 1000 });
  } catch (e) {
    failures.push(`script threw: ${(e as Error).message}`);
  }
  return { step, assertion: "script", passed: failures.length === 0, actual: failures };
}
