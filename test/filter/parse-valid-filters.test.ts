import { describe, expect, it } from "vitest";
import type { Filter } from "../../src/runtime/filter/index.js";
import { parseFilter } from "../../src/runtime/filter/index.js";

// RFC 7644 §3.4.2.2 Figure 1 grammar: what each valid form parses to.

const cmp = (attributePath: string, operator: string, value: unknown): Filter => ({ type: "comparison", attributePath, operator, value }) as Filter;
const pr = (attributePath: string): Filter => ({ type: "presence", attributePath });
const and = (left: Filter, right: Filter): Filter => ({ type: "logical", operator: "and", left, right });
const or = (left: Filter, right: Filter): Filter => ({ type: "logical", operator: "or", left, right });
const not = (filter: Filter): Filter => ({ type: "not", filter });
const vp = (attributePath: string, filter: Filter): Filter => ({ type: "valuePath", attributePath, filter }) as Filter;
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

describe("parseFilter: valid filters", () => {
  it.each<[string, Filter]>([
    ['userName eq "bjensen"', cmp("userName", "eq", "bjensen")],
    ['userName Eq "john"', cmp("userName", "eq", "john")],
    ['Username EQ "john"', cmp("Username", "eq", "john")],
    ['name.familyName co "O\'Malley"', cmp("name.familyName", "co", "O'Malley")],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', cmp("urn:ietf:params:scim:schemas:core:2.0:User:userName", "sw", "J")],
    [`${ENT}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, cmp(`${ENT}:manager.value`, "eq", "26118915-6090-4610-87e4-49d8ca9f808d")],
    ["title pr", pr("title")],
    ["title PR", pr("title")],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', cmp("meta.lastModified", "gt", "2011-05-13T04:42:34Z")],
    ["x ge 1", cmp("x", "ge", 1)],
    ["x lt -1.5", cmp("x", "lt", -1.5)],
    ["x le 2e3", cmp("x", "le", 2000)],
    ["x ne 1.5E-2", cmp("x", "ne", 0.015)],
    ["x ew 0", cmp("x", "ew", 0)],
    ["active eq true", cmp("active", "eq", true)],
    ["active eq false", cmp("active", "eq", false)],
    ["title eq null", cmp("title", "eq", null)],
    ['x eq "a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00"', cmp("x", "eq", 'a"b\\c/d\b\f\n\r\t\u00e9\u{1F600}')],
    ['x eq ""', cmp("x", "eq", "")],
    ['members.$ref eq "x"', cmp("members.$ref", "eq", "x")],
    ['a pr and b pr or c pr', or(and(pr("a"), pr("b")), pr("c"))],
    ['a pr or b pr and c pr', or(pr("a"), and(pr("b"), pr("c")))],
    ['a pr and b pr and c pr', and(and(pr("a"), pr("b")), pr("c"))],
    ['a pr AND (b pr OR c pr)', and(pr("a"), or(pr("b"), pr("c")))],
    ['not (a pr) and b pr', and(not(pr("a")), pr("b"))],
    ['not(a pr)', not(pr("a"))],
    ['NOT ( a pr )', not(pr("a"))],
    ['((a pr))', pr("a")],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(cmp("userType", "eq", "Employee"), or(cmp("emails", "co", "example.com"), cmp("emails.value", "co", "example.org")))],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(cmp("userType", "eq", "Employee"), vp("emails", and(cmp("type", "eq", "work"), cmp("value", "co", "@example.com"))))],
    ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(vp("emails", and(cmp("type", "eq", "work"), cmp("value", "co", "@example.com"))), vp("ims", and(cmp("type", "eq", "xmpp"), cmp("value", "co", "@foo.com"))))],
    ['emails[not (type eq "work")]', vp("emails", not(cmp("type", "eq", "work")))],
    ['emails[ type pr ]', vp("emails", pr("type"))],
    [`${ENT}:manager[value pr]`, vp(`${ENT}:manager`, pr("value"))],
    ['  userName eq "x"  ', cmp("userName", "eq", "x")],
    ['userName  eq   "x"', cmp("userName", "eq", "x")],
  ])("%s", (text, ast) => {
    expect(parseFilter(text)).toEqual(ast);
  });

  it("keeps -0 as -0 so printing round-trips", () => {
    expect(Object.is((parseFilter("x eq -0") as { value: number }).value, -0)).toBe(true);
  });
});

describe("parseFilter: lenient mode (IdP quirks, off by default)", () => {
  it.each<[string, Filter]>([
    ["userName eq bjensen", cmp("userName", "eq", "bjensen")],
    ["externalId eq jyoung", cmp("externalId", "eq", "jyoung")],
    ["USERNAME eq x", cmp("USERNAME", "eq", "x")],
    ["userName+eq+%22x%22", cmp("userName", "eq", "%22x%22")],
    ['userName+eq+"alice@contoso.com"', cmp("userName", "eq", "alice@contoso.com")],
    ["meta.Created gt 2015-10-10T14:38:21.8617979-07:00", cmp("meta.Created", "gt", "2015-10-10T14:38:21.8617979-07:00")],
    ["meta.Created gt 2015-10-10T14:38:21+07:00", cmp("meta.Created", "gt", "2015-10-10T14:38:21+07:00")],
    ["name.FamilyName eq Employee and (emails.Value co example.com or emails.Value co example.org)",
      and(cmp("name.FamilyName", "eq", "Employee"), or(cmp("emails.Value", "co", "example.com"), cmp("emails.Value", "co", "example.org")))],
    ["userName pr loginUser1", pr("userName")],
    ['userName eq "x"&', cmp("userName", "eq", "x")],
    ['userName eq "x"?', cmp("userName", "eq", "x")],
    ["active eq True", cmp("active", "eq", true)],
    ["x eq 42", cmp("x", "eq", 42)],
    ["x eq 42abc", cmp("x", "eq", "42abc")],
    ['userName\teq\t"x"', cmp("userName", "eq", "x")],
    ['emails[type eq "work"].value eq "x"', vp("emails", and(cmp("type", "eq", "work"), cmp("value", "eq", "x")))],
    ['emails[type eq "Primary"].value eq "001750ca"', vp("emails", and(cmp("type", "eq", "Primary"), cmp("value", "eq", "001750ca")))],
    ['emails[type eq "work"].value pr', vp("emails", and(cmp("type", "eq", "work"), pr("value")))],
  ])("%s", (text, ast) => {
    expect(parseFilter(text, { lenient: true })).toEqual(ast);
  });

  it.each(["userName eq bjensen", 'emails[type eq "work"].value eq "x"', "active eq True", "userName pr loginUser1"])(
    "strict mode rejects %s",
    (text) => expect(() => parseFilter(text)).toThrowError(/Invalid filter at position \d+/),
  );
});

describe("parseFilter: keywords as attribute names", () => {
  it.each<[string, Filter]>([
    ['not eq "x"', cmp("not", "eq", "x")],
    ["not pr", pr("not")],
    ['and eq "x" and or pr', and(cmp("and", "eq", "x"), pr("or"))],
    ['not (not eq "x")', not(cmp("not", "eq", "x"))],
  ])("%s", (text, ast) => expect(parseFilter(text)).toEqual(ast));
});
