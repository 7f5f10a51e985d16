import type { FilterOptions } from "../filter/options.js";
import type { PatchPolicy } from "../patch/policy.js";
import type { ValidateOptions } from "../resource/validator.js";
import { PROFILE_NAMES, PROFILES } from "./profiles.js";
import { STRICT_SWITCHES, SWITCH_NAMES, type CompatSwitches } from "./switches.js";

// A CompatPolicy is the union of named profiles, resolved once into the options of each
// module that owns a behaviour, so the request pipeline only reads prepared objects.

export interface CompatPolicy {
  /** Profile names, as configured (lower case). Empty: strict RFC behaviour. */
  readonly profiles: readonly string[];
  readonly switches: CompatSwitches;
  /** True when no switch is on. */
  readonly strict: boolean;
  /** Stable key of the switch set (caches keyed by policy use it). */
  readonly key: string;
  /** For applyPatch; undefined when strict. */
  readonly patch: PatchPolicy | undefined;
  /** Merged into every ValidateOptions. */
  readonly validate: Pick<ValidateOptions, "ignoreUnknownAttributes" | "coerceBooleanStrings">;
  /** For parseFilter and parsePatchPath; undefined when strict. */
  readonly filter: FilterOptions | undefined;
}

function build(profiles: readonly string[], switches: CompatSwitches): CompatPolicy {
  const on = SWITCH_NAMES.filter((k) => switches[k]);
  const filter: FilterOptions | undefined = switches.lenientFilters ? { lenient: true } : undefined;
  const patch: PatchPolicy | undefined =
    on.length === 0
      ? undefined
      : {
          opCaseInsensitive: switches.patchOpCaseInsensitive,
          removeByValue: switches.removeByValue,
          createOnNoMatch: switches.createOnNoMatch,
          removeNoMatchIsNoop: switches.removeNoMatchIsNoop,
          pathKeysInValue: switches.pathKeysInValue,
          ignoreReadOnlyInValue: switches.ignoreReadOnlyInValue,
          ignoreUnknownAttributes: switches.ignoreUnknownAttributes,
          valueAsString: switches.stringAsComplexValue,
          singleValueArrays: switches.singleValueArrays,
          unqualifiedExtensionPaths: switches.unqualifiedExtensionPaths,
          emptyAsRemoval: switches.emptyAsRemoval,
          booleanStrings: switches.booleanStrings,
          ...(filter ? { filterOptions: filter } : {}),
        };
  const validate: CompatPolicy["validate"] = {
    ...(switches.ignoreUnknownAttributes ? { ignoreUnknownAttributes: true } : {}),
    ...(switches.booleanStrings ? { coerceBooleanStrings: true } : {}),
  };
  return Object.freeze({ profiles: Object.freeze([...profiles]), switches: Object.freeze(switches), strict: on.length === 0, key: on.join(","), patch, validate, filter });
}

export const STRICT_COMPAT: CompatPolicy = build([], STRICT_SWITCHES);

const byNames = new Map<string, CompatPolicy>();

/** The union of the named profiles. Unknown names throw (a configuration error, never
 * something a client can reach). */
export function compatPolicy(names: readonly string[]): CompatPolicy {
  if (names.length === 0) return STRICT_COMPAT;
  const key = names.join(",");
  let policy = byNames.get(key);
  if (policy) return policy;
  const switches: { -readonly [K in keyof CompatSwitches]: boolean } = { ...STRICT_SWITCHES };
  const profiles: string[] = [];
  for (const raw of names) {
    const name = raw.trim().toLowerCase();
    const profile = Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined;
    if (!profile) throw new Error(`compat: unknown profile ${JSON.stringify(raw.slice(0, 60))}; known: ${PROFILE_NAMES.join(", ")}`);
    if (!profiles.includes(name)) profiles.push(name);
    for (const k of SWITCH_NAMES) if (profile[k]) switches[k] = true;
  }
  policy = build(profiles, switches);
  if (byNames.size < 256) byNames.set(key, policy); // keys come from configuration only
  return policy;
}

/** "entra,okta" (the example's COMPAT variable) → ["entra", "okta"], checked. */
export function parseCompatList(text: string | undefined): readonly string[] {
  const names = (text ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  compatPolicy(names);
  return names;
}

/** Compat for every tenant (a list) or per tenant (a function of the tenant name). */
export type CompatSelection = readonly string[] | ((tenant: string) => readonly string[]);

/** Resolves a selection to a function of the tenant; list names are checked up front. */
export function compatSelector(selection: CompatSelection | undefined): (tenant: string) => readonly string[] {
  if (selection === undefined) return () => STRICT_COMPAT.profiles;
  if (typeof selection === "function") return selection;
  const names = Object.freeze([...selection]);
  compatPolicy(names);
  return () => names;
}

const byList = new WeakMap<readonly string[], CompatPolicy>();

/** The policy for a RequestContext's `compat` names (cached per list object). */
export function policyFor(names: readonly string[]): CompatPolicy {
  if (names.length === 0) return STRICT_COMPAT;
  let policy = byList.get(names);
  if (!policy) byList.set(names, (policy = compatPolicy(names)));
  return policy;
}
