import { unusableComplaintReason } from '../commands/complaint';
import { DecodeError } from '../events/codec';
import { allTopics, groupName } from '../events/topics';
import { deadLetterRecords, type DeadLetter } from '../eventlog/dead-letter';
import type { SeekRequest, Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { loadCheckpoints, slotOf } from '../projections/checkpoints';
import { applyTweetSlices, type AppliedBatch, type PositionedEvent, type TweetSlice } from '../projections/tweets';
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
  /** called after every batch, applied or skipped */
  onBatch?: () => Promise<void>;
}

/**
 * Projects every event topic into the tweets read model. Positions come from the projection's own checkpoint table
 * (written in the same transaction as the rows), never from the group's committed offsets.
 */
export const startTweetsProjector = async (deps: ProjectorDeps): Promise<Subscription> => {
  const tables = deps.tables ?? LIVE_TWEETS_TABLES;
  const groupId = deps.groupId ?? groupName(deps.events.topics, PROJECTOR_GROUP);
  /** per topic partition, the checkpoint this projector last committed */
  const written = new Map<string, number>();
  const queue = new PartitionQueue<TweetSlice, SeekRequest | null>(async (slices) => {
    const { applied, seeks } = await deps.store.transaction((tx) => applyTweetSlices(deps.store, tx, tables, slices));
    slices.forEach((slice, i) => {
      const slot = slotOf(slice.topic, slice.partition);
      if (seeks[i]) written.delete(slot);
      else written.set(slot, Math.max(slice.nextOffset, written.get(slot) ?? 0));
    });
    if (applied.rows.length > 0) deps.onCommitted?.(applied);
    return seeks;
  });
  return deps.events.log.subscribe({
    groupId,
    topics: allTopics(deps.events.topics),
    fromBeginning: true,
    // A whole fetched batch in one transaction, so a partition number's batches from every topic arrive together.
    maxBatchSize: 20_000,
    // Every topic's batches of a fetch in hand at once (six partitions each by default): the queue merges those of
    // one partition number into one transaction and runs different partition numbers side by side.
    concurrency: 6 * allTopics(deps.events.topics).length,
    loadPositions: (topic) => loadCheckpoints(deps.store, tables.checkpoints, topic),
    eachBatch: async (batch) => {
      const events: PositionedEvent[] = [];
      const dead: DeadLetter[] = [];
      for (const message of batch.messages) {
        try {
          const event = await deps.events.codec.decode(message.value);
          // Unusable complaints are dead-lettered by the classifier; here they are only left out.
          if (unusableComplaintReason(event) === null) events.push({ offset: message.offset, event });
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          // raw_tweets is dead-lettered by the classifier; the other topics are only read here.
          if (batch.topic !== deps.events.topics.raw) dead.push({ message, code: error.code, reason: error.message });
        }
      }
      for (const records of deadLetterRecords(groupId, dead)) await deps.events.log.append(records.topic, records.messages);
      const seek = await queue.submit(batch.partition, {
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: batch.messages[batch.messages.length - 1].offset + 1,
        expectedCheckpoint: written.get(slotOf(batch.topic, batch.partition)),
        events,
      });
      if (seek) throw seek;
      await deps.onBatch?.();
    },
  });
};
