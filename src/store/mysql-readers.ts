import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { WorkerCalls } from '../worker-calls';
import { poolOptions, SESSION_STATEMENTS, searchError, storeError, type MysqlSettings } from './mysql-pool';
import type { EncodedRows, RowsEncoder, SqlValue } from './read-store';
import { StoreUnavailableError } from './read-store';
import { ENCODER_LOADER_SOURCE, tsxPath } from './worker-encoders';

/**
 * The worker's code: a mysql2 pool of its own, with the event loop's pool's settings. It runs a query, turns the rows
 * into the answer's bytes with the named encoder and transfers them, so the event loop neither parses the rows
 * mysql2 receives nor encodes JSON: it writes a buffer. Plain JavaScript given as a string, so the same code runs from
 * TypeScript sources (tests, tsx) and from the compiled build.
 */
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const mysql = require(workerData.driver);
const pool = mysql.createPool(workerData.pool);
pool.pool.on('connection', (connection) => {
  for (const sql of workerData.sessionStatements) connection.query(sql);
});
const utf8 = new TextEncoder();
${ENCODER_LOADER_SOURCE}
// a Buffer arrives as a Uint8Array, which mysql2 would not escape as bytes
const valueOf = (value) => (value instanceof Uint8Array ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value);
parentPort.on('message', async ({ id, sql, params, encoder, end }) => {
  if (end) {
    await pool.end().catch(() => undefined);
    parentPort.close();
    return;
  }
  try {
    const [rows] = await pool.query(sql, params.map(valueOf));
    const { json, summary } = encoderOf(encoder)(rows);
    const body = utf8.encode(json);
    parentPort.postMessage({ id, body, summary }, [body.buffer]);
  } catch (error) {
    const e = error || {};
    parentPort.postMessage({ id, error: { message: String(e.message), code: e.code, errno: e.errno, sqlState: e.sqlState, sqlMessage: e.sqlMessage } });
  }
});
`;

/** An error the server (or mysql2) raised in a reader thread, with its code, errno and SQL state. */
export class MysqlReadError extends Error {
  readonly code?: string;
  readonly errno?: number;
  readonly sqlState?: string;
  readonly sqlMessage?: string;

  constructor(error: { message: string; code?: string; errno?: number; sqlState?: string; sqlMessage?: string }) {
    super(error.message);
    this.code = error.code;
    this.errno = error.errno;
    this.sqlState = error.sqlState;
    this.sqlMessage = error.sqlMessage;
  }
}

/** kept beside a waiting query: a search's time limit, so that a statement stopped by it is a SearchTimeoutError */
interface Kept {
  searchLimitMs?: number;
}

interface Answer {
  id: number;
  body?: Uint8Array;
  summary?: unknown;
  error?: ConstructorParameters<typeof MysqlReadError>[0];
}

const answerError = (error: NonNullable<Answer['error']>, searchLimitMs: number | undefined): Error => {
  const read = new MysqlReadError(error);
  return searchLimitMs === undefined ? storeError(read) : searchError(read, searchLimitMs);
};

class Reader {
  private readonly worker: Worker;
  private readonly calls: WorkerCalls<Kept>;
  exited = false;

  constructor(settings: MysqlSettings, connectionLimit: number) {
    this.worker = new Worker(READER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('mysql2/promise'), pool: poolOptions(settings, connectionLimit), sessionStatements: SESSION_STATEMENTS, tsx: tsxPath() },
    });
    this.calls = new WorkerCalls<Kept>(this.worker);
    this.worker.on('message', (message: Answer) => {
      const waiting = this.calls.take(message.id);
      if (!waiting) return;
      if (message.error) waiting.reject(answerError(message.error, waiting.searchLimitMs));
      else {
        const { buffer, byteOffset, byteLength } = message.body!;
        waiting.resolve({ body: Buffer.from(buffer, byteOffset, byteLength), summary: message.summary });
      }
    });
    this.worker.on('error', (error) => this.calls.failAll(error));
    this.worker.on('exit', () => {
      this.exited = true;
      this.calls.failAll(new StoreUnavailableError('the read store is unavailable: its reader thread stopped'));
    });
  }

  get load(): number {
    return this.calls.size;
  }

  queryEncoded<S>(sql: string, params: SqlValue[], encoder: RowsEncoder<S>, searchLimitMs?: number): Promise<EncodedRows<S>> {
    return this.calls.call({ sql, params, encoder: { module: encoder.module, name: encoder.name } }, { searchLimitMs });
  }

  /** Ends the thread's pool (its connections close as the server expects) and then the thread. */
  async close(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.worker, 'exit');
    this.worker.postMessage({ end: true });
    await exited;
  }
}

/**
 * Pages read and encoded off the event loop: each query goes to the reader thread with the fewest waiting, and comes
 * back as the bytes of the answer. The threads start at the first query; one that stopped is replaced at the next.
 */
export class MysqlReaders {
  private readers: Reader[] | undefined;

  constructor(
    private readonly settings: MysqlSettings,
    private readonly count: number,
    /** each thread's pool */
    private readonly connectionLimit: number,
  ) {}

  queryEncoded<S>(sql: string, params: SqlValue[], encoder: RowsEncoder<S>, searchLimitMs?: number): Promise<EncodedRows<S>> {
    return this.idlest().queryEncoded(sql, params, encoder, searchLimitMs);
  }

  private idlest(): Reader {
    this.readers ??= [];
    for (let i = 0; i < this.count; i++) if (!this.readers[i] || this.readers[i].exited) this.readers[i] = new Reader(this.settings, this.connectionLimit);
    return this.readers.reduce((a, b) => (b.load < a.load ? b : a));
  }

  async close(): Promise<void> {
    const readers = this.readers ?? [];
    this.readers = undefined;
    await Promise.all(readers.map((reader) => reader.close()));
  }
}
