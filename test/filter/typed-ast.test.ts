import { describe, expect, it } from "vitest";
import type { Filter } from "../../src/runtime/filter/index.js";
import { canonicalizeFilter, parseFilter } from "../../src/runtime/filter/index.js";
import { filterTestIndex } from "./test-manifest.js";

// The AST's type parameters narrow paths the way the generated `UserFilter` does, so a
// hand-written translator is checked by the compiler (these lines are type-checked by
// `tsc --noEmit`; each @ts-expect-error must stay an error).

type Path = "userName" | "emails" | "emails.value" | "name.familyName";
type ValuePaths = { readonly emails: "type" | "value" | "primary" };
type UserFilter = Filter<Path, ValuePaths>;

/** A typical hand-written translator: exhaustive over the union, paths checked. */
function toColumns(f: UserFilter): string {
  switch (f.type) {
    case "comparison":
      return f.attributePath === "userName" ? `user_name ${f.operator} ?` : `${f.attributePath} ${f.operator} ?`;
    case "presence":
      return `${f.attributePath} IS NOT NULL`;
    case "logical":
      return `(${toColumns(f.left)} ${f.operator} ${toColumns(f.right)})`;
    case "not":
      return `NOT ${toColumns(f.filter)}`;
    case "valuePath": {
      const sub: "type" | "value" | "primary" = f.filter.type === "comparison" ? f.filter.attributePath : "value";
      return `${f.attributePath}.${sub}`;
    }
  }
}

describe("typed filter AST", () => {
  it("accepts the resource's own paths and value paths", () => {
    const ok: UserFilter = {
      type: "logical",
      operator: "and",
      left: { type: "comparison", attributePath: "userName", operator: "eq", value: "bjensen" },
      right: { type: "valuePath", attributePath: "emails", filter: { type: "comparison", attributePath: "type", operator: "eq", value: "work" } },
    };
    expect(toColumns(ok)).toBe("(user_name eq ? and emails.type)");
  });

  it("rejects unknown paths at compile time", () => {
    // @ts-expect-error "nickName" is not one of the resource's paths
    const badPath: UserFilter = { type: "presence", attributePath: "nickName" };
    // @ts-expect-error "display" is not a sub-attribute usable in emails[...]
    const badSub: UserFilter = { type: "valuePath", attributePath: "emails", filter: { type: "presence", attributePath: "display" } };
    // @ts-expect-error "like" is not an operator
    const badOp: UserFilter = { type: "comparison", attributePath: "userName", operator: "like", value: "x" };
    expect([badPath, badSub, badOp]).toHaveLength(3);
  });

  it("canonicalizeFilter output is what such a translator expects", () => {
    const users = filterTestIndex().resourceType("User")!;
    const f = canonicalizeFilter(parseFilter('USERNAME eq "x" and EMAILS[Type eq "work"]'), users) as UserFilter;
    expect(toColumns(f)).toBe("(user_name eq ? and emails.type)");
  });
});
