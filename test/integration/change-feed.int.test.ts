import type { Subscription } from '../../src/eventlog/event-log';
import { partitionFor } from '../../src/eventlog/partitioner';
import { saveCheckpoints } from '../../src/projections/checkpoints';
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

  const checkpoint = (partition: number, nextOffset: number) =>
    runtime.store.transaction((tx) =>
      saveCheckpoints(runtime.store, tx, LIVE_TWEETS_TABLES.checkpoints, [{ topic: runtime.events.topics.raw, partition, nextOffset }]),
    );

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
});
