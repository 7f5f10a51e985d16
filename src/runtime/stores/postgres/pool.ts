// The database handle the PostgreSQL store needs: the subset of a `pg` Pool it calls, so
// a user's own pg Pool fits as is and PGlite (tests on a machine without a server) fits
// through `pglitePool`. The store never creates or ends the pool: its owner does.

export interface PgResult<R> {
  readonly rows: R[];
  readonly rowCount: number | null;
}

export interface PgQueryable {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgResult<R>>;
}

export interface PgClient extends PgQueryable {
  /** Return the connection; pass the error when the connection is broken so it is dropped. */
  release(err?: Error | boolean): void;
}

export interface PgPool extends PgQueryable {
  connect(): Promise<PgClient>;
}

/** What `pglitePool` needs of a PGlite instance (structural: no import of @electric-sql/pglite). */
export interface PGliteLike {
  query<R>(text: string, values?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  /** Several statements without parameters (PGlite's query() takes one). */
  exec(text: string): Promise<unknown>;
}

/**
 * A PgPool over one PGlite instance. PGlite is a single connection, so a checked-out
 * client holds it exclusively until release: a transaction never interleaves with
 * another caller's statements.
 */
export function pglitePool(db: PGliteLike): PgPool {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  };
  const run = async <R>(text: string, values?: unknown[]): Promise<PgResult<R>> => {
    if (!values?.length && text.includes(";")) {
      await db.exec(text);
      return { rows: [], rowCount: 0 };
    }
    const r = await db.query<R>(text, values);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  };
  return {
    async query<R>(text: string, values?: unknown[]) {
      const release = await acquire();
      try {
        return await run<R>(text, values);
      } finally {
        release();
      }
    },
    async connect() {
      const release = await acquire();
      let done = false;
      return {
        query: <R>(text: string, values?: unknown[]) => run<R>(text, values),
        release: () => {
          if (!done) (done = true), release();
        },
      };
    },
  };
}
