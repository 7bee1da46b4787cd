import { UnavailableError } from '../errors';
import type { Logger } from '../logger';

/**
 * The event log, shaped on Kafka's model: topics split into partitions, messages keyed (all messages with one key
 * land in one partition, in order), per-partition offsets, consumer groups with committed offsets, and reading from
 * the beginning for replays. Implemented by Kafka (kafkajs) and by an embedded SQLite file.
 */
export type Headers = Record<string, string>;

export interface OutgoingMessage {
  key: string;
  value: Buffer;
  headers?: Headers;
}

export interface LogMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer | null;
  headers: Headers;
  timestamp: number;
}

export interface Appended {
  topic: string;
  partition: number;
  offset: number;
}

export interface TopicRecords {
  topic: string;
  messages: OutgoingMessage[];
}

export interface Batch {
  topic: string;
  partition: number;
  /** the position the batch was read from: the partition has no message between it and the first message */
  from: number;
  /** the position after the batch: past its last message and any transaction marker that follows it */
  next: number;
  messages: LogMessage[];
}

/** Where a consumer starts in a partition: the offset of the next message to read. */
export type Positions = Map<number, number>;

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  /** With no committed or stored position, start at the first message (true) or at the end (false). */
  fromBeginning: boolean;
  /**
   * For consumers that keep their position beside their own writes (projections): called on start and on every
   * partition assignment; the returned positions win over the group's committed offsets. On Kafka a batch fetched
   * before they are applied may still arrive: such a consumer checks each batch's `from` against its own position.
   */
  loadPositions?: (topic: string, partitions: number[]) => Promise<Positions>;
  /**
   * Called with one partition's messages in offset order; when it resolves the group's offset is committed. Records
   * it returns are appended in the same atomic step as that commit (consume-transform-produce, exactly once).
   */
  eachBatch: (batch: Batch) => Promise<void | TopicRecords[]>;
  /** Called once a batch's offset and the records eachBatch returned for it are committed (not for a batch that failed). */
  onCommitted?: (batch: Batch, output: TopicRecords[]) => void;
  maxBatchSize?: number;
  /**
   * Commit the group's offsets in the background, at most once a second, rather than after each batch (a consumer
   * with loadPositions always does): for a group whose offsets nothing resumes from, a broker round trip per batch only
   * delays the next one.
   */
  commitInBackground?: boolean;
  /**
   * Kafka: a fetch is answered once this many bytes are there or `maxWaitMs` has passed (default: 1 byte, 500 ms). A
   * handler that returns at once otherwise fetches in a tight loop, a few messages each time, and keeps the broker busy.
   */
  fetch?: { minBytes: number; maxWaitMs: number };
  /** how many partitions may be handled at once (their batches never overlap within a partition) */
  concurrency?: number;
}

export interface Subscription {
  /** Stops fetching, waits for the batch in hand, and leaves the group. */
  stop(): Promise<void>;
  /** Makes the consumer read a partition again from `offset`, from outside a batch handler. */
  seek(topic: string, partition: number, offset: number): void;
  /** Stops fetching a partition until `resume` (back-pressure); the batch in hand is still handled. */
  pause(topic: string, partition: number): void;
  resume(topic: string, partition: number): void;
}

export interface TopicSpec {
  topic: string;
  partitions?: number;
}

export interface EventLog {
  readonly engine: 'embedded' | 'kafka';
  ensureTopics(specs: TopicSpec[]): Promise<void>;
  /** Resolves only once every message is durable (fsynced / acknowledged by the broker). */
  append(topic: string, messages: OutgoingMessage[]): Promise<Appended[]>;
  subscribe(options: ConsumerOptions): Promise<Subscription>;
  /** The next offset to be written in each partition (the high watermark). */
  endOffsets(topic: string): Promise<Positions>;
  close(): Promise<void>;
}

/**
 * Tells the consumer's onCommitted about a committed batch. What it throws is logged, never taken for a failed batch:
 * the batch is committed and must not be handled again.
 */
export const committed = (options: ConsumerOptions, batch: Batch, output: TopicRecords[], logger: Logger): void => {
  try {
    options.onCommitted?.(batch, output);
  } catch (error) {
    logger.error({ err: error, groupId: options.groupId, topic: batch.topic, partition: batch.partition }, 'onCommitted failed');
  }
};

/** Thrown by a batch handler to make the consumer re-read a partition from `offset`. */
export class SeekRequest extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: number,
  ) {
    super(`seek ${topic}[${partition}] to ${offset}`);
  }
}

/** The log cannot take writes right now (broker or disk unavailable): intake answers 503. */
export class LogUnavailableError extends UnavailableError {}
