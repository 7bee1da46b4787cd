import Database from 'better-sqlite3';
import type { EncodedRows, Insert, QueryKind, ReadStore, RowsEncoder, SqlExecutor, SqlValue, Upsert } from './read-store';
import { SqliteReaders } from './sqlite-readers';

/** Serialises async work: better-sqlite3 has one connection, so one transaction at a time. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const STATEMENT_CACHE_SIZE = 200;
/** how often a reader copies the write-ahead log into the database file */
const CHECKPOINT_EVERY_MS = 1000;

export interface WalCheckpoint {
  busy: number;
  /** frames in the write-ahead log */
  log: number;
  /** of those, frames now in the database file */
  checkpointed: number;
}

/** Runs SQL on one connection, reusing prepared statements (preparing is the costly part in SQLite). */
const executorOn = (db: Database.Database): SqlExecutor => {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
    }
    return statement;
  };
  return {
    async query<T>(sql: string, params: SqlValue[] = []) {
      return prepare(sql).all(...params) as T[];
    },
    async execute(sql: string, params: SqlValue[] = []) {
      const result = prepare(sql).run(...params);
      return { affectedRows: result.changes, insertId: Number(result.lastInsertRowid) };
    },
  };
};

/**
 * SQLite read store: a writer connection for transactions (one at a time), and reader connections on worker threads,
 * so that queries only ever see committed rows (WAL snapshots) even while a projection's transaction is open, and a
 * long query does not hold up the event loop.
 */
export class SqliteReadStore implements ReadStore {
  readonly dialect = 'sqlite' as const;
  private readonly writer: Database.Database;
  private readonly readers: SqliteReaders;
  private readonly writes = new Mutex();
  private readonly writerExecutor: SqlExecutor;
  /** key reads on the event loop: a connection of their own, so they never see the writer's open transaction */
  private readonly keyReader: Database.Database;
  private readonly keyExecutor: SqlExecutor;
  private readonly checkpoints: NodeJS.Timeout;

  constructor(file: string, options: { checkpointEveryMs?: number } = {}) {
    this.writer = new Database(file);
    this.writer.pragma('journal_mode = WAL');
    // The read model can always be replayed from the event log, and WAL keeps rows and checkpoints consistent
    // across a process crash; so commits need not wait for fsync (NORMAL). The event log itself syncs fully.
    this.writer.pragma('synchronous = NORMAL');
    this.writer.pragma('busy_timeout = 10000');
    // A commit would copy the log into the database file (and sync it) on the event loop every 1,000 pages: a thread
    // of its own does it instead, every second, without blocking the writer or the readers.
    this.writer.pragma('wal_autocheckpoint = 0');
    this.readers = new SqliteReaders(file);
    this.writerExecutor = executorOn(this.writer);
    this.keyReader = new Database(file, { fileMustExist: true });
    // Never wait on the event loop: a busy database (rare in WAL) sends the read to a reader thread instead.
    this.keyReader.pragma('busy_timeout = 0');
    this.keyExecutor = executorOn(this.keyReader);
    this.checkpoints = setInterval(() => {
      this.checkpointWal().catch(() => undefined);
    }, options.checkpointEveryMs ?? CHECKPOINT_EVERY_MS);
    this.checkpoints.unref();
  }

  /**
   * Copies what the write-ahead log holds into the database file, on the checkpoint thread (PASSIVE: waits for no
   * one); null when a checkpoint is still running.
   */
  checkpointWal(): Promise<WalCheckpoint | null> {
    return this.readers.checkpoint<WalCheckpoint>('PRAGMA wal_checkpoint(PASSIVE)');
  }

  query<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.readers.query<T>(sql, params);
  }

  searchQuery<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    return this.readers.query<T>(sql, params);
  }

  async keyQuery<T>(sql: string, params?: SqlValue[]): Promise<T[]> {
    try {
      return await this.keyExecutor.query<T>(sql, params);
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      return this.readers.query<T>(sql, params);
    }
  }

  async queryEncoded<S>(sql: string, params: SqlValue[], encoder: RowsEncoder<S>, kind: QueryKind = 'plain'): Promise<EncodedRows<S>> {
    if (kind !== 'key') return this.readers.queryEncoded(sql, params, encoder);
    const { json, summary } = encoder.encode(await this.keyQuery(sql, params));
    return { body: Buffer.from(json), summary };
  }

  execute(sql: string, params?: SqlValue[]) {
    return this.writes.run(() => this.writerExecutor.execute(sql, params));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.writes.run(async () => {
      this.writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.writerExecutor);
        this.writer.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async upsert(tx: SqlExecutor, { table, columns, rows, key, update }: Upsert): Promise<void> {
    // In-process SQLite has no round trips to save: one prepared single-row statement per row is the fastest form.
    const set = update.map((c) => `${c} = excluded.${c}`).join(', ');
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${set}`;
    for (const row of rows) await tx.execute(sql, row);
  }

  async insert(tx: SqlExecutor, { table, columns, rows }: Insert): Promise<void> {
    // One writer at a time: no other transaction can have written these keys meanwhile.
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    for (const row of rows) await tx.execute(sql, row);
  }

  sqlTime(iso: string | null): SqlValue {
    return iso;
  }

  async tableExists(name: string): Promise<boolean> {
    const rows = await this.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [name]);
    return rows.length > 0;
  }

  async renameTables(tx: SqlExecutor, pairs: [string, string][]): Promise<void> {
    // SQLite's DDL is transactional: the renames commit with the rest of `tx`.
    for (const [from, to] of pairs) await tx.execute(`ALTER TABLE ${from} RENAME TO ${to}`);
  }

  async close(): Promise<void> {
    clearInterval(this.checkpoints);
    await this.writes.run(async () => {
      await this.readers.close();
      this.keyReader.close();
      this.writer.close();
    });
  }
}
