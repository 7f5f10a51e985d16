// The filter corpus, as plain data (the stores' contract suite reuses it): valid filters
// with the ids they match in corpus-users.ts, and invalid ones with the 1-based position
// and a fragment of the detail each must produce. Sources: RFC 7644 §3.4.2.2 (Figure 2),
// ../shared/reference/idp-request-shapes.md, the Okta/Microsoft conformance suites.

export { corpusGroups, corpusUsers } from "./corpus-users.js";

export interface ValidFilterCase {
  readonly filter: string;
  readonly source: string;
  readonly resourceType: "User" | "Group";
  /** Ids of corpusUsers / corpusGroups that match, in fixture order. */
  readonly matches: readonly string[];
  readonly lenient?: boolean;
  /** Compile with { coerceBooleanStrings: true } (compat). */
  readonly coerceBooleanStrings?: boolean;
  /** Needs Unicode case folding (SQLite: only with SqlTarget.lower = scim_lower). */
  readonly unicodeCase?: boolean;
}

export interface InvalidFilterCase {
  readonly filter: string;
  readonly source: string;
  /** "parse": parseFilter throws; "compile": it parses but the User schema rejects it. */
  readonly stage: "parse" | "compile";
  /** 1-based position the detail must name (parse errors). */
  readonly position?: number;
  /** A fragment of the detail. */
  readonly detail: string;
  readonly options?: { readonly maxLength?: number; readonly maxDepth?: number; readonly maxTerms?: number; readonly lenient?: boolean };
}

const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const TEST = "urn:example:params:scim:schemas:extension:test:2.0:User";
const ALL = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"];
const RFC = "RFC 7644 §3.4.2.2 Figure 2";
const SEM = "RFC 7644 §3.4.2.2 / RFC 7643 §2.2";
const u = (filter: string, matches: readonly string[], source = SEM, extra: Partial<ValidFilterCase> = {}): ValidFilterCase => ({ filter, source, resourceType: "User", matches, ...extra });
const g = (filter: string, matches: readonly string[], source = SEM): ValidFilterCase => ({ filter, source, resourceType: "Group", matches });

export const validFilters: readonly ValidFilterCase[] = [
  u('userName eq "bjensen"', ["u1"], RFC),
  u('name.familyName co "O\'Malley"', ["u2"], RFC),
  u('userName sw "J"', ["u2", "u3"], RFC),
  u('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', ["u2", "u3"], RFC),
  u("title pr", ["u1", "u4"], RFC),
  u('meta.lastModified gt "2011-05-13T04:42:34Z"', ["u3", "u5", "u6", "u7", "u8"], RFC),
  u('meta.lastModified ge "2011-05-13T04:42:34Z"', ["u1", "u2", "u3", "u5", "u6", "u7", "u8"], RFC),
  u('meta.lastModified lt "2011-05-13T04:42:34Z"', ["u4"], RFC),
  u('meta.lastModified le "2011-05-13T04:42:34Z"', ["u1", "u2", "u4"], RFC),
  u('title pr and userType eq "Employee"', ["u1"], RFC),
  u('title pr or userType eq "Intern"', ["u1", "u2", "u4"], RFC),
  u(`schemas eq "${ENT}"`, ["u1", "u4", "u7"], RFC),
  u('userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', ["u1", "u3", "u7"], RFC),
  u('userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', ["u4", "u8"], RFC),
  u('userType eq "Employee" and (emails.type eq "work")', ["u1", "u3"], RFC),
  u('userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', ["u1"], RFC),
  u('emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', ["u1", "u5", "u6"], RFC),
  u('userName Eq "john"', ["u2"], "RFC 7644 §3.4.2.2 (case-insensitive operators)"),
  u('Username eq "john"', ["u2"], "RFC 7644 §3.4.2.2 (case-insensitive attribute names)"),

  u('emails[type eq "home" and value co "@example.com"]', ["u3", "u7"]),
  u('emails ne "bjensen@example.com"', ["u2", "u3", "u4", "u5", "u6", "u7", "u8"]),
  u("nickName pr", ["u8"]),
  u("not (nickName pr)", ["u1", "u2", "u3", "u4", "u5", "u6", "u7"]),
  u('title eq ""', ["u3"]),
  u("title eq null", ["u2", "u3", "u5", "u6", "u7", "u8"]),
  u("title ne null", ["u1", "u4"]),
  u("active eq true", ["u1", "u3", "u4", "u5", "u6", "u7"]),
  u("active eq false", ["u2", "u8"]),
  u("active ne true", ["u2", "u8"]),
  u('meta.created ge "2013-01-01T00:00:00+01:00"', ["u4", "u5", "u6", "u7", "u8"]),
  u('meta.lastModified eq "2011-05-13T04:42:34Z"', ["u1", "u2"]),
  u('meta.created gt "2015-06-15T12:00:00.000Z"', ["u7", "u8"]),
  u('meta.resourceType eq "User"', ALL),
  u(`${ENT}:employeeNumber eq "701984"`, ["u1"]),
  u(`${ENT}:manager.value eq "u1"`, ["u4"]),
  u(`${ENT}:manager pr`, ["u1", "u4"]),
  u(`${ENT}:department co "r&d"`, ["u7"]),
  u(`${ENT}:employeeNumber pr and userName sw "A"`, ["u4"]),
  u(`${TEST}:level gt 2`, ["u1", "u3", "u6"]),
  u(`${TEST}:level eq 3`, ["u1", "u6"]),
  u(`${TEST}:score le 0`, ["u3"]),
  u(`${TEST}:score eq 4.5`, ["u1", "u6"]),
  u(`${TEST}:hiredAt eq "2012-01-01T00:00:00Z"`, ["u3"]),
  u(`${TEST}:hiredAt lt "2011-01-01T00:00:00Z"`, ["u1"]),
  u(`${TEST}:tags eq "beta"`, ["u1"]),
  u(`${TEST}:tags pr`, ["u1", "u7"]),
  u(`${TEST}:code eq "abc"`, ["u3"]),
  u(`${TEST}:code sw "A"`, ["u1", "u6"]),
  u(`${TEST}:code gt "ABC"`, ["u1", "u3"]),
  u(`${TEST}:verified eq false`, ["u3"]),
  u(`${TEST}:devices[kind eq "laptop" and primary eq true]`, ["u6"]),
  u(`${TEST}:devices[since gt "2020-01-01T00:00:00Z"]`, ["u6"]),
  u(`${TEST}:devices eq "d1"`, ["u6"]),
  u(`${TEST}:badge eq "QUJD"`, ["u6"]),
  u(`${TEST}:badge eq "qujd"`, []),
  u(`${TEST}:badge sw "QU"`, ["u6"]),
  u("emails.value pr", ["u1", "u2", "u3", "u5", "u6", "u7"]),
  u("emails pr", ["u1", "u2", "u3", "u5", "u6", "u7"]),
  u("addresses pr", []),
  u("phoneNumbers pr", []),
  u('emails[type eq "work"]', ["u1", "u2", "u3", "u5", "u6", "u8"]),
  u('emails[not (type eq "work")]', ["u1", "u3", "u7"]),
  u('not (emails[type eq "work"])', ["u4", "u7"]),
  u('x509Certificates eq "TUlJQ2lUQ0NBZk"', ["u6"]),
  u('x509Certificates eq "tUlJQ2lUQ0NBZk"', []),
  u("roles[primary eq true]", ["u7"]),
  u('displayName ew "ström"', ["u5"]),
  u('userName eq "zoë"', ["u5"]),
  u('userName eq "ZOË"', ["u5"], SEM, { unicodeCase: true }),
  u('displayName eq "ZOË ÅNGSTRÖM"', ["u5"], SEM, { unicodeCase: true }),
  u('displayName co "ÅNG"', ["u5"], SEM, { unicodeCase: true }),
  u('id eq "u3"', ["u3"]),
  u('id eq "U3"', []),
  u('externalId eq "john-ext"', []),
  u('externalId eq "John-Ext"', ["u2"]),
  u('name.givenName sw "al" or name.familyName ew "sen"', ["u1", "u4"]),
  u('userName gt "dave"', ["u2", "u3", "u5"]),
  u('(userName eq "bob" or userName eq "carol") and not (active eq false)', ["u6", "u7"]),
  u('emails[value ew ".org"] and emails[type eq "home"]', ["u1", "u3"]),

  u("userName eq bjensen", ["u1"], "WSO2 / Entra docs (unquoted literal)", { lenient: true }),
  u("externalId eq John-Ext", ["u2"], "Entra docs: externalId eq jyoung", { lenient: true }),
  u('emails[type eq "work"].value eq "bjensen@example.com"', ["u1"], "Entra: valuePath with trailing sub-attribute", { lenient: true }),
  u("name.FamilyName eq Jensen and (emails.Value co example.com or emails.Value co example.org)", ["u1"], "Microsoft SCIM validator", { lenient: true }),
  u("meta.Created gt 2015-10-10T14:38:21.8617979-07:00", ["u7", "u8"], "Microsoft SCIM validator", { lenient: true }),
  u('(ActiVe eq true) and meta.lastmodified ge "2014-01-01T00:00:00.0000000Z"', ["u5", "u6", "u7"], "Microsoft SCIM validator"),
  u('userName+eq+"bob"', ["u6"], "form-encoded query string (+ as space)", { lenient: true }),
  u("USERNAME EQ carol", ["u7"], "WSO2", { lenient: true }),
  u("active eq True", ["u1", "u3", "u4", "u5", "u6", "u7"], "Entra string booleans", { lenient: true }),
  u('roles[primary eq "True"]', ["u7"], "Entra validator: roles[primary eq \"True\"]", { coerceBooleanStrings: true }),
  u('userName eq "bjensen"&', ["u1"], "trailing & from a hand-built query", { lenient: true }),
  u('userName eq "JOHN" and active eq false', ["u2"], "Okta SPEC test: userName eq lookup"),
  u('id eq "u7"', ["u7"], "Entra: id eq lookup"),
  u('userName eq "BJENSEN"', ["u1"], "Okta SPEC test: userName eq {{randomUsernameCaps}}"),
  u('displayName eq "BABS JENSEN"', ["u1"], "Microsoft collection: displayName eq upper-cased"),
  u("userName sw J", ["u2", "u3"], "Microsoft collection: userName sw O (unquoted)", { lenient: true }),
  u('active eq true and (meta.lastModified ge "0001-01-03T00:00:00.0000000Z" and meta.lastModified le "2014-01-01T00:00:00.0000000Z")', ["u1", "u3", "u4", "u6"], "Microsoft collection: watermark query"),

  g('displayName eq "ops"', ["g1"], "Entra / Okta group lookup"),
  g('members[value eq "u1"]', ["g1"]),
  g("members pr", ["g1"]),
  g('displayName sw "OPS"', ["g1", "g3"]),
  g('members.value eq "u2"', ["g1"]),
  g("not (members pr)", ["g2", "g3"]),
];

const P = "scim-gen bad-input rules";
const bad = (filter: string, position: number, detail: string, options?: InvalidFilterCase["options"]): InvalidFilterCase =>
  options ? { filter, source: P, stage: "parse", position, detail, options } : { filter, source: P, stage: "parse", position, detail };
const ill = (filter: string, detail: string, position = 1): InvalidFilterCase => ({ filter, source: SEM, stage: "compile", position, detail });

export const invalidFilters: readonly InvalidFilterCase[] = [
  bad("", 1, "expected a filter expression"),
  bad('userName eq "bjensen', 21, "unterminated string"),
  bad('(userName eq "x"', 17, 'expected ")" to close the "(" at position 1'),
  bad('userName eq "x")', 16, 'unbalanced ")"'),
  bad('userName eq "x"]', 16, 'unbalanced "]"'),
  bad('emails[type eq "work"', 22, 'expected "]" to close the "[" at position 7'),
  bad('emails type eq "work"]', 8, "expected a comparison operator"),
  bad('userName xx "x"', 10, 'found "xx"'),
  bad("userName eq", 12, "a value after \"eq\""),
  bad("userName", 9, "expected a space and then a comparison operator"),
  bad('userName eq "x" garbage', 17, 'expected "and", "or" or the end of the filter, found "garbage"'),
  bad('userName eq "\\q"', 14, "invalid escape sequence"),
  bad('userName eq "\\u12G4"', 14, "four hexadecimal digits"),
  bad('userName eq "x\\', 15, "invalid escape sequence"),
  bad('userName eq "a\u0001b"', 15, "control characters must be escaped"),
  bad('userName\u0000eq "x"', 9, "control character U+0000"),
  bad('userName eq "x" and', 20, 'a space after "and"'),
  bad('userName eq "x" or', 19, 'a space after "or"'),
  bad('and userName eq "x"', 5, "expected a comparison operator"),
  bad('not userName eq "x"', 5, 'expected "(" after "not"'),
  bad("userName eq 01", 14, "after the value"),
  bad("userName eq 1.", 13, "a JSON number"),
  bad("userName eq 1e999", 13, "number out of range"),
  bad("userName eq tru", 13, "expected a value"),
  bad("userName eq TRUE", 13, "must be written in lower case"),
  bad("userName eq bjensen", 13, "expected a value"),
  bad('emails[type eq "work"].value eq "x"', 23, "a sub-attribute after \"]\" is not allowed"),
  bad('emails[type[value eq "x"] eq "y"]', 12, "value filters cannot be nested"),
  bad('emails[urn:x:y:type eq "x"]', 8, "expected a sub-attribute name"),
  bad('emails[name.value eq "x"]', 8, "expected a sub-attribute name"),
  bad("userName pr pr", 13, 'expected "and", "or" or the end of the filter'),
  bad('name.familyName.givenName eq "x"', 6, "is not an attribute name"),
  bad('urn:ietf:params:scim:schemas:core:2.0:User: eq "x"', 1, "expected an attribute name after the schema URN"),
  bad('__proto__ eq "x"', 1, '"__proto__" is not an attribute name'),
  bad('emails[__proto__ eq "x"]', 8, '"__proto__" is not an attribute name'),
  bad("()", 2, "expected an attribute path"),
  bad('userName eq "x" and ()', 22, "expected an attribute path"),
  bad('9userName eq "x"', 1, "is not an attribute name"),
  bad('userName eq "x" &', 17, 'found "&"'),
  bad(`${"(".repeat(60)}userName eq "x"${")".repeat(60)}`, 51, "nesting is deeper than the limit of 50"),
  bad(`${"(".repeat(10_000)}userName eq "x"${")".repeat(10_000)}`, 51, "nesting is deeper than the limit of 50", { maxLength: 1_000_000 }),
  bad(`${"not (".repeat(100)}userName pr${")".repeat(100)}`, 255, "nesting is deeper than the limit of 50"),
  bad(`${"(".repeat(5_000)}userName eq "x"${")".repeat(5_000)}`, 10_001, "the limit is 10000"),
  bad(`userName eq "${"x".repeat(1_048_576)}"`, 10_001, "the limit is 10000"),
  bad(Array.from({ length: 501 }, (_, i) => `a${i} pr`).join(" or "), 5391, "more than the limit of 500 expressions"),
  bad('userName eq "x"', 2, "the limit is 1", { maxLength: 1 }),

  ill('constructor eq "x"', 'unknown attribute "constructor"'),
  ill('nope eq "x"', 'unknown attribute "nope"'),
  ill('name.nope eq "x"', 'unknown attribute "name.nope"'),
  ill('urn:example:unknown:2.0:User:foo eq "x"', "unknown attribute"),
  ill('emails[nope pr]', 'unknown sub-attribute "nope" of "emails"', 8),
  ill('userName eq "x" and (title pr or nope eq "x")', 'unknown attribute "nope"', 34),
  ill('emails[type eq "work"] and active gt true', 'operator "gt" is not defined for boolean', 28),
  ill('userName[value eq "x"]', "needs a complex attribute"),
  ill("active gt true", 'operator "gt" is not defined for boolean attribute "active"'),
  ill("active ge false", 'operator "ge" is not defined for boolean'),
  ill("active lt true", 'operator "lt" is not defined for boolean'),
  ill("active le true", 'operator "le" is not defined for boolean'),
  ill('x509Certificates.value gt "a"', 'operator "gt" is not defined for binary attribute'),
  ill(`${TEST}:badge lt "a"`, 'operator "lt" is not defined for binary attribute'),
  ill('active co "t"', 'operator "co" is not defined for boolean'),
  ill(`${TEST}:level sw "1"`, 'operator "sw" needs a string attribute'),
  ill(`${TEST}:level eq "1"`, "compare it with a number"),
  ill("userName eq 1", "compare it with a quoted string"),
  ill('active eq "true"', "boolean attribute; compare it with true or false"),
  ill('meta.created eq "2011-13-01T00:00:00Z"', "not an xsd:dateTime"),
  ill('meta.created co "2011"', 'operator "co" needs a string attribute'),
  ill('name eq "x"', "complex attribute"),
  ill("userName gt null", 'cannot compare "userName" with null'),
];
