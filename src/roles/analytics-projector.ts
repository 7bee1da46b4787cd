import { unusableComplaintReason } from '../commands/complaint';
import { DecodeError } from '../events/codec';
import { allTopics, groupName } from '../events/topics';
import type { SeekRequest, Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { applyAnalyticsSlices, type AppliedAnalytics } from '../projections/analytics';
import { loadCheckpoints } from '../projections/checkpoints';
import type { PositionedEvent, TweetSlice } from '../projections/tweets';
import { LIVE_ANALYTICS_TABLES, type AnalyticsTables } from '../store/analytics-tables';
import type { ReadStore } from '../store/read-store';
import { PartitionQueue } from './partition-queue';

export const ANALYTICS_GROUP = 'railsewa-projector-analytics';

export interface AnalyticsProjectorDeps {
  events: EventStore;
  store: ReadStore;
  logger: Logger;
  tables?: AnalyticsTables;
  groupId?: string;
  /** called after a transaction that changed complaints' rows has committed */
  onCommitted?: (applied: AppliedAnalytics) => void;
  /** called after every batch */
  onBatch?: () => Promise<void>;
}

/**
 * Projects every event topic into the analytics read model, from its own checkpoints. Unlike the tweets projector
 * nothing waits for a classification: a complaint's buckets follow from its row whatever order its events come in.
 * Undecodable messages are dead-lettered by the classifier and the tweets projector; here they are only left out.
 */
export const startAnalyticsProjector = async (deps: AnalyticsProjectorDeps): Promise<Subscription> => {
  const tables = deps.tables ?? LIVE_ANALYTICS_TABLES;
  const topics = allTopics(deps.events.topics);
  const queue = new PartitionQueue<TweetSlice, SeekRequest | null>(async (slices) => {
    const { applied, seeks } = await deps.store.transaction((tx) => applyAnalyticsSlices(deps.store, tx, tables, slices));
    if (applied.complaintIds.length > 0) deps.onCommitted?.(applied);
    return seeks;
  });
  return deps.events.log.subscribe({
    groupId: deps.groupId ?? groupName(deps.events.topics, ANALYTICS_GROUP),
    topics,
    fromBeginning: true,
    maxBatchSize: 20_000,
    concurrency: 6 * topics.length,
    loadPositions: (topic) => loadCheckpoints(deps.store, tables.checkpoints, topic),
    eachBatch: async (batch) => {
      const events: PositionedEvent[] = [];
      for (const message of batch.messages) {
        try {
          const event = await deps.events.codec.decode(message.value);
          if (unusableComplaintReason(event) === null) events.push({ offset: message.offset, event });
        } catch (error) {
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
