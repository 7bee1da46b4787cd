import { unusableComplaintReason } from '../commands/complaint';
import { DecodeError } from '../events/codec';
import type { ComplaintEvent } from '../events/complaint';
import { allTopics, groupName } from '../events/topics';
import type { SeekRequest, Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { metrics } from '../metrics';
import { loadCheckpoints } from '../projections/checkpoints';
import type { ProjectionDeadLetter } from '../projections/dead-letters';
import type { ResponseTargets } from '../projections/first-response';
import { applyTweetSlices, TWEETS_PROJECTION, type AppliedBatch, type PositionedEvent, type TweetSlice } from '../projections/tweets';
import { chunkSlices } from '../projections/slice-chunks';
import { ClassificationHold, type HoldSettings } from './classification-hold';
import { deadLetterRelay } from './dead-letter-relay';
import { IdleClock } from './idle-clock';
import { PartitionQueue } from './partition-queue';
import type { ReadStore } from '../store/read-store';
import { LIVE_TWEETS_TABLES, type TweetsTables } from '../store/migrations';

export const PROJECTOR_GROUP = 'railsewa-projector-tweets';

export interface ProjectorDeps {
  events: EventStore;
  store: ReadStore;
  logger: Logger;
  tables?: TweetsTables;
  groupId?: string;
  /** called after each batch's transaction has committed */
  onCommitted?: (applied: AppliedBatch) => void;
  /** called after every batch, applied or skipped, and after waiting raw events were applied without a batch */
  onBatch?: () => Promise<void>;
  /** how raw complaints wait for their classification (default DEFAULT_HOLD: 1 s, 20,000 per partition) */
  hold?: HoldSettings;
  /** first-response targets the rows' due times are computed with (default DEFAULT_RESPONSE_TARGETS) */
  targets?: ResponseTargets;
  /** at most this many events (and dead letters) in one transaction (default MAX_EVENTS_PER_TRANSACTION) */
  maxPerTransaction?: number;
}

const DEFAULT_HOLD: HoldSettings = { holdMs: 1000, maxHeld: 20_000 };
/**
 * Events per transaction: a fetch far behind brings 20,000 per topic partition; one transaction for all of them held
 * the checkpoint, and the live push waiting for it, for seconds.
 */
export const MAX_EVENTS_PER_TRANSACTION = 2000;

/** Counts the events a committed transaction applied, and the emergencies among their classifications. */
const countProjected = (events: readonly ComplaintEvent[]): void => {
  const byType = new Map<string, number>();
  const emergencies = new Map<string, number>();
  for (const event of events) {
    byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
    if (event.type === 'ComplaintClassified' && event.data.prediction === 1) {
      emergencies.set(event.data.modelVersion, (emergencies.get(event.data.modelVersion) ?? 0) + 1);
    }
  }
  for (const [type, n] of byType) metrics.projectedEvents.inc({ type }, n);
  for (const [version, n] of emergencies) metrics.emergenciesProjected.inc({ model_version: version }, n);
};

const countDeadLetters = (logger: Logger, deadLetters: readonly ProjectionDeadLetter[]): void => {
  for (const { topic, partition, offset, code, reason } of deadLetters) {
    metrics.deadLetters.inc({ topic, code });
    logger.warn({ projection: 'tweets', topic, partition, offset, code, reason }, 'message dead-lettered: the projection moved past it');
  }
};

/** A fetched slice, or a call to apply the raw events that have waited too long. */
type Work = { slice: TweetSlice } | { stalled: number };

/**
 * Projects every event topic into the tweets read model. Positions come from the projection's own checkpoint table
 * (written in the same transaction as the rows), never from the group's committed offsets.
 */
export const startTweetsProjector = async (deps: ProjectorDeps): Promise<Subscription> => {
  const tables = deps.tables ?? LIVE_TWEETS_TABLES;
  const groupId = deps.groupId ?? groupName(deps.events.topics, PROJECTOR_GROUP);
  const raw = deps.events.topics.raw;
  const settings = deps.hold ?? DEFAULT_HOLD;
  const maxPerTransaction = deps.maxPerTransaction ?? MAX_EVENTS_PER_TRANSACTION;
  const hold = new ClassificationHold(raw, settings);
  // The hold's time: while a transaction is in flight the consumer fetches nothing, classifications included.
  const clock = new IdleClock();
  /** the subscription, once made: a seek for held events when no raw batch is in hand, and back-pressure */
  const consumer: { subscription?: Subscription } = {};
  /** raw partitions paused while many of their events wait (the classified topic is read on) */
  const paused = new Set<number>();
  // Only the live tables' projector publishes dead letters: a rebuild meets the same ones again.
  const relay = deps.tables ? null : deadLetterRelay({ log: deps.events.log, store: deps.store, logger: deps.logger, projection: TWEETS_PROJECTION.name });
  const pressure = (partition: number) => {
    const pause = hold.backPressure(partition);
    if (pause === true && !paused.has(partition)) {
      paused.add(partition);
      consumer.subscription?.pause(raw, partition);
    } else if (pause === false && paused.delete(partition)) {
      consumer.subscription?.resume(raw, partition);
    }
  };

  const queue = new PartitionQueue<Work, SeekRequest | null>(async (work) => {
    const now = clock.now();
    const fetched = work.flatMap((w) => ('slice' in w ? [w.slice] : []));
    for (const slice of fetched) if (slice.topic === raw) hold.hold(slice, now);
    const others = fetched.filter((slice) => slice.topic !== raw);
    const partition = 'slice' in work[0] ? work[0].slice.partition : work[0].stalled;
    const released = hold.release(partition, others, now);
    const slices = released ? [released, ...others] : others;
    const answers = new Map<TweetSlice, SeekRequest | null>();
    // At most maxPerTransaction events a transaction: behind, the checkpoints (which the live push waits for) move
    // every few thousand events rather than once per fetch.
    for (const transaction of chunkSlices(slices, maxPerTransaction)) {
      // A slice answered with a seek is read again from its checkpoint: its later parts are left out.
      const parts = transaction.filter(({ slice }) => !answers.get(slices[slice]));
      if (parts.length === 0) continue;
      const { applied, deadLetters, seeks } = await clock
        .busy(() => deps.store.transaction((tx) => applyTweetSlices(deps.store, tx, tables, parts.map((p) => p.part), deps.targets)))
        .catch((error: unknown) => {
          // Parts already committed are below the checkpoint when the events are applied again: they are skipped.
          if (released) hold.restore(released);
          throw error;
        });
      parts.forEach(({ slice }, i) => answers.set(slices[slice], answers.get(slices[slice]) ?? seeks[i]));
      countProjected(applied.events);
      // Counted once, by the live tables' projector: a rebuild meets the same dead letters again.
      if (deadLetters.length > 0 && relay) {
        countDeadLetters(deps.logger, deadLetters);
        relay.kick();
      }
      if (applied.rows.length > 0) deps.onCommitted?.(applied);
    }
    const rawSeek = released ? answers.get(released) : null;
    if (rawSeek) {
      // The table lacks events before the held ones (a rebuild swapped it in): read the partition again from its
      // checkpoint.
      hold.drop(partition);
      if (!fetched.some((slice) => slice.topic === raw)) consumer.subscription?.seek(raw, partition, rawSeek.offset);
    }
    pressure(partition);
    return work.map((w) => ('slice' in w ? (w.slice.topic === raw ? (rawSeek ?? null) : (answers.get(w.slice) ?? null)) : null));
  });
  const subscription = await deps.events.log.subscribe({
    groupId,
    topics: allTopics(deps.events.topics),
    fromBeginning: true,
    // A whole fetched batch in one transaction, so a partition number's batches from every topic arrive together.
    maxBatchSize: 20_000,
    // Every topic's batches of a fetch in hand at once (six partitions each by default): the queue merges those of
    // one partition number into one transaction and runs different partition numbers side by side.
    concurrency: 6 * allTopics(deps.events.topics).length,
    loadPositions: (topic) => {
      // A new assignment starts every partition at its checkpoint: held raw events are read again.
      if (topic === raw) {
        hold.clear();
        // Nothing waits any more: read every raw partition this projector paused again.
        for (const partition of paused) consumer.subscription?.resume(raw, partition);
        paused.clear();
      }
      return loadCheckpoints(deps.store, tables.checkpoints, topic);
    },
    eachBatch: async (batch) => {
      const events: PositionedEvent[] = [];
      const deadLetters: ProjectionDeadLetter[] = [];
      for (const message of batch.messages) {
        try {
          const event = await deps.events.codec.decode(message.value);
          // Unusable complaints are dead-lettered by the classifier; here they are only left out.
          if (unusableComplaintReason(event) === null) events.push({ offset: message.offset, event });
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          // raw_tweets is dead-lettered by the classifier; the other topics are only read by projections. The dead
          // letter is written on the transaction that moves the checkpoint past it (the raw topic's slices wait in
          // the hold, so they carry none).
          if (batch.topic !== deps.events.topics.raw) {
            deadLetters.push({ topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key, value: message.value, code: error.code, reason: error.message });
          }
        }
      }
      const slice = { topic: batch.topic, partition: batch.partition, startOffset: batch.from, nextOffset: batch.next, events, deadLetters };
      hold.fetched(slice, clock.now());
      const seek = await queue.submit(batch.partition, { slice });
      if (seek) throw seek;
      await deps.onBatch?.();
    },
  });
  // Raw events the classifier has not classified for a while are applied as they are.
  const timer = setInterval(() => {
    for (const partition of hold.stalled(clock.now())) {
      queue
        .submit(partition, { stalled: partition })
        .then(() => deps.onBatch?.())
        .catch((error: unknown) => deps.logger.error({ err: error, partition }, 'could not apply held complaints'));
    }
  }, Math.max(10, Math.floor(settings.holdMs / 4)));
  timer.unref();
  consumer.subscription = subscription;
  // Rows an earlier run committed but did not publish (it stopped or crashed first).
  relay?.kick();
  return {
    ...subscription,
    stop: async () => {
      clearInterval(timer);
      await subscription.stop();
      await relay?.stop();
    },
  };
};
