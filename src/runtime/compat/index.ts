// IdP compatibility: strict RFC 7643/7644 by default; named profiles (entra, okta, google,
// onelogin, ping, jumpcloud, microsoft-suite) switch on documented tolerances per tenant.
export { STRICT_SWITCHES, SWITCH_NAMES, type CompatSwitch, type CompatSwitches } from "./switches.js";
export { PROFILES, PROFILE_NAMES, type CompatProfile } from "./profiles.js";
export { compatPolicy, compatSelector, parseCompatList, policyFor, STRICT_COMPAT, type CompatPolicy, type CompatSelection } from "./policy.js";
export { normalizeBody } from "./body.js";
export { normalizePatchBody } from "./patch.js";
export { validateResource } from "./references.js";
export { coerceFilterLiterals } from "./filter.js";
