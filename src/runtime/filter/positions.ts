import { ScimError } from "../errors.js";

// Where each attribute expression stood in the filter text, so errors found after parsing
// (unknown attribute, gt on a boolean) still name a position. The AST's shape is a shared
// contract, so positions live beside it: the parser fills one table per parsed filter and
// keeps the tables of the last few parsed roots (parse, then compile, is the usual flow).
// Attaching them to the AST (WeakMap, hidden property) cost more than the parse itself.
// Walkers consult the table only when an error is on its way out; a filter parsed long
// before it is compiled, or built by hand, gets errors without a position.

/** Node, offset, node, offset, …: one array per parse. */
type Table = (object | number)[];

const RECENT = 16;
const recentRoots: (object | undefined)[] = new Array<object | undefined>(RECENT).fill(undefined);
const recentTables: (Table | undefined)[] = new Array<Table | undefined>(RECENT).fill(undefined);
let next = 0;
let current: Table | undefined;

export class PositionRecorder {
  private readonly table: Table = [];

  /** Records the 0-based offset of `node` in the source text. */
  at<T extends object>(node: T, offset: number): T {
    this.table.push(node, offset);
    return node;
  }

  /** Attaches what was recorded to the parsed root. */
  finish<T extends object>(root: T): T {
    if (this.table.length > 0) {
      recentRoots[next] = root;
      recentTables[next] = this.table;
      next = (next + 1) % RECENT;
    }
    return root;
  }
}

/** Runs a walk over `root`, making its positions available to withPosition. */
export function withPositionsOf<T>(root: object, work: () => T): T {
  const previous = current;
  const i = recentRoots.indexOf(root);
  // A sub-tree (a value filter compiled on its own) keeps the enclosing walk's table.
  if (i >= 0) current = recentTables[i];
  try {
    return work();
  } finally {
    current = previous;
  }
}

/** Runs `work` for `node`; an "Invalid filter: …" error gains "at position N". */
export function withPosition<T>(node: object, work: () => T): T {
  try {
    return work();
  } catch (e) {
    const i = current ? current.indexOf(node) : -1;
    if (i >= 0 && e instanceof ScimError && e.detail.startsWith("Invalid filter: ")) {
      throw new ScimError(e.status, e.scimType, `Invalid filter at position ${(current![i + 1] as number) + 1}: ${e.detail.slice(16)}`);
    }
    throw e;
  }
}
