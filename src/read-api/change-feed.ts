import { groupName } from '../events/topics';
import { randomUUID } from 'node:crypto';
import { allTopics } from '../events/topics';
import type { Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { loadCheckpoints } from '../projections/checkpoints';
import type { ReadStore } from '../store/read-store';
import { LIVE_TWEETS_TABLES } from '../store/migrations';

const POLL_MS = 50;
const GIVE_UP_MS = 60_000;

/**
 * Tells an API process about committed changes when the projector runs in another process: it reads the event
 * topics itself (its own group, from the end) and announces a batch's complaints once the projection's checkpoint
 * has passed the batch, so the rows it then reads are committed.
 */
export const startChangeFeed = async (deps: {
  events: EventStore;
  store: ReadStore;
  logger: Logger;
  instanceId: string;
  changed: (complaintIds: string[]) => void;
}): Promise<Subscription> =>
  deps.events.log.subscribe({
    groupId: groupName(deps.events.topics, `railsewa-api-feed-${deps.instanceId}-${randomUUID()}`),
    topics: allTopics(deps.events.topics),
    fromBeginning: false,
    maxBatchSize: 2000,
    eachBatch: async (batch) => {
      const ids = [...new Set(batch.messages.map((m) => m.key).filter((k): k is string => k !== null))];
      const next = batch.messages[batch.messages.length - 1].offset + 1;
      const deadline = Date.now() + GIVE_UP_MS;
      for (;;) {
        const projected = (await loadCheckpoints(deps.store, LIVE_TWEETS_TABLES.checkpoints, batch.topic)).get(batch.partition) ?? 0;
        if (projected >= next) break;
        if (Date.now() > deadline) {
          deps.logger.warn({ topic: batch.topic, partition: batch.partition, next, projected }, 'projection is behind; announcing anyway');
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      deps.changed(ids);
    },
  });
