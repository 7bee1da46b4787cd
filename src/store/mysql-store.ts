import mysql from 'mysql2/promise';
import type { EncodedRows, Insert, QueryKind, ReadStore, RowsEncoder, SqlExecutor, SqlValue, Upsert } from './read-store';
import { RowConflictError } from './read-store';
import { codeOf, poolOptions, SESSION_STATEMENTS, searchError, storeError, timeLimited, type MysqlSettings } from './mysql-pool';
import { MysqlReaders } from './mysql-readers';

export type { MysqlSettings } from './mysql-pool';

const DEFAULT_SEARCH_TIME_LIMIT_MS = 3000;
const DEFAULT_CONNECTION_LIMIT = 10;
const DEFAULT_READ_WORKERS = 2;

const ROWS_PER_STATEMENT = 500;

// A transaction that lost a lock conflict: nothing of it was kept, it can simply run again.
const LOCK_CONFLICTS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const LOCK_CONFLICT_ATTEMPTS = 5;

/**
 * Rows as SQL literals, `(a, b), (c, d)`, escaped the way mysql2 escapes `?` values (no Date is ever a SqlValue, so its
 * time zone does not matter). Formatting thousands of placeholders cost the projector twice as much.
 */
const literalRows = (rows: SqlValue[][]): string => rows.map((row) => `(${row.map((value) => mysql.escape(value)).join(', ')})`).join(', ');

const executorOn = (target: mysql.Pool | mysql.PoolConnection): SqlExecutor => ({
  async query<T>(sql: string, params: SqlValue[] = []) {
    try {
      const [rows] = await target.query(sql, params);
      return rows as T[];
    } catch (error) {
      throw storeError(error);
    }
  },
  async execute(sql: string, params: SqlValue[] = []) {
    try {
      const [result] = await target.query(sql, params);
      const header = result as mysql.ResultSetHeader;
      return { affectedRows: header.affectedRows, insertId: Number(header.insertId) };
    } catch (error) {
      throw storeError(error);
    }
  },
});

/** The read store on MySQL 8 / MariaDB through a mysql2 pool; times are kept in UTC. */
export class MysqlReadStore implements ReadStore {
  readonly dialect = 'mysql' as const;
  private readonly pool: mysql.Pool;
  private readonly executor: SqlExecutor;
  private readonly searchTimeLimitMs: number;
  private flavor: Promise<'mariadb' | 'mysql'> | undefined;
  /** reader threads that read and encode pages; none: the event loop does */
  private readonly readers: MysqlReaders | undefined;

  constructor(settings: MysqlSettings) {
    this.searchTimeLimitMs = settings.searchTimeLimitMs ?? DEFAULT_SEARCH_TIME_LIMIT_MS;
    const connectionLimit = settings.connectionLimit ?? DEFAULT_CONNECTION_LIMIT;
    this.pool = mysql.createPool(poolOptions(settings, connectionLimit));
    this.pool.pool.on('connection', (connection) => {
      for (const sql of SESSION_STATEMENTS) connection.query(sql);
    });
    this.executor = executorOn(this.pool);
    // The threads' pools together hold as many connections as the event loop's.
    const workers = settings.readWorkers ?? DEFAULT_READ_WORKERS;
    this.readers = workers > 0 ? new MysqlReaders(settings, workers, Math.ceil(connectionLimit / workers)) : undefined;
  }

  query<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.executor.query<T>(sql, params);
  }

  execute(sql: string, params?: SqlValue[]) {
    return this.executor.execute(sql, params);
  }

  keyQuery<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.executor.query<T>(sql, params);
  }

  /**
   * A page read and encoded on a reader thread, so the event loop only writes its bytes; a key read (a complaint by
   * PNR, reference or id) on the event loop's pool, as keyQuery.
   */
  async queryEncoded<S>(sql: string, params: SqlValue[], encoder: RowsEncoder<S>, kind: QueryKind = 'plain'): Promise<EncodedRows<S>> {
    if (this.readers && kind !== 'key') {
      if (kind === 'plain') return this.readers.queryEncoded(sql, params, encoder);
      return this.readers.queryEncoded(timeLimited(await this.serverFlavor(), sql, this.searchTimeLimitMs), params, encoder, this.searchTimeLimitMs);
    }
    const rows = kind === 'search' ? await this.searchQuery(sql, params) : await this.query(sql, params);
    const { json, summary } = encoder.encode(rows);
    return { body: Buffer.from(json), summary };
  }

  /** A SELECT with the server's own time limit: MariaDB's `SET STATEMENT max_statement_time`, MySQL 8's hint. */
  async searchQuery<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    const limited = timeLimited(await this.serverFlavor(), sql, this.searchTimeLimitMs);
    try {
      return await this.query<T>(limited, params);
    } catch (error) {
      throw searchError(error, this.searchTimeLimitMs);
    }
  }

  private serverFlavor(): Promise<'mariadb' | 'mysql'> {
    this.flavor ??= this.query<{ v: string }>('SELECT VERSION() AS v').then(
      ([row]) => (/mariadb/i.test(row.v) ? 'mariadb' : 'mysql'),
      (error: unknown) => {
        this.flavor = undefined;
        throw error;
      },
    );
    return this.flavor;
  }

  /**
   * Runs `work` in a transaction (READ COMMITTED). When it loses a race (InnoDB picks it as a deadlock victim, a lock
   * wait times out, or `insert` meets a concurrent row) it is rolled back and `work` runs again from the start, a few
   * times before giving up.
   */
  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactionOnce(work);
      } catch (error) {
        const lost = error instanceof RowConflictError || LOCK_CONFLICTS.has(codeOf(error));
        if (!lost || attempt >= LOCK_CONFLICT_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  private async transactionOnce<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let connection: mysql.PoolConnection;
    try {
      connection = await this.pool.getConnection();
    } catch (error) {
      throw storeError(error);
    }
    try {
      await connection.beginTransaction();
      const result = await work(executorOn(connection));
      await connection.commit();
      return result;
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw storeError(error);
    } finally {
      connection.release();
    }
  }

  async upsert(tx: SqlExecutor, { table, columns, rows, update }: Upsert): Promise<void> {
    const set = update.map((c) => `${c} = VALUES(${c})`).join(', ');
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      await tx.execute(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${literalRows(chunk)} ON DUPLICATE KEY UPDATE ${set}`);
    }
  }

  async insert(tx: SqlExecutor, { table, columns, rows }: Insert): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
      try {
        await tx.execute(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${literalRows(chunk)}`);
      } catch (error) {
        if (codeOf(error) === 'ER_DUP_ENTRY') throw new RowConflictError(`a row of ${table} was written concurrently`);
        throw error;
      }
    }
  }

  sqlTime(iso: string | null): SqlValue {
    return iso === null ? null : iso.replace('T', ' ').replace(/Z$/, '').slice(0, 23);
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ? AND table_type = 'BASE TABLE'",
      [name],
    );
    return Number(rows[0].n) > 0;
  }

  async renameTables(tx: SqlExecutor, pairs: [string, string][]): Promise<void> {
    // One RENAME TABLE statement is atomic; it also ends `tx` (DDL commits implicitly).
    await tx.execute(`RENAME TABLE ${pairs.map(([from, to]) => `${from} TO ${to}`).join(', ')}`);
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.readers?.close()]);
  }
}
