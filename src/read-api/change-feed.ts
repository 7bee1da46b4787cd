import { groupName } from '../events/topics';
import { randomUUID } from 'node:crypto';
import { allTopics } from '../events/topics';
import type { Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { analyticsProjection } from '../projections/analytics';
import { loadAllCheckpoints } from '../projections/checkpoints';
import { liveTables } from '../projections/projection';
import type { ReadStore } from '../store/read-store';
import { LIVE_TWEETS_TABLES } from '../store/migrations';
import { FeedBacklog, type Released, type WaitingBatch } from './feed-backlog';

const POLL_MS = 50;
/** a fetch waits for this much (about a tenth of a second of complaints at 1,000/s) or FETCH_MAX_WAIT_MS */
const FETCH_MIN_BYTES = 64 * 1024;
const FETCH_MAX_WAIT_MS = 100;
const GIVE_UP_MS = 60_000;
/** how often the analytics projection's checkpoints are read while batches wait for them */
const ANALYTICS_POLL_MS = 250;

/**
 * Batches waiting for a projection's checkpoints: every `pollMs` while any wait, one read of its checkpoints table
 * releases those it passed and those that waited longer than GIVE_UP_MS.
 */
const checkpointWaiter = (deps: {
  store: ReadStore;
  checkpoints: string;
  pollMs: number;
  logger: Logger;
  released: (released: Released) => void;
}): { add: (batch: WaitingBatch) => void; stop: () => void } => {
  const backlog = new FeedBacklog(GIVE_UP_MS);
  let polling = false;
  const poll = async (): Promise<void> => {
    if (polling || backlog.size === 0) return;
    polling = true;
    try {
      deps.released(backlog.release(await loadAllCheckpoints(deps.store, deps.checkpoints), Date.now()));
    } catch (error) {
      deps.logger.warn({ err: error, checkpoints: deps.checkpoints }, 'could not read the projection\'s checkpoints; will try again');
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), deps.pollMs);
  timer.unref();
  return { add: (batch) => backlog.add(batch), stop: () => clearInterval(timer) };
};

/**
 * The batches the tweets projection passed (or gave up on), waiting in turn for the analytics projection: `changed`
 * is called when its checkpoints pass any of them. Those it has not passed within GIVE_UP_MS are dropped without a
 * call (the projection is not running, or far behind).
 */
const analyticsWaiter = (store: ReadStore, changed: () => void, logger: Logger): ReturnType<typeof checkpointWaiter> =>
  checkpointWaiter({
    store,
    checkpoints: liveTables(analyticsProjection).checkpoints,
    pollMs: ANALYTICS_POLL_MS,
    logger,
    released: (released) => {
      if (released.passed.length > 0) changed();
    },
  });

/**
 * Tells an API process about committed changes when the projector runs in another process: it reads the event
 * topics itself (its own group, from the end) and announces a batch's complaints once the projection's checkpoint
 * has passed the batch, so the rows it then reads are committed. Batches wait in a backlog while reading goes on:
 * every POLL_MS one read of the checkpoints releases all that they passed (waiting in the batch handler held up
 * every other partition behind the one that waited, and the feed fell ever further behind the topics).
 */
export const startChangeFeed = async (deps: {
  events: EventStore;
  store: ReadStore;
  logger: Logger;
  instanceId: string;
  changed: (complaintIds: string[]) => void;
  /** the analytics projection's checkpoints passed a batch the feed read (the Trends view refetches) */
  analyticsChanged?: () => void;
  /** how often the checkpoints are read while batches wait (50 ms unless given) */
  pollMs?: number;
}): Promise<Subscription> => {
  const analytics = deps.analyticsChanged && analyticsWaiter(deps.store, deps.analyticsChanged, deps.logger);
  const tweets = checkpointWaiter({
    store: deps.store,
    checkpoints: LIVE_TWEETS_TABLES.checkpoints,
    pollMs: deps.pollMs ?? POLL_MS,
    logger: deps.logger,
    released: (released) => {
      for (const batch of released.gaveUp) {
        deps.logger.warn({ topic: batch.topic, partition: batch.partition, next: batch.next }, 'projection is behind; announcing anyway');
      }
      if (released.complaintIds.length > 0) deps.changed(released.complaintIds);
      // the analytics wait starts now, and needs only the position
      for (const batch of [...released.passed, ...released.gaveUp]) analytics?.add({ ...batch, complaintIds: [], since: Date.now() });
    },
  });
  const subscription = await deps.events.log.subscribe({
    groupId: groupName(deps.events.topics, `railsewa-api-feed-${deps.instanceId}-${randomUUID()}`),
    topics: allTopics(deps.events.topics),
    fromBeginning: false,
    maxBatchSize: 2000,
    // a group of its own that nothing resumes: its offsets only show operators where it is
    commitInBackground: true,
    // Its handler returns at once: let the broker gather a fetch's worth rather than answer every few messages.
    fetch: { minBytes: FETCH_MIN_BYTES, maxWaitMs: FETCH_MAX_WAIT_MS },
    eachBatch: async (batch) => {
      const complaintIds = [...new Set(batch.messages.map((m) => m.key).filter((k): k is string => k !== null))];
      tweets.add({ topic: batch.topic, partition: batch.partition, next: batch.next, complaintIds, since: Date.now() });
    },
  });
  return {
    ...subscription,
    stop: async () => {
      tweets.stop();
      analytics?.stop();
      await subscription.stop();
    },
  };
};
