import { groupName } from '../events/topics';
import { randomUUID } from 'node:crypto';
import { allTopics } from '../events/topics';
import type { Subscription } from '../eventlog/event-log';
import type { EventStore } from '../eventlog/event-store';
import type { Logger } from '../logger';
import { analyticsProjection } from '../projections/analytics';
import { loadAllCheckpoints, loadCheckpoints, slotOf } from '../projections/checkpoints';
import { liveTables } from '../projections/projection';
import type { ReadStore } from '../store/read-store';
import { LIVE_TWEETS_TABLES } from '../store/migrations';
import { FeedBacklog } from './feed-backlog';

const POLL_MS = 50;
/** a fetch waits for this much (about a tenth of a second of complaints at 1,000/s) or FETCH_MAX_WAIT_MS */
const FETCH_MIN_BYTES = 64 * 1024;
const FETCH_MAX_WAIT_MS = 100;
const GIVE_UP_MS = 60_000;
/** how often the analytics checkpoints are read while batches wait for them */
const ANALYTICS_POLL_MS = 250;

/**
 * Positions (per topic partition) that the analytics projection must pass before `changed` is called: batches read
 * by the feed add theirs, and a timer calls `changed` once the projection's checkpoints cover any of them. Positions
 * it has not covered within GIVE_UP_MS are dropped (the projection is not running, or far behind).
 */
class AnalyticsWatch {
  private readonly waiting = new Map<string, { topic: string; partition: number; next: number; since: number }>();
  private readonly timer: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly store: ReadStore,
    private readonly checkpoints: string,
    private readonly changed: () => void,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.check(), ANALYTICS_POLL_MS);
    this.timer.unref();
  }

  passed(topic: string, partition: number, next: number): void {
    const slot = slotOf(topic, partition);
    const since = this.waiting.get(slot)?.since ?? Date.now();
    this.waiting.set(slot, { topic, partition, next, since });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    if (this.checking || this.waiting.size === 0) return;
    this.checking = true;
    try {
      const topics = new Set([...this.waiting.values()].map((w) => w.topic));
      let covered = false;
      for (const topic of topics) {
        const positions = await loadCheckpoints(this.store, this.checkpoints, topic);
        for (const [slot, w] of this.waiting) {
          if (w.topic !== topic) continue;
          if ((positions.get(w.partition) ?? 0) >= w.next) {
            this.waiting.delete(slot);
            covered = true;
          } else if (Date.now() - w.since > GIVE_UP_MS) this.waiting.delete(slot);
        }
      }
      if (covered) this.changed();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not read the analytics checkpoints; will try again');
    } finally {
      this.checking = false;
    }
  }
}

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
  const analyticsChanged = deps.analyticsChanged;
  const watch = analyticsChanged && new AnalyticsWatch(deps.store, liveTables(analyticsProjection).checkpoints, analyticsChanged, deps.logger);
  const backlog = new FeedBacklog(GIVE_UP_MS);
  let polling = false;
  const poll = async (): Promise<void> => {
    if (polling || backlog.size === 0) return;
    polling = true;
    try {
      const released = backlog.release(await loadAllCheckpoints(deps.store, LIVE_TWEETS_TABLES.checkpoints), Date.now());
      for (const batch of released.gaveUp) {
        deps.logger.warn({ topic: batch.topic, partition: batch.partition, next: batch.next }, 'projection is behind; announcing anyway');
      }
      if (released.complaintIds.length > 0) deps.changed(released.complaintIds);
      for (const batch of [...released.passed, ...released.gaveUp]) watch?.passed(batch.topic, batch.partition, batch.next);
    } catch (error) {
      deps.logger.warn({ err: error }, 'could not read the projection\'s checkpoints; will try again');
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), deps.pollMs ?? POLL_MS);
  timer.unref();
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
      backlog.add({ topic: batch.topic, partition: batch.partition, next: batch.next, complaintIds, since: Date.now() });
    },
  });
  return {
    ...subscription,
    stop: async () => {
      clearInterval(timer);
      watch?.stop();
      await subscription.stop();
    },
  };
};
