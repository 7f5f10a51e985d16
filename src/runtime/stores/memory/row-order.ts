// The creation order of a table's rows (the default list order), in typed arrays outside
// V8's heap: the arena reuses a removed row's slot, so slot numbers say nothing of order.
//
// Rows are appended; a removed row leaves a hole, and the holes are squeezed out once they
// outnumber the rows. A cursor walks live: a row removed before the cursor reaches it is
// skipped, one added meanwhile is seen (it is appended after the cursor), and a squeeze
// under a cursor moves it to the first row created after the last one it yielded (every
// row has a creation number, increasing along the order, so that is a binary search).

const MIN = 64;

/** Yields slots in creation order; -1 once there are no more. */
export interface OrderCursor {
  next(): number;
}

export class RowOrder {
  /** Per position: slot + 1, or 0 for a removed row. */
  private order = new Int32Array(MIN);
  /** Per position: its row's creation number (doubles: never wraps). */
  private created = new Float64Array(MIN);
  /** Per slot: its position. */
  private positionOf = new Int32Array(MIN);
  private length = 0;
  private holes = 0;
  private count = 0;
  /** Bumped by every squeeze: cursors made before it re-find their place. */
  private squeezes = 0;

  get size(): number {
    return this.length - this.holes;
  }

  /** Positions in use, holes included (tests and diagnostics): at most twice the rows + 64. */
  get positions(): number {
    return this.length;
  }

  /** Appends `slot` (a row just created). */
  push(slot: number): void {
    if (this.length === this.order.length) {
      this.order = grown(this.order, this.length * 2);
      this.created = grown(this.created, this.length * 2);
    }
    if (slot >= this.positionOf.length) this.positionOf = grown(this.positionOf, Math.max(2 * this.positionOf.length, slot + 1));
    this.order[this.length] = slot + 1;
    this.created[this.length] = this.count++;
    this.positionOf[slot] = this.length++;
  }

  /** Removes `slot` (a row just deleted; it must be in the order). */
  remove(slot: number): void {
    this.order[this.positionOf[slot]!] = 0;
    if (++this.holes > MIN && 2 * this.holes > this.length) this.squeeze();
  }

  cursor(): OrderCursor {
    let position = 0;
    let last = -1; // creation number of the last row yielded
    let squeezes = this.squeezes;
    return {
      next: () => {
        if (squeezes !== this.squeezes) {
          squeezes = this.squeezes;
          position = this.firstCreatedAfter(last);
        }
        while (position < this.length) {
          const s = this.order[position++]!;
          if (s === 0) continue;
          last = this.created[position - 1]!;
          return s - 1;
        }
        return -1;
      },
    };
  }

  private firstCreatedAfter(n: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.created[mid]! <= n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private squeeze(): void {
    let to = 0;
    for (let from = 0; from < this.length; from++) {
      const s = this.order[from]!;
      if (s === 0) continue;
      this.order[to] = s;
      this.created[to] = this.created[from]!;
      this.positionOf[s - 1] = to++;
    }
    this.order.fill(0, to, this.length);
    this.length = to;
    this.holes = 0;
    this.squeezes++;
    // Give back most of the arrays once far fewer rows remain.
    if (this.order.length > MIN && 4 * to < this.order.length) {
      const size = Math.max(MIN, 2 * to);
      this.order = this.order.slice(0, size);
      this.created = this.created.slice(0, size);
    }
  }
}

function grown<A extends Int32Array | Float64Array>(a: A, size: number): A {
  const next = new (a.constructor as new (n: number) => A)(size);
  next.set(a);
  return next;
}
