import { DecodeError } from '../events/codec';
import { allTopics } from '../events/topics';
import { deadLetterRecords, type DeadLetter } from '../eventlog/dead-letter';
import type { Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { loadCheckpoints } from '../projections/checkpoints';
import { applyTweetEvents, type AppliedBatch, type PositionedEvent } from '../projections/tweets';
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
  const groupId = deps.groupId ?? PROJECTOR_GROUP;
  return deps.events.log.subscribe({
    groupId,
    topics: allTopics(deps.events.topics),
    fromBeginning: true,
    maxBatchSize: 2000,
    loadPositions: (topic) => loadCheckpoints(deps.store, tables.checkpoints, topic),
    eachBatch: async (batch) => {
      const events: PositionedEvent[] = [];
      const dead: DeadLetter[] = [];
      for (const message of batch.messages) {
        try {
          events.push({ offset: message.offset, event: await deps.events.codec.decode(message.value) });
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          // raw_tweets is dead-lettered by the classifier; the other topics are only read here.
          if (batch.topic !== deps.events.topics.raw) dead.push({ message, code: error.code, reason: error.message });
        }
      }
      for (const records of deadLetterRecords(groupId, dead)) await deps.events.log.append(records.topic, records.messages);
      const range = { firstOffset: batch.messages[0].offset, nextOffset: batch.messages[batch.messages.length - 1].offset + 1 };
      const applied = await deps.store.transaction((tx) =>
        applyTweetEvents(deps.store, tx, tables, batch.topic, batch.partition, range, events),
      );
      if (applied.rows.length > 0) deps.onCommitted?.(applied);
      await deps.onBatch?.();
    },
  });
};
