import { DecodeError } from '../events/codec';
import { groupName } from '../events/topics';
import type { SeekRequest, Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { loadCheckpoints } from '../projections/checkpoints';
import { liveTables, projectionTopics, type AnyProjection, type GenerationTables, type PositionedEvent } from '../projections/projection';
import { applyProjectionSlices, type ProjectionSlice } from '../projections/projection-batch';
import type { ReadStore } from '../store/read-store';
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
}

export const projectionGroup = (projection: AnyProjection): string => `railsewa-projection-${projection.name}`;

/**
 * Runs a registered projection live: reads its topics from its own checkpoints (never the group's offsets), and
 * applies the batches of one partition number from every topic in one transaction with their checkpoints, partition
 * numbers side by side. A batch that does not continue the stored checkpoint (a rebuild swapped in tables that are
 * behind) is answered by reading the partition again from the checkpoint.
 */
export const startProjectionRunner = async (deps: ProjectionRunnerDeps): Promise<Subscription> => {
  const { projection, store } = deps;
  const generation = deps.generation ?? liveTables(projection);
  const topics = projectionTopics(projection, deps.events.topics);
  const groupId = deps.groupId ?? groupName(deps.events.topics, projectionGroup(projection));
  const queue = new PartitionQueue<ProjectionSlice, SeekRequest | null>(async (slices) => {
    const { events, seeks } = await store.transaction((tx) => applyProjectionSlices(store, tx, projection, generation, slices));
    if (events.length > 0) deps.onCommitted?.(events);
    return seeks;
  });
  return deps.events.log.subscribe({
    groupId,
    topics,
    fromBeginning: true,
    maxBatchSize: 20_000,
    concurrency: 6 * topics.length,
    loadPositions: (topic) => loadCheckpoints(store, generation.checkpoints, topic),
    eachBatch: async (batch) => {
      const events: PositionedEvent[] = [];
      for (const message of batch.messages) {
        try {
          events.push({ topic: batch.topic, partition: batch.partition, offset: message.offset, event: await deps.events.codec.decode(message.value) });
        } catch (error) {
          // The classifier and the tweets projector dead-letter what cannot be read; here it is only left out.
          if (!(error instanceof DecodeError)) throw error;
        }
      }
      const seek = await queue.submit(batch.partition, {
        topic: batch.topic,
        partition: batch.partition,
        startOffset: batch.from,
        nextOffset: batch.next,
        events,
      });
      if (seek) throw seek;
      await deps.onBatch?.();
    },
  });
};
