import { AppError, UnavailableError } from '../errors';

/**
 * The read store: where projections write their rows and checkpoints and where the read API queries. Implemented
 * on SQLite (embedded) and MySQL/MariaDB (mysql2). SQL in this project is written to run on both; what differs
 * (upserts, DDL) goes through the dialect methods.
 */
export type SqlValue = string | number | null | Buffer;

export interface SqlExecutor {
  query<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  execute(sql: string, params?: SqlValue[]): Promise<{ affectedRows: number; insertId: number }>;
}

export interface Upsert {
  table: string;
  columns: string[];
  rows: SqlValue[][];
  /** the unique key the rows conflict on */
  key: string[];
  /** columns overwritten on conflict */
  update: string[];
}

export interface Insert {
  table: string;
  columns: string[];
  rows: SqlValue[][];
}

/**
 * Turns rows into the bytes of an answer (a page of complaints as JSON) and a small summary of them (the cursor of the
 * next page). Named by its module and export, so that a reader thread can load it and send only the bytes back;
 * `encode` is the same function, for reads on the event loop.
 */
export interface RowsEncoder<S> {
  /** a path `require` loads (a .ts source is loaded through tsx: tests run the sources) */
  module: string;
  name: string;
  encode: (rows: unknown[]) => { json: string; summary: S };
}

export interface EncodedRows<S> {
  body: Buffer;
  summary: S;
}

/** search: a search box's query (its time limit); key: a few rows through an index's key (SQLite reads it inline) */
export type QueryKind = 'plain' | 'search' | 'key';

export interface ReadStore extends SqlExecutor {
  readonly dialect: 'sqlite' | 'mysql';
  /**
   * A query that reads a few rows through an index's key (a session, the stats row, a complaint by id or reference).
   * SQLite runs it on a read connection of the event loop's own: the message to a reader thread and back costs more
   * than such a read. Never for a query whose time grows with the table.
   */
  keyQuery<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** `sql`'s rows as `encoder` answers them, encoded on a reader thread (but a key read), so the event loop only writes bytes. */
  queryEncoded<S>(sql: string, params: SqlValue[], encoder: RowsEncoder<S>, kind?: QueryKind): Promise<EncodedRows<S>>;
  /**
   * A query that answers a search box: on MySQL/MariaDB the server stops it after the configured time limit
   * (`SearchTimeoutError`), so a search nobody waits for any more cannot hold a pooled connection. SQLite's run on
   * the reader threads, off the event loop.
   */
  searchQuery<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /**
   * Runs `work` on one connection inside one transaction: everything in it commits together or not at all. A
   * transaction that lost a race to another one (a deadlock, a `RowConflictError`) is rolled back and `work` runs
   * again, so `work` must only touch the database.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  upsert(tx: SqlExecutor, upsert: Upsert): Promise<void>;
  /** Inserts rows that must be new: if another transaction wrote one of their keys first, `RowConflictError`. */
  insert(tx: SqlExecutor, insert: Insert): Promise<void>;
  tableExists(name: string): Promise<boolean>;
  /** An ISO 8601 instant as this engine stores it in a TIMESTAMP column. */
  sqlTime(iso: string | null): SqlValue;
  /** Renames tables in one atomic step (pairs of [from, to], applied in order), as the last step of `tx`. */
  renameTables(tx: SqlExecutor, pairs: [string, string][]): Promise<void>;
  close(): Promise<void>;
}

/** A TIMESTAMP read back ('2026-11-20 10:00:00.000', UTC) as ISO 8601; ISO strings pass through. */
export const isoFromSqlTime = (value: string | null): string | null => {
  if (value === null) return null;
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(value);
  if (!match) return value;
  return `${match[1]}T${match[2]}${(match[3] ?? '.000').padEnd(4, '0').slice(0, 4)}Z`;
};

/** A row to insert was written by a concurrent transaction first: the transaction runs again and sees it. */
export class RowConflictError extends Error {}

/** A search ran past its time limit and was stopped. */
export class SearchTimeoutError extends AppError {
  constructor(limitMs: number) {
    super('search_timeout', 503, `the search took longer than ${limitMs} ms and was stopped; add words, a filter or quotes to narrow it`);
  }
}

/** The database cannot be reached: readers get 503, projectors retry until it is back. */
export class StoreUnavailableError extends UnavailableError {}
