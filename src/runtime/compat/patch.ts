import type { ResourceTypeIndex } from "../manifest/resolve.js";
import { complexValue } from "./body.js";
import type { CompatPolicy } from "./policy.js";

// PATCH values the engine's own policy flags do not cover, rewritten before applyPatch:
// `displayName` for `display` inside complex values (the Microsoft suite's
// `{"op":"add","path":"members","value":[{"displayName":"new User","value":"…"}]}`).
// Only plain attribute paths are looked at; the input is never changed.

type Json = Record<string, unknown>;

export function normalizePatchBody(body: Json, type: ResourceTypeIndex, policy: CompatPolicy): Json {
  if (!policy.switches.displayNameAsDisplay) return body;
  const key = body.Operations !== undefined ? "Operations" : "operations";
  const ops = body[key];
  if (!Array.isArray(ops)) return body;
  let out: unknown[] | undefined;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i] as Json | null;
    if (op === null || typeof op !== "object" || typeof op.path !== "string" || op.path.includes("[")) continue;
    const hit = type.resolve(op.path);
    if (!hit || hit.subAttribute || hit.attribute.type !== "complex") continue;
    const attr = hit.attribute;
    const v = op.value;
    const next = Array.isArray(v) ? rewriteList(v, (x) => complexValue(x, attr, policy)) : complexValue(v, attr, policy);
    if (next === v) continue;
    out ??= [...ops];
    out[i] = { ...op, value: next };
  }
  return out ? { ...body, [key]: out } : body;
}

function rewriteList(list: unknown[], f: (v: unknown) => unknown): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const next = f(list[i]);
    if (next === list[i]) continue;
    out ??= [...list];
    out[i] = next;
  }
  return out ?? list;
}
