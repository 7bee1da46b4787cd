import type mysql from 'mysql2/promise';
import { SearchTimeoutError, StoreUnavailableError } from './read-store';

export interface MysqlSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  connectionLimit?: number;
  /** a search query is stopped by the server after this long (SearchTimeoutError) */
  searchTimeLimitMs?: number;
  /** threads that read and encode pages of complaints (0: the event loop does) */
  readWorkers?: number;
}

/**
 * A pool's settings, the same on the event loop's pool and on the reader threads' (so plain values only): times are
 * kept in UTC and read back as strings, big integers beyond 2^53 as strings.
 */
export const poolOptions = (settings: MysqlSettings, connectionLimit: number): mysql.PoolOptions => ({
  host: settings.host,
  port: settings.port,
  user: settings.user,
  password: settings.password,
  database: settings.database,
  connectionLimit,
  charset: 'utf8mb4',
  supportBigNumbers: true,
  dateStrings: true,
  timezone: 'Z',
  enableKeepAlive: true,
});

/** Run on every new connection of a pool. */
export const SESSION_STATEMENTS = [
  "SET time_zone = '+00:00'",
  // No gap locks: concurrent projector transactions inserting neighbouring complaints would deadlock on them.
  // Existing rows are protected by locking reads, new ones by `insert`, which fails on a concurrent insert.
  'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
];

/** MariaDB's max_statement_time and MySQL 8's MAX_EXECUTION_TIME, when a statement ran past them. */
const STATEMENT_TIMEOUTS = new Set([1969, 3024]);

// Connection-level failures: the database is down or unreachable, not a problem with the statement.
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'PROTOCOL_CONNECTION_LOST', 'ETIMEDOUT', 'EPIPE', 'ER_CON_COUNT_ERROR', 'ER_SERVER_SHUTDOWN']);

export const codeOf = (error: unknown): string => (error as { code?: string }).code ?? '';

/** A connection-level failure as StoreUnavailableError; any other error as it is. */
export const storeError = (error: unknown): Error => {
  const code = codeOf(error);
  if (CONNECTION_ERRORS.has(code)) return new StoreUnavailableError(`the read store is unavailable: ${code}`);
  return error as Error;
};

/** A SELECT with the server's own time limit: MariaDB's `SET STATEMENT max_statement_time`, MySQL 8's hint. */
export const timeLimited = (flavor: 'mariadb' | 'mysql', sql: string, limitMs: number): string =>
  flavor === 'mariadb'
    ? `SET STATEMENT max_statement_time = ${limitMs / 1000} FOR ${sql}`
    : sql.replace(/^\s*SELECT\b/i, `SELECT /*+ MAX_EXECUTION_TIME(${limitMs}) */`);

/** A search's error: a statement the server stopped at the time limit as SearchTimeoutError, any other as storeError. */
export const searchError = (error: unknown, limitMs: number): Error =>
  STATEMENT_TIMEOUTS.has((error as { errno?: number }).errno ?? 0) ? new SearchTimeoutError(limitMs) : storeError(error);
