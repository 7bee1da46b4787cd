import { Worker } from 'node:worker_threads';
import { WorkerCalls } from '../worker-calls';
import type { EncodedRows, RowsEncoder, SqlValue } from './read-store';
import { ENCODER_LOADER_SOURCE, tsxPath } from './worker-encoders';

/**
 * The worker's code: one read connection to the database file, prepared statements cached. It is plain JavaScript
 * given as a string, so the same code runs from TypeScript sources (tests, tsx) and from the compiled build. Rows
 * travel as arrays with their column names once: building a 57-key object per row, copying it to the main thread and
 * rebuilding it there cost more than the query (a page of complaints: 7.7 ms as objects, 3.3 ms as arrays).
 * With an encoder the worker turns the rows into the answer's bytes itself and transfers them: the event loop then
 * neither rebuilds rows nor encodes JSON, it writes a buffer.
 */
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 10000');
const statements = new Map();
const utf8 = new TextEncoder();
${ENCODER_LOADER_SOURCE}parentPort.on('message', ({ id, sql, params, encoder }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (statements.size >= 200) statements.delete(statements.keys().next().value);
      statements.set(sql, statement);
    }
    if (statement.reader) statement.raw(!encoder);
    const rows = statement.all(...params);
    if (encoder) {
      const { json, summary } = encoderOf(encoder)(rows);
      const body = utf8.encode(json);
      parentPort.postMessage({ id, body, summary }, [body.buffer]);
    } else {
      parentPort.postMessage({ id, columns: statement.columns().map((c) => c.name), rows });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/**
 * Turns a row's values into an object keyed by its columns. One function per column list, compiled once: an object
 * literal of fixed shape is several times faster to build than one assigned key by key.
 */
const rowBuilders = new Map<string, (values: unknown[]) => unknown>();
const MAX_ROW_BUILDERS = 200;

const rowBuilderOf = (columns: string[]): ((values: unknown[]) => unknown) => {
  const key = columns.join('\u0000');
  let build = rowBuilders.get(key);
  if (!build) {
    // a later column of the same name wins, as in better-sqlite3's own row objects; a column named __proto__ is a
    // property like any other (a computed key; the others are plain keys, six times faster to build)
    const last = new Map(columns.map((column, i) => [column, i]));
    const keyOf = (column: string) => (column === '__proto__' ? '["__proto__"]' : JSON.stringify(column));
    const body = [...last].map(([column, i]) => `${keyOf(column)}: values[${i}]`).join(', ');
    build = new Function('values', `return { ${body} };`) as (values: unknown[]) => unknown;
    if (rowBuilders.size >= MAX_ROW_BUILDERS) rowBuilders.delete(rowBuilders.keys().next().value as string);
    rowBuilders.set(key, build);
  }
  return build;
};

interface Answer {
  id: number;
  columns?: string[];
  rows?: unknown[][];
  body?: Uint8Array;
  summary?: unknown;
  error?: { message: string; code?: string };
}

/** An error SQLite raised in a reader, with its code (SQLITE_ERROR, SQLITE_BUSY ...). */
export class SqliteReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

class Reader {
  private readonly worker: Worker;
  private readonly calls: WorkerCalls;

  constructor(file: string) {
    this.worker = new Worker(READER_SOURCE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), tsx: tsxPath() } });
    this.calls = new WorkerCalls(this.worker);
    this.worker.on('message', (message: Answer) => {
      const waiting = this.calls.take(message.id);
      if (!waiting) return;
      if (message.error) waiting.reject(new SqliteReadError(message.error.message, message.error.code));
      else if (message.body) {
        const { buffer, byteOffset, byteLength } = message.body;
        waiting.resolve({ body: Buffer.from(buffer, byteOffset, byteLength), summary: message.summary });
      } else waiting.resolve((message.rows ?? []).map(rowBuilderOf(message.columns ?? [])));
    });
    this.worker.on('error', (error) => this.calls.failAll(error));
    this.worker.on('exit', () => this.calls.failAll(new Error('the SQLite reader stopped')));
  }

  get load(): number {
    return this.calls.size;
  }

  query<T>(sql: string, params: SqlValue[]): Promise<T[]> {
    return this.calls.call({ sql, params }, {});
  }

  queryEncoded<S>(sql: string, params: SqlValue[], encoder: RowsEncoder<S>): Promise<EncodedRows<S>> {
    return this.calls.call({ sql, params, encoder: { module: encoder.module, name: encoder.name } }, {});
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Reads off the event loop: queries run on worker threads, each with its own connection, so a slow search never
 * stalls the process (its HTTP answers, the intake, the live push). WAL gives each query a committed snapshot.
 */
export class SqliteReaders {
  private readers: Reader[] | undefined;
  /** a connection of its own for checkpoints: a checkpoint waits on the disk, and queries should not wait behind it */
  private checkpointer: Reader | undefined;
  private checkpointing: Promise<unknown> | undefined;

  constructor(
    private readonly file: string,
    private readonly count = 2,
  ) {}

  query<T>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    return this.idlest().query<T>(sql, params);
  }

  queryEncoded<S>(sql: string, params: SqlValue[], encoder: RowsEncoder<S>): Promise<EncodedRows<S>> {
    return this.idlest().queryEncoded(sql, params, encoder);
  }

  private idlest(): Reader {
    this.readers ??= Array.from({ length: this.count }, () => new Reader(this.file));
    return this.readers.reduce((a, b) => (b.load < a.load ? b : a));
  }

  /** Runs `sql` (a checkpoint) on the checkpoint thread; while one runs, another is not started and gets null. */
  async checkpoint<T>(sql: string): Promise<T | null> {
    if (this.checkpointing) return null;
    this.checkpointer ??= new Reader(this.file);
    const running = this.checkpointer.query<T>(sql, []);
    this.checkpointing = running;
    try {
      return (await running)[0] ?? null;
    } finally {
      this.checkpointing = undefined;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...(this.readers ?? []), ...(this.checkpointer ? [this.checkpointer] : [])].map((reader) => reader.close()));
    this.readers = undefined;
    this.checkpointer = undefined;
  }
}
