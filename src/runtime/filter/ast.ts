// The SCIM filter AST, RFC 7644 §3.4.2.2. A discriminated union on `type`.
// `P` narrows attribute paths (the generator emits `UserFilter = Filter<UserAttributePath,
// UserValuePaths>`), `V` maps each multi-valued complex attribute usable in a valuePath
// (`emails[...]`) to the union of its sub-attribute names. The defaults accept any string,
// which is what the parser produces before the kernel resolves paths against a manifest.

export type CompareOperator = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";
export type LogicalOperator = "and" | "or";
/** compValue = false / null / true / number / string (RFC 7644 Figure 1). */
export type CompareValue = string | number | boolean | null;

type ValuePathMap = Readonly<Record<string, string>>;

export interface ComparisonFilter<P extends string = string> {
  readonly type: "comparison";
  /** As written, optionally URN-prefixed: "userName", "name.familyName", "urn:…:User:manager.value". */
  readonly attributePath: P;
  readonly operator: CompareOperator;
  readonly value: CompareValue;
}

export interface PresenceFilter<P extends string = string> {
  readonly type: "presence";
  readonly attributePath: P;
}

export interface LogicalFilter<P extends string = string, V extends ValuePathMap = ValuePathMap> {
  readonly type: "logical";
  readonly operator: LogicalOperator;
  readonly left: Filter<P, V>;
  readonly right: Filter<P, V>;
}

export interface NotFilter<P extends string = string, V extends ValuePathMap = ValuePathMap> {
  readonly type: "not";
  readonly filter: Filter<P, V>;
}

/** `emails[type eq "work" and value co "@example.com"]`: inner paths are sub-attribute names. */
export type ValuePathFilter<V extends ValuePathMap = ValuePathMap> = {
  [K in keyof V & string]: {
    readonly type: "valuePath";
    readonly attributePath: K;
    readonly filter: Filter<V[K], Record<never, string>>;
  };
}[keyof V & string];

export type Filter<P extends string = string, V extends ValuePathMap = ValuePathMap> =
  | ComparisonFilter<P>
  | PresenceFilter<P>
  | LogicalFilter<P, V>
  | NotFilter<P, V>
  | ValuePathFilter<V>;

/**
 * A PATCH operation path, RFC 7644 §3.5.2: `attrPath`, `attrPath[valFilter]` or
 * `attrPath[valFilter].subAttr`. `attributePath` may be URN-prefixed and may be a bare
 * extension URN (the whole extension object).
 */
export interface PatchPath {
  readonly attributePath: string;
  readonly filter?: Filter;
  readonly subAttribute?: string;
}
