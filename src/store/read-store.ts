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

export interface ReadStore extends SqlExecutor {
  readonly dialect: 'sqlite' | 'mysql';
  /** Runs `work` on one connection inside one transaction: everything in it commits together or not at all. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  upsert(tx: SqlExecutor, upsert: Upsert): Promise<void>;
  tableExists(name: string): Promise<boolean>;
  /** Renames tables in one atomic step (pairs of [from, to], applied in order), as the last step of `tx`. */
  renameTables(tx: SqlExecutor, pairs: [string, string][]): Promise<void>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends Error {
  readonly code = 'store_unavailable';
}
