// Identifiers and literals for generated code. Attribute names come from user schemas
// and may be anything (`__proto__`, `2fa`, `x-foo`, `default`): they only ever appear in
// generated code as JSON string literals, never as identifiers or plain-object keys.

export const lit = (s: string): string => JSON.stringify(s);

/** A safe identifier fragment for a name (used only inside longer identifiers). */
export function identPart(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(s) || s === "" ? `_${s}` : s;
}

/** "User" → "validateUser"; unique within `taken`. */
export function validatorName(resourceType: string, taken: Set<string>): string {
  const part = identPart(resourceType);
  const base = `validate${part.charAt(0).toUpperCase()}${part.slice(1)}`;
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

/** Writes `value` into `obj[name]`: `__proto__` needs defineProperty, not assignment. */
export function setStatement(obj: string, name: string, value: string): string {
  return name === "__proto__" ? `setOwn(${obj}, ${lit(name)}, ${value});` : `${obj}[${lit(name)}] = ${value};`;
}

/** Schema text inside a generated comment: no line breaks, no comment terminator. */
export function commentText(s: string): string {
  const flat = s.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/\*\//g, "* /");
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
