// A problem found while loading schemas: where (file, JSON pointer, optional line and
// column), which rule, and a sentence a developer can act on. The loader collects every
// problem before reporting, so one run shows them all.

export type SchemaRule =
  | "unreadable-file"
  | "file-too-large"
  | "invalid-json"
  | "not-an-object"
  | "no-match"
  | "invalid-schema-urn"
  | "duplicate-schema-id"
  | "invalid-field"
  | "missing-attribute-name"
  | "invalid-attribute-name"
  | "prototype-member-name"
  | "unknown-attribute-type"
  | "duplicate-attribute-name"
  | "complex-without-subattributes"
  | "complex-nested-in-complex"
  | "subattributes-on-non-complex"
  | "reference-without-reference-types"
  | "canonical-values-on-non-string"
  | "invalid-characteristic"
  | "reserved-attribute-name"
  | "required-read-only"
  | "missing-resource-type-field"
  | "invalid-endpoint"
  | "duplicate-resource-type"
  | "unknown-schema"
  | "unknown-extension"
  | "duplicate-extension"
  | "duplicate-extension-attribute"
  | "limit-exceeded";

export interface SchemaProblem {
  /** Input file as shown to the user (relative to the config, "/" separated). */
  readonly file: string;
  /** RFC 6901 JSON pointer into the file; "" for the whole document. */
  readonly pointer: string;
  readonly rule: SchemaRule;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** RFC 6901 §3: "~" and "/" in reference tokens are escaped. */
export function pointer(...tokens: ReadonlyArray<string | number>): string {
  let out = "";
  for (const t of tokens) out += "/" + String(t).replace(/~/g, "~0").replace(/\//g, "~1");
  return out;
}

/** `file:line:col` when known, else `file#/pointer`, then the rule and the message. */
export function formatProblem(p: SchemaProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : `${p.file}#${p.pointer}`;
  return `${where}  [${p.rule}]  ${p.message}`;
}

/** Sorted by file, then pointer, so reports are stable across runs. */
export function sortProblems(problems: readonly SchemaProblem[]): SchemaProblem[] {
  return [...problems].sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0,
  );
}
