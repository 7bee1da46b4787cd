import { DecodeError } from '../events/codec';
import { groupName } from '../events/topics';
import type { Batch, SeekRequest, Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { metrics } from '../metrics';
import { rejectionOf, type ProjectionDeadLetter } from '../projections/dead-letters';
import { loadCheckpoints, slotOf } from '../projections/checkpoints';
import { liveTables, projectionTopics, type AnyProjection, type GenerationTables, type PositionedEvent } from '../projections/projection';
import { applyOneByOne } from '../projections/one-by-one';
import { applyProjectionSlices, type AppliedProjectionSlices, type ProjectionSlice } from '../projections/projection-batch';
import type { ReadStore } from '../store/read-store';
import { deadLetterRelay } from './dead-letter-relay';
import { PartitionQueue } from './partition-queue';

export interface ProjectionRunnerDeps {
  events: EventStore;
  store: ReadStore;
  logger: Logger;
  projection: AnyProjection;
  /** the generation written (default: the live tables) */
  generation?: GenerationTables;
  groupId?: string;
  /** after each transaction that applied events has committed */
  onCommitted?: (events: PositionedEvent[]) => void;
  /** after every batch, applied or skipped */
  onBatch?: () => Promise<void>;
  /** how often the runner looks for checkpoints behind what it has read (a rebuild swapped its tables in) */
  swapCheckMs?: number;
}

const SWAP_CHECK_MS = 1000;
/** A batch's transaction fails this many times in a row (each read again after half a second) before its events are tried one by one. */
const ATTEMPTS_BEFORE_ONE_BY_ONE = 3;

/**
 * A fetched batch's events, and the messages the projection cannot apply: those that cannot be decoded (bad bytes,
 * an unknown schema id or event type) and those it refuses. A registry that cannot be reached is not the message's
 * fault: that error is thrown and the batch is read again.
 */
const readBatch = async (events: EventStore, projection: AnyProjection, batch: Batch): Promise<{ events: PositionedEvent[]; deadLetters: ProjectionDeadLetter[] }> => {
  const read: PositionedEvent[] = [];
  const deadLetters: ProjectionDeadLetter[] = [];
  for (const message of batch.messages) {
    const at = { topic: batch.topic, partition: batch.partition, offset: message.offset };
    const letter = { ...at, key: message.key, value: message.value };
    try {
      const event = await events.codec.decode(message.value);
      const rejection = rejectionOf(projection, events.topics, batch.topic, event);
      if (rejection) deadLetters.push({ ...letter, ...rejection });
      else read.push({ ...at, event });
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      deadLetters.push({ ...letter, code: error.code, reason: error.message });
    }
  }
  return { events: read, deadLetters };
};

const reportDeadLetters = (logger: Logger, projection: AnyProjection, deadLetters: readonly ProjectionDeadLetter[]): void => {
  for (const { topic, partition, offset, code, reason } of deadLetters) {
    metrics.deadLetters.inc({ topic, code });
    logger.warn({ projection: projection.name, topic, partition, offset, code, reason }, 'message dead-lettered: the projection moved past it');
  }
};

export const projectionGroup = (projection: AnyProjection): string => `railsewa-projection-${projection.name}`;

/**
 * Runs a registered projection live: reads its topics from its own checkpoints (never the group's offsets), and
 * applies the batches of one partition number from every topic in one transaction with their checkpoints, partition
 * numbers side by side. A batch that does not continue the stored checkpoint (a rebuild swapped in tables that are
 * behind) is answered by reading the partition again from the checkpoint. A message it cannot apply is
 * dead-lettered (a row of projection_dead_letters with the reason) on the transaction that moves the checkpoint past it;
 * so is an event the projection fails to apply, once its batch has failed three times and it alone fails. The live
 * tables' runner publishes those rows to `<topic>.dlq` once committed, and at start what an earlier run left.
 */
export const startProjectionRunner = async (deps: ProjectionRunnerDeps): Promise<Subscription> => {
  const { projection, store } = deps;
  const generation = deps.generation ?? liveTables(projection);
  const topics = projectionTopics(projection, deps.events.topics);
  const groupId = deps.groupId ?? groupName(deps.events.topics, projectionGroup(projection));
  /** per partition it owns, where it has read up to and applied: a stored checkpoint below it was swapped in */
  const read = new Map<string, { topic: string; partition: number; next: number }>();
  const consumer: { subscription?: Subscription } = {};
  // Only the live tables' runner: a rebuild meets the same dead letters again.
  const relay = deps.generation ? null : deadLetterRelay({ log: deps.events.log, store, logger: deps.logger, projection: projection.name });
  /** per partition number, how many times in a row its transaction failed */
  const failures = new Map<number, number>();
  const apply = async (slices: ProjectionSlice[]): Promise<AppliedProjectionSlices> => {
    const partition = slices[0].partition;
    try {
      const applied = await store.transaction((tx) => applyProjectionSlices(store, tx, projection, generation, slices));
      failures.delete(partition);
      return applied;
    } catch (error) {
      const failed = (failures.get(partition) ?? 0) + 1;
      failures.set(partition, failed);
      if (failed < ATTEMPTS_BEFORE_ONE_BY_ONE) throw error;
      // The same batch has failed every time: find the event that fails it, dead-letter it and apply the rest.
      failures.delete(partition);
      deps.logger.warn({ err: error, projection: projection.name, partition, attempts: failed }, 'batch keeps failing: applying its events one by one');
      return applyOneByOne(store, projection, generation, slices);
    }
  };
  const queue = new PartitionQueue<ProjectionSlice, SeekRequest | null>(async (slices) => {
    const { events, deadLetters, seeks } = await apply(slices);
    slices.forEach((slice, i) => {
      if (!seeks[i]) read.set(slotOf(slice.topic, slice.partition), { topic: slice.topic, partition: slice.partition, next: slice.nextOffset });
    });
    // Counted once, by the live tables' runner: a rebuild meets the same dead letters again.
    if (deadLetters.length > 0 && relay) {
      reportDeadLetters(deps.logger, projection, deadLetters);
      relay.kick();
    }
    if (events.length > 0) deps.onCommitted?.(events);
    return seeks;
  });
  const subscription = await deps.events.log.subscribe({
    groupId,
    topics,
    fromBeginning: true,
    maxBatchSize: 20_000,
    concurrency: 6 * topics.length,
    loadPositions: async (topic, partitions) => {
      // A new assignment starts every partition it holds at its checkpoint.
      for (const [slot, at] of read) if (at.topic === topic) read.delete(slot);
      const positions = await loadCheckpoints(store, generation.checkpoints, topic);
      for (const partition of partitions) read.set(slotOf(topic, partition), { topic, partition, next: positions.get(partition) ?? 0 });
      return positions;
    },
    eachBatch: async (batch) => {
      const { events, deadLetters } = await readBatch(deps.events, projection, batch);
      const seek = await queue.submit(batch.partition, {
        topic: batch.topic,
        partition: batch.partition,
        startOffset: batch.from,
        nextOffset: batch.next,
        events,
        deadLetters,
        messages: batch.messages,
      });
      if (seek) throw seek;
      await deps.onBatch?.();
    },
  });
  consumer.subscription = subscription;
  // Rows an earlier run committed but did not publish (it stopped or crashed first).
  relay?.kick();
  // A rebuild may swap in tables behind what this runner has read (events appended while it ran): a partition
  // that gets no new event would never show the runner a batch past its checkpoint, so it looks for them itself.
  const swapCheck = async () => {
    for (const topic of topics) {
      // What was read before the checkpoints are: a batch committed meanwhile moves both on.
      const before = [...read].filter(([, at]) => at.topic === topic);
      const stored = await loadCheckpoints(store, generation.checkpoints, topic);
      for (const [slot, at] of before) {
        const checkpoint = stored.get(at.partition) ?? 0;
        if (checkpoint >= at.next || read.get(slot) !== at) continue;
        read.delete(slot);
        deps.logger.info({ projection: projection.name, topic, partition: at.partition, checkpoint }, 'tables swapped in behind the runner: reading again from the checkpoint');
        consumer.subscription?.seek(topic, at.partition, checkpoint);
      }
    }
  };
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    swapCheck()
      .catch((error: unknown) => deps.logger.warn({ err: error, projection: projection.name }, 'could not read the checkpoints'))
      .finally(() => (checking = false));
  }, deps.swapCheckMs ?? SWAP_CHECK_MS);
  timer.unref();
  return {
    ...subscription,
    stop: async () => {
      clearInterval(timer);
      await subscription.stop();
      await relay?.stop();
    },
  };
};
