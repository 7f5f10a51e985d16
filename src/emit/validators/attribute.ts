import type { AttributeModel } from "../../runtime/manifest/model.js";
import type { ReferenceKind } from "../../runtime/resource/checks.js";
import { commentText, identPart, lit, setStatement } from "./names.js";

// Code generation for one object level (resource top level, extension object, complex
// value): a key switch that canonicalises attribute-name case, then one straight-line
// block per declared attribute. Nothing here is evaluated at run time of the validator.

export interface Member {
  readonly attr: AttributeModel;
  /** Local variable holding the raw input value. */
  readonly local: string;
}

/** Accumulates the module-level declarations of one generated file. */
export class Gen {
  readonly functions: string[] = [];
  readonly constants: string[] = [];
  private counter = 0;

  fresh(base: string): string {
    return `${base}${this.counter++}`;
  }

  constant(values: readonly string[]): string {
    const name = this.fresh("CANONICAL_");
    this.constants.push(`const ${name}: readonly string[] = ${JSON.stringify(values)};`);
    return name;
  }
}

/** The issue for "" in a required string, reference or binary attribute. */
const EMPTY_REQUIRED = "is required and must not be an empty string (RFC 7643 §2.5)";

export function referenceKind(types: readonly string[] | undefined): ReferenceKind {
  if (!types || types.length === 0) return "any";
  const external = types.filter((t) => t === "uri" || t === "external").length;
  if (external === types.length) return "uri";
  return external === 0 ? "resource" : "any";
}

/**
 * The loop that reads input keys into locals: exact-case keys hit the first switch;
 * other spellings are lower-cased once (RFC 7643 §2.1: names are case-insensitive).
 * `extra` are additional [lowerCaseKey, local, canonicalKey] entries (schemas, URNs).
 */
export function keySwitch(obj: string, path: string, members: readonly Member[], separator: string, extra: readonly [string, string, string][] = []): string {
  const entries: [string, string, string][] = [...extra, ...members.map((m): [string, string, string] => [m.attr.name.toLowerCase(), m.local, m.attr.name])];
  const take = (local: string): string => `if (${local} !== undefined) is.duplicate(${path}, k); ${local} = ${obj}[k]; continue;`;
  const exact = entries.map(([, local, name]) => `      case ${lit(name)}: ${take(local)}`);
  const lower = entries.map(([l, local]) => `      case ${lit(l)}: ${take(local)}`);
  return [
    `  for (const k of Object.keys(${obj})) {`,
    `    switch (k) {`,
    ...exact,
    `    }`,
    `    switch (k.toLowerCase()) {`,
    ...lower,
    `    }`,
    `    is.unknown(${path}, k, o.ignoreUnknownAttributes, ${lit(separator)});`,
    `  }`,
  ].join("\n");
}

/**
 * Statements checking one (single) value `v` of `a` into `target`. The common case is an
 * inline typeof test; helpers run, and the error path string is built, only on failure.
 * Complex values call a generated function with the parent path and element index.
 */
function checkInto(g: Gen, a: AttributeModel, v: string, path: string, base: string, index: string, ex: string, inElement: boolean, target: string): string {
  // A required text value may not be "": the filter's `pr` calls "" absent (RFC 7644
  // §3.4.2.2 "non-empty value"), so storing it would leave a required attribute
  // unassigned (RFC 7643 §2.2, §2.5). "   " is a value and stays. readOnly input is
  // ignored, so its required check never runs. One comparison, no allocation.
  const refuseEmpty = a.required && a.mutability !== "readOnly";
  const ne = refuseEmpty ? ` && ${v} !== ""` : "";
  const empty = refuseEmpty ? `if (${v} === "") is.add("invalidValue", ${path}, ${lit(EMPTY_REQUIRED)}); else ` : "";
  switch (a.type) {
    case "boolean":
      return `if (typeof ${v} === "boolean") ${target} = ${v}; else ${target} = checkBoolean(${v}, ${path}, is, o.coerceBooleanStrings);`;
    case "decimal":
      return `if (typeof ${v} === "number" && Number.isFinite(${v})) ${target} = ${v}; else checkDecimal(${v}, ${path}, is);`;
    case "integer":
      return `if (Number.isSafeInteger(${v})) ${target} = ${v}; else checkInteger(${v}, ${path}, is);`;
    case "dateTime":
      return `if (typeof ${v} === "string" && isDateTime(${v})) ${target} = ${v}; else checkDateTime(${v}, ${path}, is);`;
    case "binary":
      return `if (typeof ${v} === "string"${ne} && isBase64(${v})) ${target} = ${v}; else ${empty}checkBinary(${v}, ${path}, is);`;
    case "reference": {
      const kind = lit(referenceKind(a.referenceTypes));
      return `if (typeof ${v} === "string"${ne} && isReference(${v}, ${kind})) ${target} = ${v}; else ${empty}checkReference(${v}, ${path}, is, ${kind});`;
    }
    case "complex":
      return `${target} = ${complexFunction(g, a, a.multiValued || inElement)}(${v}, ${base}, ${index}, is, o, ${ex});`;
    default: {
      const canonical =
        a.canonicalValues && a.canonicalValues.length > 0
          ? ` if (o.strictCanonicalValues) checkCanonical(${v}, ${g.constant(a.canonicalValues)}, ${a.caseExact}, ${path}, is, true);`
          : "";
      return `if (typeof ${v} === "string"${ne}) { ${target} = ${v};${canonical} } else ${empty}is.add("invalidValue", ${path}, "must be a string, got " + describe(${v}));`;
    }
  }
}

/** Statements assigning the checked value of `raw` to `r` (left undefined when absent). */
function valueCode(g: Gen, a: AttributeModel, raw: string, path: string, ex: string, r: string, inElement: boolean): string {
  if (!a.multiValued) return checkInto(g, a, raw, path, path, "-1", ex, inElement, r);
  const primary = a.type === "complex" ? a.subAttributes?.find((s) => s.name.toLowerCase() === "primary" && s.type === "boolean") : undefined;
  const limit = "(o.maxValues ?? DEFAULT_MAX_VALUES)";
  const j = g.fresh("j");
  const x = g.fresh("x");
  return [
    `if (!Array.isArray(${raw})) is.add("invalidValue", ${path}, "must be an array (multi-valued), got " + describe(${raw}));`,
    `    else if (o.mode !== "patch" && ${raw}.length > ${limit}) is.add("invalidValue", ${path}, "has " + ${raw}.length + " values; the limit is " + ${limit});`,
    `    else if (${raw}.length > 0) {`,
    `      const arr: unknown[] = [];`,
    primary ? `      let primaries = 0;` : "",
    `      for (let ${j} = 0; ${j} < ${raw}.length; ${j}++) {`,
    `        const v${j}: unknown = ${raw}[${j}];`,
    `        let ${x}: unknown;`,
    `        ${checkInto(g, a, `v${j}`, `at(${path}, ${j})`, path, j, "undefined", true, x)}`,
    primary
      ? `        if (${x} !== undefined) { arr.push(${x}); if ((${x} as JsonObject)[${lit(primary.name)}] === true) primaries++; }`
      : `        if (${x} !== undefined) arr.push(${x});`,
    `      }`,
    primary ? `      if (primaries > 1) is.add("invalidValue", ${path}, "has more than one value with primary true (RFC 7643 §2.4)");` : "",
    `      if (arr.length > 0) ${r} = arr;`,
    `    }`,
  ]
    .filter((l) => l !== "")
    .join("\n");
}

/**
 * One attribute's block: mutability (RFC 7644 §3.3, §3.5.1), value checks, required.
 * `ex` is the expression for the existing container (null inside multi-valued elements,
 * where values have no identity to compare against).
 */
export function attributeBlock(g: Gen, a: AttributeModel, raw: string, path: string, ex: string | null, out: string, inElement: boolean): string {
  const r = g.fresh("r");
  const key = lit(a.name);
  const lines = [`  // ${commentText(a.name)}: ${a.type}${a.multiValued ? "[]" : ""}, ${a.mutability}${a.required ? ", required" : ""}`, `  let ${r}: unknown;`];
  const exSub = ex === null || a.multiValued ? "undefined" : `own(${ex}, ${key})`;
  if (a.mutability === "readOnly") {
    // readOnly input is ignored (RFC 7644 §3.3); the stored value is kept on PUT/PATCH
    if (ex !== null) lines.push(`  { const e = own(${ex}, ${key}); if (!isUnassigned(e)) ${r} = cloneJson(e); }`);
    else lines.push(`  if (o.mode === "patch" && ${raw} !== undefined && ${raw} !== null) { ${valueCode(g, a, raw, path, exSub, r, inElement)} }`);
  } else {
    lines.push(`  if (${raw} !== undefined && ${raw} !== null) { ${valueCode(g, a, raw, path, exSub, r, inElement)} }`);
    const kept = a.multiValued || ex === null ? [] : (a.subAttributes ?? []).filter((s) => s.mutability === "readOnly" || s.mutability === "immutable");
    if (kept.length > 0) lines.push(`  else { ${keepStatements(exSub, kept, r)} }`);
    if (a.mutability === "immutable" && ex !== null) {
      // RFC 7644 §3.5.1: an immutable value, once set, must match; omitted keeps it
      lines.push(
        `  { const e = own(${ex}, ${key}); if (!isUnassigned(e)) { if (${r} === undefined) ${r} = cloneJson(e); else if (!sameValue(${r}, e)) is.add("mutability", ${path}, "is immutable and already has a different value"); } }`,
      );
    }
    // a given but invalid value already has its own issue; only absence is "required"
    if (a.required) lines.push(`  if (${r} === undefined && (${raw} === undefined || ${raw} === null)) is.add("invalidValue", ${path}, "is required");`);
  }
  lines.push(`  if (${r} !== undefined) { ${setStatement(out, a.name, r)} n++; }`);
  return lines.join("\n");
}

/** Left out on PUT: the stored readOnly and immutable parts stay (RFC 7644 §3.5.1). */
export function keepStatements(stored: string, kept: readonly AttributeModel[], into: string): string {
  const copies = kept.map((a) => `{ const e = own(ee, ${lit(a.name)}); if (!isUnassigned(e)) ${setStatement("keep", a.name, "cloneJson(e)")} }`);
  return `const ee = ${stored}; if (isRecord(ee)) { const keep: JsonObject = {}; ${copies.join(" ")} ${into} = nonEmpty(keep); }`;
}

/** Members (attribute + local variable) for one object level. */
export function members(g: Gen, attrs: readonly AttributeModel[]): Member[] {
  return attrs.map((attr) => ({ attr, local: g.fresh("a") }));
}

/** Generates the function validating one complex value of `a`; returns its name. Its
 * path is `at(p, i)`: `p` alone for a single value, `p[i]` for element `i`. */
function complexFunction(g: Gen, a: AttributeModel, inElement: boolean): string {
  const name = g.fresh(`complex_${identPart(a.name)}_`);
  const subs = members(g, a.subAttributes ?? []);
  const body = [
    `function ${name}(v: unknown, p: string, i: number, is: Issues, o: ValidateOptions, ex: unknown): JsonObject | undefined {`,
    `  if (!isRecord(v)) { is.add("invalidValue", at(p, i), "must be a complex value (JSON object), got " + describe(v)); return undefined; }`,
    subs.length > 0 ? `  let ${subs.map((m) => `${m.local}: unknown`).join(", ")};` : "",
    keySwitch("v", "at(p, i)", subs, "."),
    `  const out: JsonObject = {};`,
    `  let n = 0;`,
    ...subs.map((m) => attributeBlock(g, m.attr, m.local, `at(p, i) + ${lit(`.${m.attr.name}`)}`, inElement ? null : "ex", "out", inElement)),
    `  return n > 0 ? out : undefined;`,
    `}`,
  ];
  g.functions.push(unusedExisting(body.filter((l) => l !== "").join("\n")));
  return name;
}

/** Names the `ex` parameter `_ex` where no block reads it (noUnusedParameters). */
export function unusedExisting(fn: string): string {
  const [head, ...rest] = fn.split("\n");
  return /\bex\b/.test(rest.join("\n")) ? fn : [head!.replace("ex: unknown", "_ex: unknown"), ...rest].join("\n");
}
