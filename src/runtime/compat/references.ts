import type { AttributeModel } from "../manifest/model.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import { isReference } from "../resource/checks.js";
import type { ResourceValidator, ValidateOptions } from "../resource/validator.js";
import type { ResourceData } from "../stores/contract.js";
import type { CompatPolicy } from "./policy.js";

// relativeReferences: an `external`/`uri` reference may be a relative URI reference
// (RFC 7643 §2.3.7 resolves relative references; the Microsoft SCIM Validator fills
// profileUrl with random letters, "MFGMUGTYPBKA"). The generated validators require an
// absolute URI there, so such values are masked with an absolute placeholder for the
// validation of everything else and put back, unchanged, in the validated result.

type Json = Record<string, unknown>;
const PLACEHOLDER = "urn:x-scim-gen:relative-reference:";
const MAX_LENGTH = 2048;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

function uriKind(a: AttributeModel): boolean {
  const t = a.referenceTypes;
  return a.type === "reference" && t !== undefined && t.length > 0 && t.every((x) => x === "uri" || x === "external");
}

/** Attributes (and sub-attributes) that need masking, by lower-case name; built once per type. */
interface Shape {
  readonly refs: ReadonlyMap<string, AttributeModel>;
  readonly complex: ReadonlyMap<string, Shape>;
}

const NONE: ReadonlyMap<string, Shape> = new Map();

const shapes = new WeakMap<ResourceTypeIndex, Map<string, Shape>>();

function shapeOf(attrs: readonly AttributeModel[]): Shape {
  const refs = new Map<string, AttributeModel>();
  const complex = new Map<string, Shape>();
  for (const a of attrs) {
    if (uriKind(a)) refs.set(a.name.toLowerCase(), a);
    const subs = a.subAttributes?.filter(uriKind) ?? [];
    if (subs.length) complex.set(a.name.toLowerCase(), { refs: new Map(subs.map((s) => [s.name.toLowerCase(), s])), complex: NONE });
  }
  return { refs, complex };
}

/** "" → the core schema's shape; lower-case extension URN → that extension's. */
function shapesFor(type: ResourceTypeIndex): Map<string, Shape> {
  let m = shapes.get(type);
  if (!m) {
    m = new Map([["", shapeOf(type.coreSchema.attributes)]]);
    for (const e of type.extensions) m.set(e.id.toLowerCase(), shapeOf(e.attributes));
    shapes.set(type, m);
  }
  return m;
}

/** Replaces (copy on write) each matching string by `swap(value)`, following `shapes`. */
function walk(obj: Json, shape: Shape, all: Map<string, Shape> | undefined, swap: (v: string) => string | undefined): Json {
  let out: Json | undefined;
  const set = (k: string, v: unknown) => {
    out ??= { ...obj };
    out[k] = v;
  };
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const lower = key.toLowerCase();
    if (typeof v === "string" && shape.refs.has(lower)) {
      const next = swap(v);
      if (next !== undefined) set(key, next);
    } else if (shape.complex.has(lower)) {
      const subs = shape.complex.get(lower)!;
      if (isObject(v)) {
        const next = walk(v, subs, undefined, swap);
        if (next !== v) set(key, next);
      } else if (Array.isArray(v)) {
        let list: unknown[] | undefined;
        v.forEach((el, i) => {
          if (!isObject(el)) return;
          const next = walk(el, subs, undefined, swap);
          if (next !== el) (list ??= [...v])[i] = next;
        });
        if (list) set(key, list);
      }
    } else if (all && isObject(v) && lower.startsWith("urn:") && all.has(lower)) {
      const next = walk(v, all.get(lower)!, undefined, swap);
      if (next !== v) set(key, next);
    }
  }
  return out ?? obj;
}

/** `validate(input, options)`, accepting relative `external`/`uri` references when the
 * policy says so; anything else about the input is validated as usual. */
export function validateResource(validate: ResourceValidator, type: ResourceTypeIndex, policy: CompatPolicy, input: unknown, options: ValidateOptions): ResourceData {
  if (!policy.switches.relativeReferences || !isObject(input)) return validate(input, options);
  const all = shapesFor(type);
  const originals: string[] = [];
  let clash = false;
  const masked = walk(input, all.get("")!, all, (v) => {
    if (v.startsWith(PLACEHOLDER)) clash = true; // a client cannot make us swap its own values
    if (v === "" || v.length > MAX_LENGTH || isReference(v, "uri") || !isReference(v, "resource")) return undefined;
    originals.push(v);
    return PLACEHOLDER + (originals.length - 1);
  });
  if (clash || originals.length === 0) return validate(input, options);
  const out = validate(masked, options);
  return walk(out, all.get("")!, all, (v) => (v.startsWith(PLACEHOLDER) ? originals[Number(v.slice(PLACEHOLDER.length))] : undefined)) as ResourceData;
}
