import { ScimError, type ScimType } from "../errors.js";

// Collects validation problems so one response names several bad attributes at once
// (bounded: a hostile body with 10,000 bad values still yields a short detail).

export type IssueType = Extract<ScimType, "invalidValue" | "mutability" | "invalidSyntax">;

interface Issue {
  readonly scimType: IssueType;
  readonly path: string;
  readonly message: string;
}

export const MAX_REPORTED_ISSUES = 10;

export class Issues {
  private readonly items: Issue[] = [];
  /** Total problems found, including those beyond the reported bound. */
  count = 0;

  add(scimType: IssueType, path: string, message: string): void {
    this.count++;
    if (this.items.length < MAX_REPORTED_ISSUES) this.items.push({ scimType, path, message });
  }

  /** An input key that names no attribute (unless the compat option drops it). */
  unknown(path: string, key: string, ignore: boolean | undefined, separator = "."): void {
    // ignoreUnknownAttributes tolerates undeclared names, never probes such as "constructor".
    if (ignore && !(key in Object.prototype)) return;
    const shown = key.length > 80 ? `${key.slice(0, 80)}…` : key;
    this.add("invalidValue", path === "" ? shown : `${path}${separator}${shown}`, "is not a defined attribute");
  }

  /** The same attribute given twice under names differing only in case. */
  duplicate(path: string, key: string): void {
    this.add("invalidValue", path === "" ? key : `${path}.${key}`, "is given more than once (attribute names are case-insensitive)");
  }

  get ok(): boolean {
    return this.count === 0;
  }

  /** Throws one ScimError naming every collected attribute path (RFC 7644 §3.12). */
  throwIfAny(): void {
    if (this.count === 0) return;
    throw this.toError();
  }

  toError(): ScimError {
    const first = this.items[0]!;
    const text = (i: Issue): string => `Attribute '${i.path}' ${i.message}`;
    if (this.count === 1) return new ScimError(400, first.scimType, text(first));
    const more = this.count > this.items.length ? `; and ${this.count - this.items.length} more` : "";
    const scimType = this.items.some((i) => i.scimType === "mutability") ? "mutability" : first.scimType;
    return new ScimError(400, scimType, `${this.count} errors: ${this.items.map(text).join("; ")}${more}`);
  }
}

/** "a string", "an array"… for error details, never echoing the (possibly huge) value. */
export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  switch (typeof v) {
    case "object":
      return "an object";
    case "string":
      return "a string";
    case "number":
      return Number.isFinite(v) ? "a number" : "a non-finite number";
    case "boolean":
      return "a boolean";
    default:
      return typeof v;
  }
}
