import type { Change } from "./write.js";

// A short, readable account of why `check` failed: per file what differs and the first
// differing lines, without pulling in a diff library.

const clip = (s: string | undefined): string => (s === undefined ? "(end of file)" : s.length > 100 ? s.slice(0, 97) + "..." : s);

export function describeChange(c: Change): string {
  switch (c.kind) {
    case "create":
      return `  + ${c.path}: missing (generate would create it)`;
    case "delete":
      return `  - ${c.path}: generated file no longer produced (generate would delete it)`;
    case "conflict":
      return `  ! ${c.path}: exists without the scim-gen header (generate refuses to overwrite it)`;
    case "update": {
      const a = (c.before ?? "").split("\n");
      const b = c.contents.split("\n");
      // The checksum line differs whenever anything does; point at the first real change.
      const header = (line: string | undefined): boolean => line !== undefined && (line.startsWith("// Checksums: ") || line.startsWith('  "$comment": '));
      let start = 0;
      while (start < a.length && start < b.length && (a[start] === b[start] || (header(a[start]) && header(b[start])))) start++;
      if (start === a.length && start === b.length) start = 0;
      let endA = a.length - 1;
      let endB = b.length - 1;
      while (endA >= start && endB >= start && a[endA] === b[endB]) {
        endA--;
        endB--;
      }
      const range = endA > start ? `lines ${start + 1}-${endA + 1} differ` : endA === start ? `line ${start + 1} differs` : `lines after ${start} differ`;
      return [
        `  ~ ${c.path}: ${range} (${endA - start + 1} committed, ${endB - start + 1} generated)`,
        `      - ${endA >= start ? clip(a[start]) : "(no lines)"}`,
        `      + ${endB >= start ? clip(b[start]) : "(no lines)"}`,
      ].join("\n");
    }
  }
}
