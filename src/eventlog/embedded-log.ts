import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import type {
  Appended,
  Batch,
  ConsumerOptions,
  EventLog,
  LogMessage,
  OutgoingMessage,
  Positions,
  Subscription,
  TopicRecords,
  TopicSpec,
} from './event-log';
import { committed, SeekRequest } from './event-log';
import { BackgroundCommits, type PartitionOffset } from './background-commits';
import { LogWriter, type Write, type WriteCommit } from './log-writer';
import { partitionFor } from './partitioner';
import { createEmbeddedSchema } from './embedded-schema';
import type { Logger } from '../logger';

/** One key per topic partition. */
const slotKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** A write waiting for the next group commit: appended records, and for a consumer's batch its input offset. */
interface Pending {
  output: TopicRecords[];
  commit?: WriteCommit;
  resolve: (appended: Appended[][]) => void;
  reject: (error: Error) => void;
}

interface Row {
  partition_no: number;
  offset_no: number;
  key: string | null;
  value: Buffer | null;
  headers: string;
  ts: number;
}

const IDLE_POLL_MS = 100;

/**
 * The event log in one SQLite file (WAL, synchronous=FULL): an append resolves after its transaction has been
 * fsynced. Writes run on a worker thread (LogWriter), one transaction at a time, so neither the fsync nor the wait for
 * another process's write lock holds up the event loop; the writes that arrive meanwhile (appends, and consumers'
 * outputs with their input offsets) are committed together in the next one (group commit), so durability does not
 * cost one fsync each. Reads stay on this thread's connection. Other processes (the CLI) may append to the same file;
 * consumers poll when idle so they see those too.
 */
export class EmbeddedEventLog implements EventLog {
  readonly engine = 'embedded' as const;
  private readonly wakeups = new EventEmitter();
  private pending: Pending[] = [];
  private flushScheduled = false;
  /** the group commit in flight: the next starts when it is done */
  private writing: Promise<void> | undefined;
  private readonly partitionCounts = new Map<string, number>();
  private readonly subscriptions = new Set<EmbeddedSubscription>();
  private closed = false;

  constructor(
    readonly db: Database.Database,
    private readonly writer: LogWriter,
    private readonly defaultPartitions: number,
    private readonly logger: Logger,
  ) {
    this.wakeups.setMaxListeners(0);
    this.statements = {
      maxOffset: db.prepare('SELECT MAX(offset_no) AS max FROM messages WHERE topic = ? AND partition_no = ?'),
      read: db.prepare(
        `SELECT partition_no, offset_no, key, value, headers, ts FROM messages
         WHERE topic = ? AND partition_no = ? AND offset_no >= ? ORDER BY offset_no LIMIT ?`,
      ),
    };
  }

  private readonly statements: Record<'maxOffset' | 'read', Database.Statement>;

  static open(file: string, defaultPartitions: number, logger: Logger): EmbeddedEventLog {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    // The schema exists before the writer's connection opens the file.
    createEmbeddedSchema(db);
    return new EmbeddedEventLog(db, new LogWriter(file), defaultPartitions, logger);
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const insert = this.db.prepare('INSERT OR IGNORE INTO topics (name, partitions) VALUES (?, ?)');
    for (const spec of specs) insert.run(spec.topic, spec.partitions ?? this.defaultPartitions);
  }

  partitionsOf(topic: string): number {
    let count = this.partitionCounts.get(topic);
    if (count === undefined) {
      const row = this.db.prepare('SELECT partitions FROM topics WHERE name = ?').get(topic) as { partitions: number } | undefined;
      if (!row) throw new Error(`unknown topic ${topic}`);
      count = row.partitions;
      this.partitionCounts.set(topic, count);
    }
    return count;
  }

  async append(topic: string, messages: OutgoingMessage[]): Promise<Appended[]> {
    if (messages.length === 0) return [];
    return (await this.write([{ topic, messages }]))[0];
  }

  /** Commits consumers' input offsets (no output) in one transaction. */
  async commitOffsets(groupId: string, offsets: PartitionOffset[]): Promise<void> {
    if (this.closed || offsets.length === 0) return;
    await this.writer.write([{ records: [], commits: offsets.map(({ topic, partition, offset }) => ({ groupId, topic, partition, nextOffset: Number(offset) })) }]);
  }

  /** Appends a consumer's output and commits its input offset in one transaction. */
  async appendAndCommit(output: TopicRecords[], groupId: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    await this.write(output, { groupId, topic, partition, nextOffset });
  }

  private write(output: TopicRecords[], commit?: WriteCommit): Promise<Appended[][]> {
    if (this.closed) return Promise.reject(new Error('event log is closed'));
    // Unknown topics fail here, before the write joins a group commit.
    for (const { topic } of output) this.partitionsOf(topic);
    return new Promise((resolve, reject) => {
      this.pending.push({ output, commit, resolve, reject });
      if (!this.flushScheduled && !this.writing) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every waiting write in one transaction, then the writes that arrived meanwhile in the next. */
  private flush(): void {
    this.flushScheduled = false;
    // While a commit is in flight the waiting writes stay where they are: its end flushes them.
    if (this.writing || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const writes: Write[] = batch.map(({ output, commit }) => ({
      records: output.flatMap(({ topic, messages }) => {
        const partitions = this.partitionsOf(topic);
        return messages.map((m) => ({
          topic,
          partition: partitionFor(m.key, partitions),
          key: m.key,
          // a copy of just its bytes: posting a pooled Buffer would copy its whole pool
          value: m.value === null ? null : new Uint8Array(m.value),
          headers: JSON.stringify(m.headers ?? {}),
        }));
      }),
      commits: commit ? [commit] : [],
    }));
    this.writing = this.writer.write(writes).then(
      (offsets) => {
        this.writing = undefined;
        batch.forEach((p, i) => {
          let k = 0;
          p.resolve(p.output.map(({ topic, messages }) => messages.map(() => ({ topic, partition: writes[i].records[k].partition, offset: offsets[i][k++] }))));
        });
        if (writes.some((w) => w.records.length > 0)) this.wakeups.emit('append');
        this.flush();
      },
      (error: Error) => {
        this.writing = undefined;
        for (const p of batch) p.reject(error);
        this.flush();
      },
    );
  }

  async endOffsets(topic: string): Promise<Positions> {
    const positions: Positions = new Map();
    for (let p = 0; p < this.partitionsOf(topic); p++) {
      const row = this.statements.maxOffset.get(topic, p) as { max: number | null };
      positions.set(p, row.max === null ? 0 : row.max + 1);
    }
    return positions;
  }

  committedOffsets(groupId: string, topic: string): Positions {
    const rows = this.db
      .prepare('SELECT partition_no, next_offset FROM consumer_offsets WHERE group_id = ? AND topic = ?')
      .all(groupId, topic) as { partition_no: number; next_offset: number }[];
    return new Map(rows.map((r) => [r.partition_no, r.next_offset]));
  }

  read(topic: string, partition: number, fromOffset: number, limit: number): LogMessage[] {
    const rows = this.statements.read.all(topic, partition, fromOffset, limit) as Row[];
    return rows.map((r) => ({
      topic,
      partition: r.partition_no,
      offset: r.offset_no,
      key: r.key,
      value: r.value,
      headers: JSON.parse(r.headers) as Record<string, string>,
      timestamp: r.ts,
    }));
  }

  /** Resolves on the next append in this process, or after the idle poll interval (appends by other processes). */
  waitForAppend(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeups.off('append', done);
        this.wakeups.off('stop', done);
        resolve();
      };
      const timer = setTimeout(done, IDLE_POLL_MS);
      this.wakeups.once('append', done);
      this.wakeups.once('stop', done);
    });
  }

  async subscribe(options: ConsumerOptions): Promise<Subscription> {
    for (const topic of options.topics) this.partitionsOf(topic);
    const subscription = new EmbeddedSubscription(this, options, this.logger);
    await subscription.start();
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
      seek: (topic, partition, offset) => subscription.seek(topic, partition, offset),
      pause: (topic, partition) => subscription.pause(topic, partition),
      resume: (topic, partition) => subscription.resume(topic, partition),
    };
  }

  wake(): void {
    this.wakeups.emit('stop');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    while (this.writing || this.pending.length > 0) {
      if (!this.writing) this.flush();
      await this.writing;
    }
    this.closed = true;
    await this.writer.close();
    this.db.close();
  }
}

/** how often a consumer with its own positions commits the group's offsets (they only show operators where it is) */
const BACKGROUND_COMMIT_MS = 1000;

class EmbeddedSubscription {
  private running = true;
  /** for a consumer with its own positions (loadPositions) or commitInBackground: offsets without output, once a second */
  private readonly background: BackgroundCommits | undefined;
  private loop: Promise<void> = Promise.resolve();
  private readonly positions = new Map<string, Positions>();
  /** seeks asked for from outside a batch handler, taken before the partition's next read */
  private readonly seeks = new Map<string, number>();
  private readonly paused = new Set<string>();

  constructor(
    private readonly log: EmbeddedEventLog,
    private readonly options: ConsumerOptions,
    private readonly logger: Logger,
  ) {
    if (options.loadPositions || options.commitInBackground) {
      // Each commit is a synced transaction: one per batch cost every projection an fsync per partition it read.
      this.background = new BackgroundCommits(
        (offsets) => this.log.commitOffsets(options.groupId, offsets),
        BACKGROUND_COMMIT_MS,
        (error) => this.logger.debug({ err: error, groupId: options.groupId }, 'group offsets not committed (positions are in the store)'),
      );
    }
  }

  async start(): Promise<void> {
    for (const topic of this.options.topics) {
      const partitions = [...Array(this.log.partitionsOf(topic)).keys()];
      const committed = this.log.committedOffsets(this.options.groupId, topic);
      const stored = this.options.loadPositions ? await this.options.loadPositions(topic, partitions) : new Map<number, number>();
      const ends = this.options.fromBeginning ? undefined : await this.log.endOffsets(topic);
      const positions: Positions = new Map();
      // A consumer that keeps its own positions starts at the first message of a partition it has none for.
      for (const p of partitions) positions.set(p, this.options.loadPositions ? (stored.get(p) ?? 0) : (committed.get(p) ?? ends?.get(p) ?? 0));
      this.positions.set(topic, positions);
    }
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const limit = this.options.maxBatchSize ?? 1000;
    while (this.running) {
      let fetched = false;
      for (const [topic, positions] of this.positions) {
        for (const [partition, position] of positions) {
          if (!this.running) return;
          const sought = this.takeSeek(topic, partition);
          if (sought !== undefined) {
            positions.set(partition, sought);
            fetched = true;
            continue;
          }
          if (this.paused.has(slotKey(topic, partition))) continue;
          const messages = this.log.read(topic, partition, position, limit);
          if (messages.length === 0) continue;
          fetched = true;
          const next = messages[messages.length - 1].offset + 1;
          const batch: Batch = { topic, partition, from: position, next, messages };
          let output: TopicRecords[];
          try {
            output = (await this.options.eachBatch(batch)) || [];
            if (this.background && !output.some((o) => o.messages.length > 0)) this.background.note(topic, partition, next);
            else await this.log.appendAndCommit(output, this.options.groupId, topic, partition, next);
          } catch (error) {
            if (error instanceof SeekRequest) {
              this.logger.info({ groupId: this.options.groupId, topic, partition, offset: error.offset }, 'seeking back');
              positions.set(partition, error.offset);
              continue;
            }
            this.logger.error({ err: error, groupId: this.options.groupId, topic, partition }, 'batch failed; retrying from the same offset');
            await new Promise((r) => setTimeout(r, 500));
            continue;
          }
          committed(this.options, batch, output, this.logger);
          positions.set(partition, this.takeSeek(topic, partition) ?? next);
        }
      }
      if (!fetched && this.running) await this.log.waitForAppend();
    }
  }

  seek(topic: string, partition: number, offset: number): void {
    this.seeks.set(slotKey(topic, partition), offset);
    this.log.wake();
  }

  pause(topic: string, partition: number): void {
    this.paused.add(slotKey(topic, partition));
  }

  resume(topic: string, partition: number): void {
    if (this.paused.delete(slotKey(topic, partition))) this.log.wake();
  }

  private takeSeek(topic: string, partition: number): number | undefined {
    const key = slotKey(topic, partition);
    const offset = this.seeks.get(key);
    this.seeks.delete(key);
    return offset;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.log.wake();
    await this.loop;
    await this.background?.flush();
  }
}
