// Parser options and their limits. Every limit turns hostile input into a precise
// `invalidFilter` (or `invalidPath`) error long before it can cost time or stack.

export interface FilterOptions {
  /**
   * Accept the quirks real IdPs send (RFC-invalid, off by default): unquoted literals
   * (`userName eq bjensen`), `+` as a space, tabs and newlines as spaces, trailing `&`/`?`,
   * case-insensitive `True`/`False`/`Null`, a stray token after `pr`, and Entra's
   * `emails[type eq "work"].value eq "x"` (read as `emails[type eq "work" and value eq "x"]`).
   */
  readonly lenient?: boolean;
  /** Longest accepted filter text, in UTF-16 code units. Default 10,000. */
  readonly maxLength?: number;
  /** Deepest nesting of parentheses, `not` and value filters. Default 50. */
  readonly maxDepth?: number;
  /** Most attribute expressions (comparisons, presence tests, value filters). Default 500. */
  readonly maxTerms?: number;
}

export const FILTER_LIMITS = { maxLength: 10_000, maxDepth: 50, maxTerms: 500 } as const;

/** Hard ceiling on nesting whatever the options say: recursion must never hit the stack limit. */
export const MAX_DEPTH_CEILING = 1_000;

export interface ResolvedFilterOptions {
  readonly lenient: boolean;
  readonly maxLength: number;
  readonly maxDepth: number;
  readonly maxTerms: number;
}

/** A usable limit: a non-negative integer, else the default. */
function limit(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : fallback;
}

const DEFAULTS: ResolvedFilterOptions = Object.freeze({ lenient: false, ...FILTER_LIMITS });

export function resolveOptions(options: FilterOptions | undefined): ResolvedFilterOptions {
  if (options === undefined) return DEFAULTS;
  return {
    lenient: options?.lenient === true,
    maxLength: limit(options?.maxLength, FILTER_LIMITS.maxLength),
    maxDepth: Math.min(limit(options?.maxDepth, FILTER_LIMITS.maxDepth), MAX_DEPTH_CEILING),
    maxTerms: limit(options?.maxTerms, FILTER_LIMITS.maxTerms),
  };
}
