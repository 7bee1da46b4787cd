import type { ConsumerOptions, EventLog, Subscription } from '../../src/eventlog/event-log';
import { EventStore } from '../../src/eventlog/event-store';
import { silentLogger } from '../../src/logger';
import type { HoldSettings } from '../../src/roles/classification-hold';
import { startTweetsProjector } from '../../src/roles/projector';
import { aComplaintClassified, aComplaintReceived } from '../support/fixtures';
import { newDeployment, type StackDeployment } from '../support/stack';
import { until } from '../support/until';

/** Complaints wait for their classification as long as the test needs; a partition pauses past three waiting. */
const PAUSE_EARLY: HoldSettings = { holdMs: 600_000, maxHeld: 3 };

/** The log, with a record of which raw partitions its subscription has paused and how often raw was assigned. */
const recordingLog = (log: EventLog, raw: string) => {
  const paused = new Set<number>();
  let rawAssignments = 0;
  const wrapped: EventLog = {
    engine: log.engine,
    ensureTopics: (specs) => log.ensureTopics(specs),
    append: (topic, messages) => log.append(topic, messages),
    endOffsets: (topic) => log.endOffsets(topic),
    close: () => log.close(),
    subscribe: async (options: ConsumerOptions): Promise<Subscription> => {
      const subscription = await log.subscribe({
        ...options,
        loadPositions: (topic, partitions) => {
          if (topic === raw) rawAssignments += 1;
          return options.loadPositions!(topic, partitions);
        },
      });
      return {
        stop: () => subscription.stop(),
        seek: (topic, partition, offset) => subscription.seek(topic, partition, offset),
        pause: (topic, partition) => {
          if (topic === raw) paused.add(partition);
          subscription.pause(topic, partition);
        },
        resume: (topic, partition) => {
          if (topic === raw) paused.delete(partition);
          subscription.resume(topic, partition);
        },
      };
    },
  };
  return { log: wrapped, paused, rawAssignments: () => rawAssignments };
};

describe('a projector whose raw partitions are paused when the group rebalances (Kafka, MariaDB)', () => {
  let deployment: StackDeployment;
  const running: Subscription[] = [];

  beforeAll(async () => {
    deployment = await newDeployment('rebalance');
  });
  afterAll(async () => {
    for (const projector of running.splice(0)) await projector.stop();
    await deployment?.dispose();
  });

  it('reads them again after the new assignment, so every held complaint is written', async () => {
    const { runtime } = deployment;
    const raw = runtime.events.topics.raw;
    const recorded = recordingLog(runtime.events.log, raw);
    const first = new EventStore(recorded.log, runtime.events.codec, runtime.events.topics);
    running.push(await startTweetsProjector({ events: first, store: runtime.store, logger: silentLogger(), hold: PAUSE_EARLY }));

    // Sixty complaints over six partitions, none classified: each partition holds more than three and pauses.
    const received = Array.from({ length: 60 }, (_, i) => aComplaintReceived({ complaintId: `held-${String(i).padStart(2, '0')}`, text: `AC not working, complaint ${i}` }));
    await runtime.events.append(received);
    await until(() => recorded.paused.size === 6, 'the first projector to pause every raw partition');
    const assignments = recorded.rawAssignments();

    // A second projector joins the group: the first gets a new assignment while its partitions are paused.
    running.push(await startTweetsProjector({ events: runtime.events, store: runtime.store, logger: silentLogger(), hold: PAUSE_EARLY }));
    await until(() => recorded.rawAssignments() > assignments, 'the group to rebalance');

    const ids = received.map((e) => e.data.complaintId);
    await runtime.events.append(ids.map((id) => aComplaintClassified(id, { prediction: 0, category: 'electrical' })));
    const written = () =>
      runtime.store.query<{ tweet_id: string; tweet: string; status: string; classified_event_id: string | null }>(
        `SELECT tweet_id, tweet, status, classified_event_id FROM tweets WHERE tweet_id IN (${ids.map(() => '?').join(', ')}) ORDER BY tweet_id`,
        ids,
      );
    // A row from the classification alone has no text: the complaint itself must have been read.
    await until(async () => (await written()).filter((r) => r.tweet !== '' && r.status === 'new' && r.classified_event_id !== null).length === ids.length, 'every complaint written with its text and classification', 90_000);
    expect((await written()).map((r) => r.tweet)).toEqual(received.map((e) => e.data.text));
  });
});
