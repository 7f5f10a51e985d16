import type { AttributeModel } from "../manifest/model.js";
import type { ResourceTypeIndex } from "../manifest/resolve.js";
import { isRecord, setOwn, type JsonObject } from "./values.js";

// RFC 7644 §3.9 `attributes` / `excludedAttributes` combined with RFC 7643 §2.4
// `returned`: always (plus id, schemas and meta) cannot be excluded, never is never
// returned, request only when named in `attributes`, default unless left out. A request's
// lists compile once to a plan, cached per resource type, and a plan projects each
// resource in one pass. Names that resolve to no attribute are ignored: RFC 7644 §3.9
// only defines named attributes, and an unknown name cannot select or hide anything.

export interface ProjectionOptions {
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
}

type Node = "all" | "drop" | Level;
/** Keyed by declared name and by its lower case. */
type Level = Map<string, Node>;

interface Pick {
  whole: boolean;
  readonly subs: Set<string>;
}

interface Selection {
  readonly picks: Map<string, Pick>;
  readonly wholeExtensions: Set<string>;
}

const ALWAYS_TOP = ["schemas", "id", "meta"];

/** Removes valuePath filters: `emails[type eq "work"].value` selects `emails.value`. */
const stripFilters = (name: string): string => name.replace(/\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\]/g, "");

function select(index: ResourceTypeIndex, names: readonly string[] | undefined): Selection {
  const sel: Selection = { picks: new Map(), wholeExtensions: new Set() };
  for (const raw of names ?? []) {
    const name = stripFilters(raw.trim());
    const ext = index.extension(name);
    if (ext) {
      sel.wholeExtensions.add(ext.id.toLowerCase());
      continue;
    }
    const r = index.resolve(name);
    if (!r) continue;
    const key = `${r.schema.toLowerCase()} ${r.attribute.name.toLowerCase()}`;
    let pick = sel.picks.get(key);
    if (!pick) sel.picks.set(key, (pick = { whole: false, subs: new Set() }));
    if (r.subAttribute) pick.subs.add(r.subAttribute.name.toLowerCase());
    else pick.whole = true;
  }
  return sel;
}

function put(level: Level, name: string, node: Node): void {
  level.set(name, node);
  level.set(name.toLowerCase(), node);
}

/** Sub-attribute level of a complex attribute; "all" when nothing is hidden. */
function subLevel(a: AttributeModel, keep: (s: AttributeModel) => boolean): Node {
  const subs = a.subAttributes ?? [];
  if (subs.length === 0) return "all";
  const level: Level = new Map();
  let all = true;
  let any = false;
  for (const s of subs) {
    const k = s.returned !== "never" && (s.returned === "always" || keep(s));
    all &&= k;
    any ||= k;
    put(level, s.name, k ? "all" : "drop");
  }
  return all ? "all" : any ? level : "drop";
}

function attributeNode(a: AttributeModel, pick: Pick | undefined, wholeExt: boolean, sel: Selection | undefined): Node {
  if (a.returned === "never") return "drop";
  if (a.returned === "always") return "all";
  if (sel) {
    if (wholeExt || pick?.whole) return subLevel(a, (s) => s.returned !== "request" || pick?.subs.has(s.name.toLowerCase()) === true);
    if (pick && pick.subs.size > 0) return subLevel(a, (s) => pick.subs.has(s.name.toLowerCase()));
    return "drop";
  }
  if (a.returned === "request" || wholeExt || pick?.whole) return "drop";
  return subLevel(a, (s) => s.returned !== "request" && !(pick?.subs.has(s.name.toLowerCase()) ?? false));
}

function schemaLevel(schema: string, attrs: Iterable<AttributeModel>, sel: Selection | undefined, exc: Selection | undefined): Level {
  const level: Level = new Map();
  const s = schema.toLowerCase();
  const wholeExt = (sel ?? exc)?.wholeExtensions.has(s) ?? false;
  for (const a of attrs) {
    const pick = (sel ?? exc)?.picks.get(`${s} ${a.name.toLowerCase()}`);
    put(level, a.name, attributeNode(a, pick, wholeExt, sel));
  }
  return level;
}

function compile(index: ResourceTypeIndex, options: ProjectionOptions): Level {
  const attributes = options.attributes && options.attributes.length > 0 ? select(index, options.attributes) : undefined;
  const excluded = !attributes && options.excludedAttributes ? select(index, options.excludedAttributes) : undefined;
  const top = schemaLevel(index.coreSchema.id, index.coreAttributes(), attributes, excluded);
  for (const name of ALWAYS_TOP) put(top, name, "all");
  for (const ext of index.extensions) {
    const level = schemaLevel(ext.id, ext.attributes, attributes, excluded);
    let all = true;
    let any = false;
    for (const node of level.values()) {
      all &&= node === "all";
      any ||= node !== "drop";
    }
    put(top, ext.id, all ? "all" : any ? level : "drop");
  }
  return top;
}

function apply(obj: JsonObject, level: Level): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(obj)) {
    const node = level.get(k) ?? level.get(k.toLowerCase()) ?? "drop";
    if (node === "drop") continue;
    const v = obj[k];
    if (node === "all") setOwn(out, k, v);
    else if (Array.isArray(v)) {
      const arr: JsonObject[] = [];
      for (const e of v) {
        if (!isRecord(e)) continue;
        const p = apply(e, node);
        if (Object.keys(p).length > 0) arr.push(p);
      }
      if (arr.length > 0) setOwn(out, k, arr);
    } else if (isRecord(v)) {
      const p = apply(v, node);
      if (Object.keys(p).length > 0) setOwn(out, k, p);
    }
  }
  return out;
}

const cache = new WeakMap<ResourceTypeIndex, Map<string, Level>>();
const MAX_CACHED = 256;

type Projector = (representation: Record<string, unknown>) => Record<string, unknown>;
/** The default projection's projector per resource type: most requests ask for no other. */
const defaults = new WeakMap<ResourceTypeIndex, Projector>();

/** A projector for one request's lists, reusable for every resource of a list response. */
export function compileProjection(index: ResourceTypeIndex, options: ProjectionOptions = {}): Projector {
  const asked = (options.attributes?.length ?? 0) > 0 || options.excludedAttributes !== undefined;
  if (!asked) {
    let projector = defaults.get(index);
    if (!projector) {
      const plan = compile(index, {});
      defaults.set(index, (projector = (representation) => apply(representation, plan)));
    }
    return projector;
  }
  let perType = cache.get(index);
  if (!perType) cache.set(index, (perType = new Map()));
  const key = JSON.stringify([options.attributes ?? [], options.excludedAttributes ?? []]);
  let level = perType.get(key);
  if (!level) {
    if (perType.size >= MAX_CACHED) perType.clear();
    level = compile(index, options);
    if (key.length <= 2048) perType.set(key, level); // hostile lists are not worth the memory
  }
  const plan = level;
  return (representation) => apply(representation, plan);
}

/** Projects one representation (RFC 7644 §3.9); never mutates it. */
export function projectResource(representation: Record<string, unknown>, index: ResourceTypeIndex, options: ProjectionOptions = {}): Record<string, unknown> {
  return compileProjection(index, options)(representation);
}

/** The comma-separated query form of `attributes` / `excludedAttributes` (RFC 7644 §3.9). */
export function parseAttributeList(text: string | undefined): string[] {
  if (text === undefined) return [];
  const names: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '"' && depth > 0 && text[i - 1] !== "\\") quoted = !quoted;
    else if (!quoted && c === "[") depth++;
    else if (!quoted && c === "]" && depth > 0) depth--;
    else if (c === undefined || (c === "," && depth === 0 && !quoted)) {
      const name = text.slice(start, i).trim();
      if (name !== "") names.push(name);
      start = i + 1;
      if (names.length > 1000) break; // bounded: a hostile list cannot grow without limit
    }
  }
  return names;
}
