import type { Subscription } from '../../src/eventlog/event-log';
import { partitionFor } from '../../src/eventlog/partitioner';
import { analyticsProjection } from '../../src/projections/analytics';
import { saveCheckpoints } from '../../src/projections/checkpoints';
import { liveTables } from '../../src/projections/projection';
import { startChangeFeed } from '../../src/read-api/change-feed';
import type { Runtime } from '../../src/runtime';
import { LIVE_TWEETS_TABLES } from '../../src/store/migrations';
import { aComplaintReceived } from '../support/fixtures';
import { runtimeOn } from '../support/runtime-on';
import { until } from '../support/until';

/** A complaint whose events land in the given partition. */
const receivedIn = (partition: number, partitions: number) => {
  for (;;) {
    const event = aComplaintReceived();
    if (partitionFor(event.data.complaintId, partitions) === partition) return event;
  }
};

describe('change feed: an API process without the projector learns of committed changes', () => {
  let runtime: Runtime;
  let dispose: () => Promise<void>;
  let feed: Subscription;
  const announced: string[][] = [];

  beforeAll(async () => {
    ({ runtime, dispose } = await runtimeOn('sqlite', 'change_feed'));
    feed = await startChangeFeed({ ...runtime, instanceId: 'test', changed: (ids) => announced.push(ids), pollMs: 10 });
  });

  afterAll(async () => {
    await feed.stop();
    await dispose();
  });

  const checkpointOf = (table: string) => (partition: number, nextOffset: number) =>
    runtime.store.transaction((tx) => saveCheckpoints(runtime.store, tx, table, [{ topic: runtime.events.topics.raw, partition, nextOffset }]));
  const checkpoint = checkpointOf(LIVE_TWEETS_TABLES.checkpoints);
  const analyticsCheckpoint = checkpointOf(liveTables(analyticsProjection).checkpoints);

  it('announces a partition\'s complaints once the checkpoint passes them, while another partition still waits', async () => {
    const partitions = runtime.config.partitions;
    // the waiting partition comes first, so a feed that waited in the batch handler would hold the other one up
    const waiting = receivedIn(0, partitions);
    const passing = receivedIn(partitions - 1, partitions);
    const [w] = await runtime.events.append([waiting]);
    const [p] = await runtime.events.append([passing]);

    await checkpoint(p.partition, p.offset + 1);
    await until(() => announced.flat().includes(passing.data.complaintId), 'the passed complaint to be announced', 20_000, 10);
    expect(announced.flat()).not.toContain(waiting.data.complaintId);

    await checkpoint(w.partition, w.offset);
    // the checkpoint below the batch's end: still not announced once the next announcement comes
    const other = receivedIn(partitions - 1, partitions);
    const [o] = await runtime.events.append([other]);
    await checkpoint(o.partition, o.offset + 1);
    await until(() => announced.flat().includes(other.data.complaintId), 'a later complaint to be announced', 20_000, 10);
    expect(announced.flat()).not.toContain(waiting.data.complaintId);

    await checkpoint(w.partition, w.offset + 1);
    await until(() => announced.flat().includes(waiting.data.complaintId), 'the waiting complaint to be announced', 20_000, 10);
    expect(announced.flat().filter((id) => id === waiting.data.complaintId)).toHaveLength(1);
  });

  it('tells of an analytics change once the analytics checkpoint passes a batch the tweets projection passed', async () => {
    let analyticsChanges = 0;
    const told: string[] = [];
    const watching = await startChangeFeed({
      ...runtime,
      instanceId: 'test-analytics',
      changed: (ids) => told.push(...ids),
      analyticsChanged: () => (analyticsChanges += 1),
      pollMs: 10,
    });
    try {
      const partitions = runtime.config.partitions;
      const behind = receivedIn(0, partitions);
      const [b] = await runtime.events.append([behind]);
      await checkpoint(b.partition, b.offset + 1);
      await analyticsCheckpoint(b.partition, b.offset);
      await until(() => told.includes(behind.data.complaintId), 'the complaint to be announced', 20_000, 10);

      const passing = receivedIn(partitions - 1, partitions);
      const [p] = await runtime.events.append([passing]);
      await checkpoint(p.partition, p.offset + 1);
      await analyticsCheckpoint(p.partition, p.offset + 1);
      await until(() => analyticsChanges > 0, 'an analytics change for the passed batch', 20_000, 10);

      // had the batch analytics is behind on been let go already, nothing would be left to tell of now
      const before = analyticsChanges;
      await analyticsCheckpoint(b.partition, b.offset + 1);
      await until(() => analyticsChanges > before, 'an analytics change once analytics catches up', 20_000, 10);
    } finally {
      await watching.stop();
    }
  });
});
