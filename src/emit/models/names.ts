// Turning SCIM names into safe TypeScript: type names (PascalCase, unique within a file)
// and property keys (bare when a plain identifier, quoted otherwise). Attribute names
// keep their declared case; only type names are derived.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Keys that are valid identifiers but behave specially on objects or in classes. */
const ALWAYS_QUOTED = new Set(["__proto__", "constructor", "prototype"]);

/** `emails` -> `emails`, `x-foo` -> `"x-foo"`, `constructor` -> `"constructor"`. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) && !ALWAYS_QUOTED.has(name) ? name : JSON.stringify(name);
}

/** `x509Certificates` -> `X509Certificates`, `x-foo` -> `XFoo`, `$ref` -> `Ref`. */
export function pascal(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const out = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  if (out === "") return "Type";
  return /^[0-9]/.test(out) ? `T${out}` : out;
}

/** Naive English singular for item type names: addresses -> address, emails -> email. */
export function singular(name: string): string {
  if (/sses$/i.test(name)) return name.slice(0, -2);
  if (/[^aeiou]ies$/i.test(name)) return name.slice(0, -3) + "y";
  if (/[^siu]s$/i.test(name)) return name.slice(0, -1);
  return name;
}

/** Hands out unique type names in a deterministic order; taken names get 2, 3, … */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r.toLowerCase());
  }

  take(base: string): string {
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base}${n}`;
    this.used.add(name.toLowerCase());
    return name;
  }
}

/** A JSDoc block; "*\/" inside text cannot close the comment early. */
export function jsdoc(lines: ReadonlyArray<string | undefined>, indent = ""): string {
  const body = lines
    .filter((l): l is string => l !== undefined)
    .flatMap((l) => l.replace(/\*\//g, "*\\/").split(/\r?\n/))
    .map((l) => l.trimEnd());
  while (body.length > 0 && body[body.length - 1] === "") body.pop();
  if (body.length === 0) return "";
  return `${indent}/**\n${body.map((l) => `${indent} *${l ? " " + l : ""}`).join("\n")}\n${indent} */\n`;
}

/** A string literal type. */
export const literal = (s: string): string => JSON.stringify(s);
