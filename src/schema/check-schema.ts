import { RESERVED_ATTRIBUTE_NAMES } from "../runtime/manifest/common.js";
import { pointer, type SchemaProblem, type SchemaRule } from "./problem.js";

// Checks one schema document (RFC 7643 §7) before the IR is built. Every problem is
// collected; nothing here throws or mutates the input.

export type JsonObject = Record<string, unknown>;

export const ATTRIBUTE_TYPES = ["string", "boolean", "decimal", "integer", "dateTime", "binary", "reference", "complex"] as const;
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  mutability: ["readOnly", "readWrite", "immutable", "writeOnly"],
  returned: ["always", "never", "default", "request"],
  uniqueness: ["none", "server", "global"],
};
const BOOLEANS = ["multiValued", "required", "caseExact"] as const;

/** RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar); "$ref" is the one defined exception. */
const ATTRNAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** Object.prototype members: as attribute names they shadow inherited members at run time,
 * and TypeScript cannot type them as optional properties of object literals. */
export const PROTOTYPE_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype).map((n) => n.toLowerCase()));
/** RFC 8141: "urn:" NID ":" NSS. */
// RFC 8141 §3.1: the "urn" scheme is case-insensitive (as is the NID; the classes hold both cases).
const URN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,30}[A-Za-z0-9]:[A-Za-z0-9()+,\-.:=@;$_!*'%/]*[A-Za-z0-9()+,\-.=@;$_!*'%/]$/i;

export const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);
export const isSchemaUrn = (v: unknown): v is string => typeof v === "string" && v.length <= 1024 && URN.test(v);

/** Far above any real schema (RFC 7643 User has 21 attributes), low enough that generated
 * code stays a size prettier and tsc handle in seconds. */
export const LIMITS = { attributes: 1000, subAttributes: 200, canonicalValues: 1000, nameLength: 128 } as const;

type Report = (rule: SchemaRule, at: string, message: string) => void;

export function checkSchema(raw: JsonObject, file: string): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const report: Report = (rule, at, message) => problems.push({ file, pointer: at, rule, message });
  if (!isSchemaUrn(raw.id)) {
    report("invalid-schema-urn", pointer("id"), `schema id ${JSON.stringify(raw.id ?? null)} is not a URN (RFC 7643 §7, RFC 8141: "urn:<nid>:<nss>")`);
  }
  for (const key of ["name", "description"] as const) {
    if (raw[key] !== undefined && typeof raw[key] !== "string") report("invalid-field", pointer(key), `schema ${key} must be a string`);
  }
  if (!Array.isArray(raw.attributes)) {
    report("invalid-field", pointer("attributes"), "schema attributes must be an array of attribute definitions (RFC 7643 §7)");
    return problems;
  }
  if (raw.attributes.length > LIMITS.attributes) {
    report("limit-exceeded", pointer("attributes"), `schema has ${raw.attributes.length} attributes; at most ${LIMITS.attributes} are supported`);
    return problems;
  }
  checkAttributes(raw.attributes, ["attributes"], 0, report);
  return problems;
}

function checkAttributes(list: readonly unknown[], at: ReadonlyArray<string | number>, depth: number, report: Report): void {
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const here = [...at, i];
    if (!isObject(item)) {
      report("invalid-field", pointer(...here), "an attribute definition must be a JSON object");
      return;
    }
    const name = item.name;
    if (typeof name === "string" && name.length > LIMITS.nameLength) {
      report("limit-exceeded", pointer(...here, "name"), `attribute name is ${name.length} characters long; at most ${LIMITS.nameLength} are supported`);
      return;
    }
    if (typeof name !== "string" || name === "") {
      report("missing-attribute-name", pointer(...here, "name"), "attribute has no name (RFC 7643 §7 \"name\" is REQUIRED)");
    } else {
      if (!(ATTRNAME.test(name) || (depth === 1 && name === "$ref"))) {
        report("invalid-attribute-name", pointer(...here, "name"), `attribute name ${JSON.stringify(name)} is invalid: RFC 7643 §2.1 requires a letter followed by letters, digits, "-" or "_"`);
      }
      const key = name.toLowerCase();
      if (PROTOTYPE_MEMBERS.has(key) && ATTRNAME.test(name)) {
        report("prototype-member-name", pointer(...here, "name"), `attribute name "${name}" is the name of an Object.prototype member (compared case-insensitively); it cannot be represented safely in JavaScript objects or TypeScript types, choose another name`);
      }
      const first = seen.get(key);
      if (first !== undefined) {
        report("duplicate-attribute-name", pointer(...here, "name"), `attribute "${name}" duplicates ${pointer(...at, first)} (names are case-insensitive, RFC 7643 §2.1)`);
      } else seen.set(key, i);
      if (depth === 0 && RESERVED_ATTRIBUTE_NAMES.includes(key)) {
        report("reserved-attribute-name", pointer(...here, "name"), `attribute "${name}" redefines the common attribute "${key}" every resource has (RFC 7643 §3, §3.1)`);
      }
    }
    checkAttribute(item, typeof name === "string" ? name : "?", here, depth, report);
  });
}

function checkAttribute(a: JsonObject, name: string, here: ReadonlyArray<string | number>, depth: number, report: Report): void {
  const type = a.type ?? "string";
  if (typeof type !== "string" || !(ATTRIBUTE_TYPES as readonly string[]).includes(type)) {
    report("unknown-attribute-type", pointer(...here, "type"), `attribute "${name}" has unknown type ${JSON.stringify(type)}; expected one of ${ATTRIBUTE_TYPES.join(", ")} (RFC 7643 §2.3)`);
  }
  for (const key of BOOLEANS) {
    if (a[key] !== undefined && typeof a[key] !== "boolean") {
      report("invalid-characteristic", pointer(...here, key), `attribute "${name}": ${key} must be true or false`);
    }
  }
  for (const [key, allowed] of Object.entries(ENUMS)) {
    const v = a[key];
    if (v !== undefined && (typeof v !== "string" || !allowed.includes(v))) {
      report("invalid-characteristic", pointer(...here, key), `attribute "${name}": ${key} ${JSON.stringify(v)} is not one of ${allowed.join(", ")} (RFC 7643 §2.2)`);
    }
  }
  if (a.description !== undefined && typeof a.description !== "string") {
    report("invalid-characteristic", pointer(...here, "description"), `attribute "${name}": description must be a string`);
  }
  checkStringList(a, "canonicalValues", name, here, report);
  checkStringList(a, "referenceTypes", name, here, report);
  if (Array.isArray(a.canonicalValues) && a.canonicalValues.length > LIMITS.canonicalValues) {
    report("limit-exceeded", pointer(...here, "canonicalValues"), `attribute "${name}" has ${a.canonicalValues.length} canonicalValues; at most ${LIMITS.canonicalValues} are supported`);
  }
  if (Array.isArray(a.canonicalValues) && a.canonicalValues.length > 0 && type !== "string") {
    report("canonical-values-on-non-string", pointer(...here, "canonicalValues"), `attribute "${name}" of type ${JSON.stringify(type)} has canonicalValues; they apply to string attributes`);
  }
  if (type === "reference" && !(Array.isArray(a.referenceTypes) && a.referenceTypes.length > 0)) {
    report("reference-without-reference-types", pointer(...here), `reference attribute "${name}" has no referenceTypes (RFC 7643 §7: REQUIRED for references)`);
  }
  if (a.required === true && a.mutability === "readOnly") {
    report("required-read-only", pointer(...here), `attribute "${name}" is required but readOnly: a client can never supply it (RFC 7643 §2.2)`);
  }
  if (type === "complex") {
    if (depth > 0) {
      report("complex-nested-in-complex", pointer(...here, "type"), `sub-attribute "${name}" is complex; a complex attribute MUST NOT contain sub-attributes that have sub-attributes (RFC 7643 §2.3.8)`);
    } else if (!Array.isArray(a.subAttributes) || a.subAttributes.length === 0) {
      report("complex-without-subattributes", pointer(...here), `complex attribute "${name}" has no subAttributes (RFC 7643 §2.3.8)`);
    } else if (a.subAttributes.length > LIMITS.subAttributes) {
      report("limit-exceeded", pointer(...here, "subAttributes"), `attribute "${name}" has ${a.subAttributes.length} sub-attributes; at most ${LIMITS.subAttributes} are supported`);
    } else {
      checkAttributes(a.subAttributes, [...here, "subAttributes"], depth + 1, report);
    }
  } else if (a.subAttributes !== undefined && !(Array.isArray(a.subAttributes) && a.subAttributes.length === 0)) {
    report("subattributes-on-non-complex", pointer(...here, "subAttributes"), `attribute "${name}" of type ${JSON.stringify(type)} has subAttributes; only complex attributes have them`);
  }
}

function checkStringList(a: JsonObject, key: string, name: string, here: ReadonlyArray<string | number>, report: Report): void {
  const v = a[key];
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
    report("invalid-characteristic", pointer(...here, key), `attribute "${name}": ${key} must be an array of strings`);
  }
}
