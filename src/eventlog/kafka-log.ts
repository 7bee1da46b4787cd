import { Kafka, PartitionAssigners, Partitioners, logLevel, type Admin, type Consumer, type IHeaders, type Producer, type LogEntry } from 'kafkajs';
import type { Logger } from '../logger';
import {
  LogUnavailableError,
  SeekRequest,
  committed,
  type Appended,
  type Batch,
  type ConsumerOptions,
  type EventLog,
  type LogMessage,
  type OutgoingMessage,
  type Positions,
  type Subscription,
  type TopicRecords,
  type TopicSpec,
} from './event-log';
import { BackgroundCommits } from './background-commits';
import { CoPartitionedAssigner } from './co-partitioned-assigner';
import { partitionFor } from './partitioner';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  defaultPartitions: number;
}

interface Pending extends TopicRecords {
  resolve: (appended: Appended[]) => void;
  reject: (error: Error) => void;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

const headersOf = (headers: IHeaders | undefined): Record<string, string> => {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return result;
};

/** How often a consumer with its own positions commits them to the group as well (for operators' lag tools). */
const BACKGROUND_COMMIT_MS = 1000;

/** How long an append may wait for the broker before the caller is told it is unavailable (intake answers 503). */
const APPEND_TIMEOUT_MS = 10_000;

const withTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no acknowledgement within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The event log on Apache Kafka (kafkajs). Appends use an idempotent producer with acks=-1 and resolve only after
 * the broker's acknowledgement; concurrent appends go out in one request. Keys are placed with murmur2 as Kafka's
 * own clients do. Consumer output and offsets are committed in one Kafka transaction.
 */
export class KafkaEventLog implements EventLog {
  readonly engine = 'kafka' as const;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly partitionCounts = new Map<string, number>();
  private readonly subscriptions = new Set<KafkaSubscription>();
  private pending: Pending[] = [];
  private flushScheduled = false;

  private constructor(
    private readonly settings: KafkaSettings,
    private readonly logger: Logger,
  ) {
    this.kafka = new Kafka({
      clientId: settings.clientId,
      brokers: settings.brokers,
      // Connection-level retries stay short so that an append against a broker that is down fails in seconds;
      // consumers have their own, endless retries.
      retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 5 },
      connectionTimeout: 3_000,
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          const { message, ...rest } = log;
          logger[LEVELS[level] ?? 'info']({ kafka: rest }, message);
        },
      logLevel: logLevel.WARN,
    });
    this.admin = this.kafka.admin();
    // Partitions are chosen here (murmur2), so the client's partitioner is never asked.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // A broker that is down must turn into a quick 503 for intake, not a request hanging for minutes.
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
  }

  static async connect(settings: KafkaSettings, logger: Logger): Promise<KafkaEventLog> {
    const log = new KafkaEventLog(settings, logger);
    await log.admin.connect();
    await log.producer.connect();
    return log;
  }

  async ensureTopics(specs: TopicSpec[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.partitions ?? this.settings.defaultPartitions,
          replicationFactor: 1,
          // Event topics are the source of truth that replays read: they keep everything.
          configEntries: [{ name: 'retention.ms', value: '-1' }],
        })),
      });
    }
    for (const spec of specs) await this.partitionsOf(spec.topic);
  }

  async partitionsOf(topic: string): Promise<number> {
    let count = this.partitionCounts.get(topic);
    if (count === undefined) {
      const metadata = await this.admin.fetchTopicMetadata({ topics: [topic] });
      count = metadata.topics[0].partitions.length;
      this.partitionCounts.set(topic, count);
    }
    return count;
  }

  append(topic: string, messages: OutgoingMessage[]): Promise<Appended[]> {
    if (messages.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.pending.push({ topic, messages, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Everything appended in this tick goes out in one request; each caller learns its messages' offsets. */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    try {
      const entries: { owner: number; topic: string; record: { key: string; value: Buffer; headers?: Record<string, string>; partition: number } }[] = [];
      for (const [owner, { topic, messages }] of batch.entries()) {
        const partitions = await this.partitionsOf(topic);
        for (const m of messages) entries.push({ owner, topic, record: { key: m.key, value: m.value, headers: m.headers, partition: partitionFor(m.key, partitions) } });
      }
      const topics = [...new Set(entries.map((e) => e.topic))];
      const metadata = await withTimeout(
        this.producer.sendBatch({
          acks: -1,
          timeout: APPEND_TIMEOUT_MS,
          topicMessages: topics.map((topic) => ({ topic, messages: entries.filter((e) => e.topic === topic).map((e) => e.record) })),
        }),
        APPEND_TIMEOUT_MS,
      );
      // Within a topic partition the messages keep their order in the request: offsets count up from its base.
      const nextOffset = new Map(metadata.map((m) => [`${m.topicName}\u0000${m.partition}`, Number(m.baseOffset)]));
      const results: Appended[][] = batch.map(() => []);
      for (const topic of topics) {
        for (const { owner, record } of entries.filter((e) => e.topic === topic)) {
          const slot = `${topic}\u0000${record.partition}`;
          const offset = nextOffset.get(slot)!;
          nextOffset.set(slot, offset + 1);
          results[owner].push({ topic, partition: record.partition, offset });
        }
      }
      batch.forEach((p, owner) => p.resolve(results[owner]));
    } catch (error) {
      const failure = new LogUnavailableError(`Kafka did not acknowledge the append: ${(error as Error).message}`);
      for (const p of batch) p.reject(failure);
    }
  }

  async endOffsets(topic: string): Promise<Positions> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  }

  async subscribe(options: ConsumerOptions): Promise<Subscription> {
    const subscription = new KafkaSubscription(this.kafka, this.settings, options, this.logger, (topic) => this.partitionsOf(topic));
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

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}

/** One consumer group member. Offsets are committed only after a batch was handled (auto-commit is off). */
class KafkaSubscription {
  private consumer: Consumer;
  private readonly transactional = new Map<string, Producer>();
  private running = true;
  /** for a consumer with its own positions (loadPositions) or commitInBackground: the group's offsets, committed in the background */
  private readonly background: BackgroundCommits | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly options: ConsumerOptions,
    private readonly logger: Logger,
    private readonly partitionsOf: (topic: string) => Promise<number>,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      readUncommitted: false,
      // Round robin stays as a fallback while older members without the co-partitioned assigner are in the group.
      partitionAssigners: [CoPartitionedAssigner, PartitionAssigners.roundRobin],
      // A crashed member holds its partitions until its session times out: keep that short.
      sessionTimeout: 10_000,
      rebalanceTimeout: 20_000,
      heartbeatInterval: 1_000,
      maxBytesPerPartition: 4 * 1024 * 1024,
      // Room for every subscribed topic's partitions in one fetch: the projector merges a partition number's batches
      // from all topics only when they arrive together.
      maxBytes: 64 * 1024 * 1024,
      // How long the broker holds a fetch that finds nothing new. Stopping waits for the fetch in flight, so this bounds
      // how long a role takes to stop on SIGTERM and a rebuild to hand over; a busy partition is answered at once.
      maxWaitTimeInMs: options.fetch?.maxWaitMs ?? 500,
      minBytes: options.fetch?.minBytes ?? 1,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    if (options.loadPositions || options.commitInBackground) {
      this.background = new BackgroundCommits(
        (offsets) => this.consumer.commitOffsets(offsets),
        BACKGROUND_COMMIT_MS,
        (error) => this.logger.debug({ err: error, groupId: options.groupId }, 'group offsets not committed (positions are in the store)'),
      );
    }
  }

  async start(): Promise<void> {
    const { options, consumer } = this;
    await consumer.connect();
    await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning });
    if (options.loadPositions) {
      const load = options.loadPositions;
      let generation = 0;
      // On every assignment, start where the consumer's own store says it is. Until then kafkajs may fetch from the
      // group's committed offsets, which may be ahead: each batch says where it was read from (`from`), and the
      // consumer refuses one that does not continue its stored position.
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
        const current = ++generation;
        this.background?.drop();
        void (async () => {
          while (current === generation && this.running) {
            try {
              for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
                const positions = await load(topic, partitions);
                if (current !== generation) return;
                for (const partition of partitions) consumer.seek({ topic, partition, offset: String(positions.get(partition) ?? 0) });
              }
              return;
            } catch (error) {
              this.logger.error({ err: error, groupId: options.groupId }, 'could not load stored positions; trying again');
              await sleep(1000);
            }
          }
        })();
      });
    }
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.concurrency ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const all: LogMessage[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: Number(m.offset),
          key: m.key ? m.key.toString() : null,
          value: m.value,
          headers: headersOf(m.headers),
          timestamp: Number(m.timestamp),
        }));
        const size = options.maxBatchSize ?? 1000;
        // The offset the fetch asked for (kafkajs keeps it on the batch, untyped): transaction markers may lie between
        // it and the first message, but no message does.
        const fetchedFrom = Number((batch as unknown as { fetchedOffset: string }).fetchedOffset);
        for (let i = 0; i < all.length; i += size) {
          if (!isRunning() || isStale()) return;
          const messages = all.slice(i, i + size);
          const last = i + size >= all.length;
          // kafkajs moves past a transaction marker that ends the batch once the batch's last message is resolved.
          const next = last ? Math.max(Number(batch.lastOffset()), messages[messages.length - 1].offset) + 1 : messages[messages.length - 1].offset + 1;
          const from = i === 0 ? Math.min(fetchedFrom, messages[0].offset) : all[i - 1].offset + 1;
          const handed: Batch = { topic: batch.topic, partition: batch.partition, from, next, messages };
          let output: TopicRecords[];
          try {
            output = (await options.eachBatch(handed)) || [];
            if (output.some((o) => o.messages.length > 0)) {
              await this.commitWithOutput(output, batch.topic, batch.partition, next);
            } else if (this.background) {
              this.background.note(batch.topic, batch.partition, next);
            } else {
              await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(next) }]);
            }
          } catch (error) {
            if (error instanceof SeekRequest) {
              this.logger.info({ groupId: options.groupId, topic: error.topic, partition: error.partition, offset: error.offset }, 'seeking back');
              this.consumer.seek({ topic: error.topic, partition: error.partition, offset: String(error.offset) });
              return;
            }
            this.logger.error({ err: error, groupId: options.groupId, topic: batch.topic, partition: batch.partition }, 'batch failed; retrying from the same offset');
            await sleep(500);
            this.consumer.seek({ topic: batch.topic, partition: batch.partition, offset: String(messages[0].offset) });
            return;
          }
          committed(options, handed, output, this.logger);
          resolveOffset(String(next - 1));
          await heartbeat();
        }
      },
    });
  }

  /**
   * Appends the output and commits the input offset in one transaction: all or nothing. One transactional producer per
   * input partition, named after it: whichever process takes the partition over fences the one that had it.
   */
  private async commitWithOutput(output: TopicRecords[], topic: string, partition: number, next: number): Promise<void> {
    const slot = `${topic}-${partition}`;
    let producer = this.transactional.get(slot);
    if (!producer) {
      producer = this.kafka.producer({
        transactionalId: `${this.options.groupId}-${slot}`,
        idempotent: true,
        maxInFlightRequests: 1,
        transactionTimeout: 30_000,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      this.transactional.set(slot, producer);
    }
    const transaction = await producer.transaction();
    try {
      for (const { topic: to, messages } of output) {
        if (messages.length === 0) continue;
        const partitions = await this.partitionsOf(to);
        await transaction.send({
          topic: to,
          acks: -1,
          messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers, partition: partitionFor(m.key, partitions) })),
        });
      }
      await transaction.sendOffsets({
        consumerGroupId: this.options.groupId,
        topics: [{ topic, partitions: [{ partition, offset: String(next) }] }],
      });
      await transaction.commit();
    } catch (error) {
      await transaction.abort().catch(() => undefined);
      // After a broker restart the producer may be fenced or broken: the next batch makes a new one.
      this.transactional.delete(slot);
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  seek(topic: string, partition: number, offset: number): void {
    this.consumer.seek({ topic, partition, offset: String(offset) });
  }

  pause(topic: string, partition: number): void {
    this.consumer.pause([{ topic, partitions: [partition] }]);
  }

  resume(topic: string, partition: number): void {
    this.consumer.resume([{ topic, partitions: [partition] }]);
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.background?.flush();
    await this.consumer.disconnect();
    await Promise.all([...this.transactional.values()].map((p) => p.disconnect()));
    this.transactional.clear();
  }
}
