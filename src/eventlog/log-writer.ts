import { Worker } from 'node:worker_threads';
import { WorkerCalls } from '../worker-calls';

/** A message to insert: its partition is chosen by the caller; its offset continues the highest stored one. */
export interface WriteRecord {
  topic: string;
  partition: number;
  key: string | null;
  value: Uint8Array | null;
  /** the headers as stored (JSON) */
  headers: string;
}

/** A consumer group's next offset for one input partition. */
export interface WriteCommit {
  groupId: string;
  topic: string;
  partition: number;
  nextOffset: number;
}

/** One transaction's work: records to insert and offsets to commit, all or nothing. */
export interface Write {
  records: WriteRecord[];
  commits: WriteCommit[];
}

/**
 * The worker's code: its own connection to the log's file (WAL, synchronous=FULL), one transaction per request. Plain
 * JavaScript given as a string, so the same code runs from TypeScript sources (tests, tsx) and from the build. The
 * commit's fsync, and the wait for the write lock while another process (the CLI) appends, happen here, off the
 * event loop; the answer is posted once the transaction is durable.
 */
const WRITER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 10000');
const maxOffset = db.prepare('SELECT MAX(offset_no) AS max FROM messages WHERE topic = ? AND partition_no = ?');
const insert = db.prepare('INSERT INTO messages (topic, partition_no, offset_no, key, value, headers, ts) VALUES (?, ?, ?, ?, ?, ?, ?)');
const commit = db.prepare(
  'INSERT INTO consumer_offsets (group_id, topic, partition_no, next_offset) VALUES (?, ?, ?, ?) ' +
  'ON CONFLICT (group_id, topic, partition_no) DO UPDATE SET next_offset = excluded.next_offset'
);
const write = db.transaction((writes) => {
  const next = new Map();
  const now = Date.now();
  return writes.map(({ records, commits }) => {
    const offsets = records.map(({ topic, partition, key, value, headers }) => {
      const slot = topic + '\\u0000' + partition;
      let offset = next.get(slot);
      if (offset === undefined) {
        const row = maxOffset.get(topic, partition);
        offset = row.max === null ? 0 : row.max + 1;
      }
      insert.run(topic, partition, offset, key, value === null ? null : Buffer.from(value.buffer, value.byteOffset, value.byteLength), headers, now);
      next.set(slot, offset + 1);
      return offset;
    });
    for (const c of commits) commit.run(c.groupId, c.topic, c.partition, c.nextOffset);
    return offsets;
  });
});
parentPort.on('message', ({ id, writes }) => {
  try {
    parentPort.postMessage({ id, offsets: write.immediate(writes) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/** An error SQLite raised while writing the log, with its code (SQLITE_BUSY, SQLITE_FULL ...). */
export class LogWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

interface Answer {
  id: number;
  offsets?: number[][];
  error?: { message: string; code?: string };
}

/**
 * Writes the embedded log's transactions on a worker thread: `write` resolves, with each record's offset, once the
 * transaction holding every given write has been fsynced, or rejects and none of them is stored.
 */
export class LogWriter {
  private readonly worker: Worker;
  private readonly calls: WorkerCalls;
  private failure: Error | undefined;

  constructor(file: string) {
    this.worker = new Worker(WRITER_SOURCE, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3') } });
    this.calls = new WorkerCalls(this.worker);
    this.worker.on('message', (answer: Answer) => {
      const waiting = this.calls.take(answer.id);
      if (!waiting) return;
      if (answer.error) waiting.reject(new LogWriteError(answer.error.message, answer.error.code));
      else waiting.resolve(answer.offsets ?? []);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('the event log writer stopped')));
  }

  /** Writes in one transaction; answers each write's records' offsets, in order. */
  write(writes: Write[]): Promise<number[][]> {
    if (this.failure) return Promise.reject(this.failure);
    return this.calls.call({ writes }, {});
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    this.calls.failAll(error);
  }
}
