import { loadConfig } from '../../src/config';
import type { ComplaintEvent } from '../../src/events/complaint';
import { allTopics } from '../../src/events/topics';
import type { Subscription } from '../../src/eventlog/event-log';
import { partitionFor } from '../../src/eventlog/partitioner';
import { silentLogger } from '../../src/logger';
import { loadCheckpoints } from '../../src/projections/checkpoints';
import { startTweetsProjector } from '../../src/roles/projector';
import { openRuntime, type Runtime } from '../../src/runtime';
import { LIVE_TWEETS_TABLES } from '../../src/store/migrations';
import { aComplaintClassified, aComplaintReceived } from '../support/fixtures';
import { tempDir } from '../support/temp';

const CAP = 30;

describe('a projector behind the log commits at most a bounded number of events per transaction (embedded)', () => {
  let runtime: Runtime;
  let temp: ReturnType<typeof tempDir>;
  let projector: Subscription | undefined;

  beforeEach(async () => {
    temp = tempDir();
    runtime = await openRuntime(loadConfig({ DATA_DIR: temp.dir, LOG_LEVEL: 'silent' }, '/nonexistent/.env'), silentLogger());
  });
  afterEach(async () => {
    await projector?.stop();
    await runtime.close();
    temp.remove();
  });

  it('applies every event once, in each partition\'s order, and moves the checkpoints to the end of the log', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `behind-${String(i).padStart(3, '0')}`);
    await runtime.events.append(ids.map((complaintId) => aComplaintReceived({ complaintId })));
    await runtime.events.append(ids.map((id) => aComplaintClassified(id, { prediction: 0, category: 'cleanliness' })));
    const topics = allTopics(runtime.events.topics);
    const ends = new Map<string, Map<number, number>>();
    for (const topic of topics) ends.set(topic, await runtime.events.log.endOffsets(topic));
    const atEnd = async () => {
      for (const topic of topics) {
        const checkpoints = await loadCheckpoints(runtime.store, LIVE_TWEETS_TABLES.checkpoints, topic);
        for (const [partition, end] of ends.get(topic)!) if (end > 0 && checkpoints.get(partition) !== end) return false;
      }
      return true;
    };

    const transactions: ComplaintEvent[][] = [];
    projector = await startTweetsProjector({
      events: runtime.events,
      store: runtime.store,
      logger: silentLogger(),
      hold: { holdMs: 600_000, maxHeld: 20_000 },
      maxPerTransaction: CAP,
      onCommitted: (applied) => transactions.push(applied.events),
    });
    while (!(await atEnd())) await new Promise((r) => setTimeout(r, 20));

    for (const events of transactions) expect(events.length).toBeLessThanOrEqual(CAP);
    expect(transactions.length).toBeGreaterThanOrEqual((2 * ids.length) / CAP);
    const applied = transactions.flat();
    expect(applied).toHaveLength(2 * ids.length);
    const partitions = ends.get(runtime.events.topics.raw)!.size;
    for (let p = 0; p < partitions; p++) {
      const inPartition = ids.filter((id) => partitionFor(id, partitions) === p);
      for (const type of ['ComplaintReceived', 'ComplaintClassified']) {
        expect(applied.filter((e) => e.type === type && partitionFor(e.data.complaintId, partitions) === p).map((e) => e.data.complaintId)).toEqual(inPartition);
      }
    }
    const rows = await runtime.store.query<{ tweet_id: string; classified_event_id: string | null }>('SELECT tweet_id, classified_event_id FROM tweets ORDER BY tweet_id');
    expect(rows.map((r) => r.tweet_id)).toEqual(ids);
    expect(rows.filter((r) => r.classified_event_id === null)).toEqual([]);
  });
});
