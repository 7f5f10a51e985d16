import { describe, expect, it } from "vitest";
import { compileFilter, parseFilter } from "../../src/runtime/filter/index.js";
import { coreIndex } from "../support/core-manifest.js";

// RFC 7644 §3.4.2.2 semantics through the manifest (RFC 7643 §2.2 caseExact, §2.3 types).

const index = coreIndex();
const users = index.resourceType("User")!;
const groups = index.resourceType("Group")!;
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

const babs = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", ENT],
  id: "2819c223",
  externalId: "Ext-1",
  userName: "BJensen",
  name: { familyName: "O'Malley", givenName: "Barbara" },
  displayName: "Babs Jensen",
  active: true,
  userType: "Employee",
  title: "",
  emails: [
    { value: "bjensen@Example.com", type: "work", primary: true },
    { value: "babs@jensen.org", type: "home" },
  ],
  phoneNumbers: [],
  addresses: [{}],
  x509Certificates: [{ value: "TUlJRE==" }],
  meta: { resourceType: "User", created: "2010-01-23T04:56:22Z", lastModified: "2011-05-13T06:42:34+02:00", version: 'W/"3"' },
  [ENT]: { employeeNumber: "701984", manager: { value: "26118915", displayName: "John Smith" }, costCenter: "4130" },
};

const match = (filter: string, resource: Record<string, unknown> = babs, rt = users): boolean =>
  compileFilter(parseFilter(filter), rt)(resource);

describe("compileFilter: strings honour caseExact", () => {
  it.each<[string, boolean]>([
    ['userName eq "bjensen"', true], // caseExact=false
    ['USERNAME EQ "BJENSEN"', true],
    ['userName sw "bj"', true],
    ['userName ew "SEN"', true],
    ['userName co "jens"', true],
    ['userName eq "bjense"', false],
    ['externalId eq "ext-1"', false], // caseExact=true
    ['externalId eq "Ext-1"', true],
    ['id eq "2819C223"', false],
    ['id eq "2819c223"', true],
    ['name.familyName co "o\'malley"', true],
    ['Name.FamilyName eq "O\'MALLEY"', true],
    ['displayName gt "babs"', true],
    ['displayName lt "babs"', false],
    ['displayName ge "BABS JENSEN"', true],
    ['displayName le "babs jensen"', true],
    ['meta.version eq "W/\\"3\\""', true],
    ['meta.resourceType eq "user"', false], // caseExact=true
  ])("%s -> %s", (f, expected) => expect(match(f)).toBe(expected));
});

describe("compileFilter: typed comparisons", () => {
  it.each<[string, boolean]>([
    ["active eq true", true],
    ["active eq false", false],
    ["active ne false", true],
    ['meta.lastModified eq "2011-05-13T04:42:34Z"', true], // same instant, other offset
    ['meta.lastModified gt "2011-05-13T04:42:33.999Z"', true],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified le "2011-05-13T06:42:34+02:00"', true],
    ['meta.created lt "2011-05-13T04:42:34Z"', true],
    ['meta.created gt "2010-01-23T04:56:22.0000001Z"', false],
  ])("%s -> %s", (f, expected) => expect(match(f)).toBe(expected));
});

describe("compileFilter: presence, multi-valued and complex attributes", () => {
  it.each<[string, boolean]>([
    ["title pr", false], // ""
    ["phoneNumbers pr", false], // []
    ["addresses pr", false], // [{}]
    ["nickName pr", false], // absent
    ["userName pr", true],
    ["name pr", true],
    ["emails pr", true],
    ['emails co "example.com"', true], // implicit .value
    ['emails eq "BABS@JENSEN.ORG"', true],
    ['emails.value ew ".org"', true],
    ['emails.type eq "work"', true],
    ['emails.type eq "other"', false],
    ['emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "home" and value co "@example.com"]', false], // both in the SAME element
    ['emails[type eq "home"] and emails[value co "@example.com"]', true],
    ['emails[not (type eq "work")]', true],
    ['emails[primary eq true and type eq "work"]', true],
    ['emails ne "babs@jensen.org"', false], // ne = no value equals
    ['nickName ne "x"', true], // absent attribute: nothing equals
    ["title eq null", true],
    ["userName ne null", true],
    ['x509Certificates eq "TUlJRE=="', true],
    ['x509Certificates eq "tUlJRE=="', false], // binary is exact
    [`schemas eq "${ENT}"`, true],
    [`schemas eq "${ENT.toUpperCase()}"`, false],
    [`urn:ietf:params:scim:schemas:core:2.0:User:schemas eq "${ENT}"`, true],
  ])("%s -> %s", (f, expected) => expect(match(f)).toBe(expected));
});

describe("compileFilter: extension attributes by URN", () => {
  it.each<[string, boolean]>([
    [`${ENT}:employeeNumber eq "701984"`, true],
    [`${ENT.toLowerCase()}:EMPLOYEENUMBER eq "701984"`, true],
    [`${ENT}:manager.value eq "26118915"`, true],
    [`${ENT}:manager.displayName sw "john"`, true],
    [`${ENT}:manager[value eq "26118915"]`, true],
    [`${ENT}:costCenter eq "4130" and userName eq "bjensen"`, true],
    [`${ENT}:division pr`, false],
  ])("%s -> %s", (f, expected) => expect(match(f)).toBe(expected));

  it("a user without the extension object does not match and does not throw", () => {
    expect(match(`${ENT}:employeeNumber eq "701984"`, { userName: "x" })).toBe(false);
    expect(match(`not (${ENT}:employeeNumber pr)`, { userName: "x" })).toBe(true);
  });
});

describe("compileFilter: logical operators", () => {
  it.each<[string, boolean]>([
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
    ['userType eq "Employee" and (emails.type eq "work")', true],
    ["title pr or userName pr", true],
    ["title pr and userName pr", false],
    ['userName eq "a" or userName eq "b" or userName eq "bjensen" or userName eq "c"', true],
    ["not (not (userName pr))", true],
  ])("%s -> %s", (f, expected) => expect(match(f)).toBe(expected));

  it("works on groups too", () => {
    const g = { displayName: "Ops", members: [{ value: "u1", display: "Ann" }] };
    expect(match('members[value eq "u1"]', g, groups)).toBe(true);
    expect(match('members.value eq "u2"', g, groups)).toBe(false);
    expect(match('displayName eq "OPS"', g, groups)).toBe(true);
  });
});

describe("compileFilter: rejects what cannot be evaluated (invalidFilter)", () => {
  it.each<[string, RegExp]>([
    ["active gt true", /"gt" is not defined for boolean attribute "active"/],
    ["active le false", /"le" is not defined for boolean/],
    ['x509Certificates.value gt "a"', /"gt" is not defined for binary attribute/],
    ['nope eq "x"', /unknown attribute "nope"/],
    ['name.nope eq "x"', /unknown attribute "name.nope"/],
    ['urn:example:unknown:1.0:User:foo eq "x"', /unknown attribute/],
    ['constructor eq "x"', /unknown attribute "constructor"/],
    ['emails[nope eq "x"]', /unknown sub-attribute "nope" of "emails"/],
    ['userName[value eq "x"]', /needs a complex attribute/],
    ['name eq "x"', /complex attribute/],
    ["userName eq 1", /string attribute; compare it with a quoted string/],
    ['active eq "true"', /boolean attribute/],
    ['meta.created gt "yesterday"', /not an xsd:dateTime/],
    ['meta.created co "2011"', /needs a string attribute/],
    ["userName gt null", /cannot compare "userName" with null/],
  ])("%s", (f, message) => {
    let err: unknown;
    try {
      compileFilter(parseFilter(f), users);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ status: 400, scimType: "invalidFilter" });
    expect((err as Error).message).toMatch(message);
  });

  it("coerceBooleanStrings accepts \"True\" for boolean attributes (compat)", () => {
    const f = compileFilter(parseFilter('emails[primary eq "True"]'), users, { coerceBooleanStrings: true });
    expect(f(babs)).toBe(true);
  });
});

describe("compileFilter: hostile resources", () => {
  it("never throws on wrong shapes and never reads inherited properties", () => {
    const f = compileFilter(parseFilter('emails[type eq "work"] or name.familyName eq "x" or userName sw "a" or meta.created gt "2000-01-01T00:00:00Z"'), users);
    for (const r of [{}, { emails: "x" }, { emails: [null, 1, "s", [], { type: 5 }] }, { name: [] }, { userName: 7 }, { meta: null }, JSON.parse('{"__proto__": {"userName": "abc"}}')]) {
      expect(f(r as Record<string, unknown>)).toBe(false);
    }
  });
});

describe("compileFilter: lenient literals (compat, with FilterOptions.lenient)", () => {
  const ext = "urn:example:params:scim:schemas:extension:test:2.0:User";
  const idx = (async () => (await import("./test-manifest.js")).filterTestIndex().resourceType("User")!)();
  it.each<[string, Record<string, unknown>, boolean]>([
    ["externalId eq 12345", { externalId: "12345" }, true],
    ["externalId eq true", { externalId: "true" }, true],
    [`${ext}:level eq "3"`, { [ext]: { level: 3 } }, true],
    [`${ext}:level gt "2.5e0"`, { [ext]: { level: 3 } }, true],
    ['active eq "True"', { active: true }, true],
  ])("%s", async (filter, resource, expected) => {
    const rt = await idx;
    expect(compileFilter(parseFilter(filter, { lenient: true }), rt, { lenient: true })(resource)).toBe(expected);
    expect(() => compileFilter(parseFilter(filter, { lenient: true }), rt)).toThrowError(expect.objectContaining({ scimType: "invalidFilter" }));
  });

  it("still rejects what no reading makes sense of", async () => {
    const rt = await idx;
    expect(() => compileFilter(parseFilter(`${ext}:level eq "three"`), rt, { lenient: true })).toThrowError(/compare it with a number/);
    expect(() => compileFilter(parseFilter('active eq "yes"'), rt, { lenient: true })).toThrowError(/true or false/);
  });
});
