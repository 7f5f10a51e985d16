// The variables Okta's `Initial_Script_Spec.txt` sets for the "SCIM 2.0 SPEC Test"
// (listed in ../shared/conformance/README.md), made deterministic from a seed so a failing
// run can be replayed.

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

export function oktaSpecVariables(baseUrl: string, token: string, seed = 42): Record<string, string> {
  const rnd = lcg(seed);
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join("");
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rnd() * 26))).join("");
  const givenName = `Runscope${digits(3)}`;
  const familyName = `${letters(1).toUpperCase()}${letters(8)}${digits(3)}`;
  const username = `${givenName}${familyName}@atko.com`;
  return {
    SCIMBaseURL: baseUrl,
    auth: `Bearer ${token}`,
    randomGivenName: givenName,
    randomFamilyName: familyName,
    randomEmail: username,
    randomUsername: username,
    randomUsernameCaps: username.toUpperCase(),
    InvalidUserEmail: "abcdefgh@atko.com",
    UserIdThatDoesNotExist: "010101001010101011001010101011",
  };
}
