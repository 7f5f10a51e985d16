import { COMMON_ATTRIBUTES } from "../../runtime/manifest/common.js";
import type { AttributeModel } from "../../runtime/manifest/model.js";
import type { ResourcePlan } from "./plan.js";

// Attribute paths of one resource type in declared case (RFC 7644 §3.10): the core
// schema's (and common attributes') "attr" and "attr.sub", extension paths prefixed
// with their URN, and the multi-valued complex attributes a valuePath filter can name.

export interface ResourcePaths {
  /** Unprefixed core paths, common attributes first. */
  readonly core: readonly string[];
  /** "urn:…:attr" and "urn:…:attr.sub" for every extension attribute. */
  readonly extension: readonly string[];
  /** attribute path (URN-prefixed for extensions) -> its sub-attribute names. */
  readonly valuePaths: ReadonlyArray<readonly [path: string, subAttributes: readonly string[]]>;
}

function collect(attrs: readonly AttributeModel[], prefix: string, paths: string[], valuePaths: Array<[string, string[]]>): void {
  for (const a of attrs) {
    const path = prefix + a.name;
    paths.push(path);
    const subs = a.subAttributes ?? [];
    for (const s of subs) paths.push(`${path}.${s.name}`);
    if (a.type === "complex" && a.multiValued && subs.length > 0) valuePaths.push([path, subs.map((s) => s.name)]);
  }
}

export function resourcePaths(r: ResourcePlan): ResourcePaths {
  const core: string[] = [];
  const extension: string[] = [];
  const valuePaths: Array<[string, string[]]> = [];
  collect([...COMMON_ATTRIBUTES, ...r.core.attributes], "", core, valuePaths);
  for (const ext of r.extensions) collect(ext.attributes, `${ext.id}:`, extension, valuePaths);
  return { core, extension, valuePaths };
}
