// Hand-written users and groups the corpus's expected matches were worked out against
// (by hand, from the RFC rules; not by running the evaluator). Plain data.

const CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const TEST = "urn:example:params:scim:schemas:extension:test:2.0:User";
const meta = (created: string, lastModified: string) => ({ resourceType: "User", created, lastModified });

export const corpusUsers: readonly Record<string, unknown>[] = [
  {
    schemas: [CORE, ENT, TEST], id: "u1", userName: "bjensen", name: { familyName: "Jensen", givenName: "Barbara" }, displayName: "Babs Jensen",
    title: "Tour Guide", userType: "Employee", active: true,
    emails: [{ value: "bjensen@example.com", type: "work", primary: true }, { value: "babs@jensen.org", type: "home" }],
    ims: [{ value: "babs@foo.com", type: "xmpp" }],
    meta: meta("2010-01-23T04:56:22Z", "2011-05-13T04:42:34Z"),
    [ENT]: { employeeNumber: "701984", costCenter: "4130", department: "Tour Operations", manager: { value: "26118915-6090-4610-87e4-49d8ca9f808d", displayName: "John Smith" } },
    [TEST]: { level: 3, score: 4.5, hiredAt: "2010-01-23T04:56:22Z", tags: ["alpha", "Beta"], code: "AbC", verified: true },
  },
  {
    schemas: [CORE], id: "u2", externalId: "John-Ext", userName: "JOHN", name: { familyName: "O'Malley", givenName: "John" }, userType: "Intern", active: false,
    emails: [{ value: "john@example.org", type: "work" }],
    meta: meta("2011-05-13T04:42:34Z", "2011-05-13T06:42:34+02:00"),
  },
  {
    schemas: [CORE, TEST], id: "u3", userName: "jsmith", userType: "Employee", title: "", active: true,
    emails: [{ value: "js@EXAMPLE.com", type: "home" }, { value: "smith@work.example.org", type: "work", primary: true }],
    meta: meta("2012-01-01T00:00:00.000Z", "2011-05-13T04:42:34.001Z"),
    [TEST]: { level: 10, score: -1, hiredAt: "2012-01-01T05:00:00+05:00", tags: [], code: "abc", verified: false },
  },
  {
    schemas: [CORE, ENT], id: "u4", userName: "alice", title: "Engineer", active: true, name: { givenName: "Alice" }, phoneNumbers: [],
    meta: meta("2013-03-03T03:03:03Z", "2010-12-31T23:59:59-01:00"),
    [ENT]: { employeeNumber: "42", manager: { value: "u1" } },
  },
  {
    schemas: [CORE], id: "u5", userName: "zoë", displayName: "Zoë Ångström", active: true,
    emails: [{ value: "zoe@example.com", type: "work" }],
    meta: meta("2015-06-15T12:00:00Z", "2015-06-15T12:00:00Z"),
  },
  {
    schemas: [CORE, TEST], id: "u6", userName: "bob", active: true,
    emails: [{ value: "bob@example.com", type: "WORK" }], x509Certificates: [{ value: "TUlJQ2lUQ0NBZk" }],
    meta: meta("2014-01-01T00:00:00Z", "2014-01-01T00:00:00Z"),
    [TEST]: {
      level: 3, score: 4.5, code: "ABC", badge: "QUJD",
      devices: [{ value: "d1", kind: "phone", primary: false }, { value: "d2", kind: "laptop", primary: true, since: "2020-02-02T00:00:00Z" }],
    },
  },
  {
    schemas: [CORE, ENT, TEST], id: "u7", userName: "carol", userType: "employee", active: true,
    emails: [{ value: "carol@example.com", type: "home", primary: true }], roles: [{ value: "admin", primary: true }],
    meta: meta("2016-01-01T00:00:00Z", "2016-01-01T00:00:00Z"),
    [ENT]: { department: "R&D" },
    [TEST]: { tags: ["gamma"] },
  },
  {
    schemas: [CORE], id: "u8", userName: "dave", displayName: "Dave", nickName: "D", active: false,
    emails: [{ type: "work" }], addresses: [{}],
    meta: meta("2017-01-01T00:00:00Z", "2017-01-01T00:00:00Z"),
  },
];

const GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const gmeta = { resourceType: "Group", created: "2020-01-01T00:00:00Z", lastModified: "2020-01-01T00:00:00Z" };

export const corpusGroups: readonly Record<string, unknown>[] = [
  { schemas: [GROUP], id: "g1", displayName: "Ops", members: [{ value: "u1", display: "Babs" }, { value: "u2" }], meta: gmeta },
  { schemas: [GROUP], id: "g2", displayName: "Dev", members: [], meta: gmeta },
  { schemas: [GROUP], id: "g3", displayName: "ops-2", meta: gmeta },
];
