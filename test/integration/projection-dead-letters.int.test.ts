import type { ComplaintEvent } from '../../src/events/complaint';
import type { OutgoingMessage } from '../../src/eventlog/event-log';
import { metrics } from '../../src/metrics';
import { loadCheckpoints } from '../../src/projections/checkpoints';
import { complaintHistoryProjection } from '../../src/projections/complaint-history';
import { listDeadLetters } from '../../src/projections/dead-letters';
import { liveTables, type AnyProjection } from '../../src/projections/projection';
import { projectionStatuses } from '../../src/projections/status';
import { startProjectionRunner } from '../../src/roles/projection-runner';
import { startTweetsProjector } from '../../src/roles/projector';
import { deadLetterTopic } from '../../src/events/topics';
import { LIVE_TWEETS_TABLES } from '../../src/store/tweets-tables';
import type { Runtime } from '../../src/runtime';
import { aComplaintAcknowledged, aComplaintClassified, aComplaintReceived } from '../support/fixtures';
import { aPoisonedClassification, UNKNOWN_SCHEMA_ID, wire } from '../support/poison-messages';
import { logEngines } from '../support/runtime-on';
import { until } from '../support/until';

const history = liveTables(complaintHistoryProjection);

const historyIds = async (runtime: Runtime): Promise<string[]> =>
  (await runtime.store.query<{ event_id: string }>(`SELECT event_id FROM ${history.tables.history} ORDER BY event_id`)).map((r) => r.event_id);

const deadLetterCount = async (topic: string): Promise<number> =>
  (await metrics.deadLetters.get()).values.filter((v) => v.labels.topic === topic).reduce((sum, v) => sum + v.value, 0);

/** An event as its producer writes it, under another key: every message keyed `key` lands in one partition. */
const keyed = (runtime: Runtime, key: string, event: ComplaintEvent): OutgoingMessage => ({ ...runtime.events.toMessage(event), key });

describe.each(logEngines('dlq'))('a projection runner meeting messages it cannot apply, on %s', (_, open) => {
  let runtime: Runtime;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ runtime, dispose } = await open());
  }, 120_000);
  afterAll(() => dispose?.());

  it('dead-letters each with its reason on the transaction that moves the checkpoint past it, once, and projects the good ones', async () => {
    const { raw, responses } = runtime.topics;
    const first = aComplaintReceived();
    const key = first.data.complaintId;
    // Another complaint's event, under the first one's key: read after the poison, in the same partition.
    const second = aComplaintReceived();
    const poison: OutgoingMessage[] = [
      { key, value: wire(runtime.events.codec.schemaIdOf('ComplaintReceived'), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]) },
      { key, value: wire(UNKNOWN_SCHEMA_ID, [0x02, 0x41]) },
      // A valid event on a topic its type does not belong on.
      keyed(runtime, key, aComplaintClassified(key)),
    ];
    const [{ partition }] = await runtime.events.log.append(raw, [runtime.events.toMessage(first)]);
    const poisoned = await runtime.events.log.append(raw, poison);
    await runtime.events.log.append(raw, [keyed(runtime, key, second)]);
    const acknowledged = aComplaintAcknowledged(key);
    await runtime.events.append([acknowledged]);
    expect(poisoned.every((p) => p.partition === partition)).toBe(true);

    const counted = await deadLetterCount(raw);
    const caughtUp = async () => {
      for (const topic of [raw, responses]) {
        const [ends, checkpoints] = await Promise.all([runtime.events.log.endOffsets(topic), loadCheckpoints(runtime.store, history.checkpoints, topic)]);
        for (const [p, end] of ends) if ((checkpoints.get(p) ?? 0) < end) return false;
      }
      return true;
    };
    const good = [first, second, acknowledged].map((e) => e.metadata.eventId).sort();

    let running = await startProjectionRunner({ ...runtime, projection: complaintHistoryProjection });
    try {
      await until(caughtUp, 'the runner to read past the poison');
    } finally {
      await running.stop();
    }
    expect(await historyIds(runtime)).toEqual(good);
    const letters = await listDeadLetters(runtime.store, complaintHistoryProjection.name);
    expect(letters.map(({ topic, partition: p, offset, code, key: k }) => ({ topic, partition: p, offset, code, key: k }))).toEqual(
      poisoned.map(({ offset }, i) => ({ topic: raw, partition, offset, code: ['bad_avro', 'unknown_schema', 'unexpected_type'][i], key })),
    );
    expect(letters[0].reason).toMatch(/does not match schema/);
    expect(letters[1].reason).toBe(`schema id ${UNKNOWN_SCHEMA_ID} is not registered`);
    expect(letters[2].reason).toBe(`ComplaintClassified does not belong on ${raw}`);
    expect((await loadCheckpoints(runtime.store, history.checkpoints, raw)).get(partition)).toBe(poisoned[2].offset + 2);
    expect((await deadLetterCount(raw)) - counted).toBe(3);
    expect((await projectionStatuses(runtime.events, runtime.store, [complaintHistoryProjection]))[0].deadLetters).toBe(3);

    // A restart reads on from the checkpoint: nothing is applied or dead-lettered again.
    const third = aComplaintReceived();
    await runtime.events.log.append(raw, [keyed(runtime, key, third)]);
    running = await startProjectionRunner({ ...runtime, projection: complaintHistoryProjection });
    try {
      await until(caughtUp, 'the restarted runner to read the next event');
    } finally {
      await running.stop();
    }
    expect(await historyIds(runtime)).toEqual([...good, third.metadata.eventId].sort());
    expect(await listDeadLetters(runtime.store, complaintHistoryProjection.name)).toEqual(letters);
    expect((await deadLetterCount(raw)) - counted).toBe(3);
  }, 120_000);

  it('dead-letters an event the projection fails to apply, once its batch keeps failing, and applies the rest', async () => {
    const { raw } = runtime.topics;
    // complaint_history as it would be with a bug that throws on one complaint's text.
    const failing: AnyProjection = {
      ...complaintHistoryProjection,
      apply: async (context, events) => {
        if (events.some(({ event }) => event.type === 'ComplaintReceived' && event.data.text.includes('boom'))) throw new Error('cannot store boom');
        await complaintHistoryProjection.apply(context, events);
      },
    };
    const first = aComplaintReceived();
    const key = first.data.complaintId;
    const boom = aComplaintReceived({ text: 'Coach S3: boom box too loud' });
    const last = aComplaintReceived();
    const before = await historyIds(runtime);
    const [, bad] = await runtime.events.log.append(raw, [first, boom, last].map((e) => keyed(runtime, key, e)));
    const checkpointOf = async () => (await loadCheckpoints(runtime.store, history.checkpoints, raw)).get(bad.partition) ?? 0;
    const failed = async () => (await listDeadLetters(runtime.store, complaintHistoryProjection.name)).filter((l) => l.code === 'apply_failed');
    const counted = await deadLetterCount(raw);

    let running = await startProjectionRunner({ ...runtime, projection: failing });
    try {
      await until(async () => (await checkpointOf()) === bad.offset + 2, 'the runner to apply the events around the failing one');
    } finally {
      await running.stop();
    }
    expect(await historyIds(runtime)).toEqual([...before, first.metadata.eventId, last.metadata.eventId].sort());
    const letters = await failed();
    expect(letters).toEqual([
      expect.objectContaining({ topic: raw, partition: bad.partition, offset: bad.offset, key, reason: `complaint_history could not apply ComplaintReceived ${boom.metadata.eventId}: cannot store boom` }),
    ]);
    // The message's own key and bytes, for its .dlq topic: not the complaint id the event has.
    const [stored] = await runtime.store.query<{ message_value: Buffer }>(
      `SELECT message_value FROM projection_dead_letters WHERE projection = ? AND topic = ? AND partition_no = ? AND offset_no = ?`,
      [complaintHistoryProjection.name, raw, bad.partition, bad.offset],
    );
    expect(Buffer.from(stored.message_value).equals(keyed(runtime, key, boom).value)).toBe(true);
    expect((await deadLetterCount(raw)) - counted).toBe(1);

    const next = aComplaintReceived();
    const [appended] = await runtime.events.log.append(raw, [keyed(runtime, key, next)]);
    running = await startProjectionRunner({ ...runtime, projection: failing });
    try {
      await until(async () => (await checkpointOf()) === appended.offset + 1, 'the restarted runner to read the next event');
    } finally {
      await running.stop();
    }
    expect(await historyIds(runtime)).toEqual([...before, first.metadata.eventId, last.metadata.eventId, next.metadata.eventId].sort());
    expect(await failed()).toEqual(letters);
    expect((await deadLetterCount(raw)) - counted).toBe(1);
  }, 120_000);

  it('the tweets projector too: an undecodable classification is dead-lettered on the transaction that moves the checkpoint past it', async () => {
    const { classified } = runtime.topics;
    const { key, bad } = await aPoisonedClassification(runtime, [0x01]);
    const checkpointOf = async () => (await loadCheckpoints(runtime.store, LIVE_TWEETS_TABLES.checkpoints, classified)).get(bad.partition) ?? 0;
    const predictionOf = async (id: string) =>
      (await runtime.store.query<{ prediction: number | null }>(`SELECT prediction FROM ${LIVE_TWEETS_TABLES.tweets} WHERE tweet_id = ?`, [id]))[0]?.prediction ?? null;
    const counted = await deadLetterCount(classified);

    let running = await startTweetsProjector({ ...runtime });
    try {
      await until(async () => (await checkpointOf()) === bad.offset + 2 && (await predictionOf(key)) !== null, 'the projector to read past the poison');
    } finally {
      await running.stop();
    }
    const letters = await listDeadLetters(runtime.store, 'tweets');
    expect(letters).toEqual([expect.objectContaining({ topic: classified, partition: bad.partition, offset: bad.offset, code: 'unknown_schema', key })]);
    expect((await deadLetterCount(classified)) - counted).toBe(1);
    // Published to the dead-letter topic once committed (stop() waits for the relay's run in hand).
    const dlqEnd = async () => [...(await runtime.events.log.endOffsets(deadLetterTopic(classified))).values()].reduce((a, b) => a + b, 0);
    expect(await dlqEnd()).toBe(1);

    await runtime.events.append([aComplaintClassified(key)]);
    running = await startTweetsProjector({ ...runtime });
    try {
      await until(async () => (await checkpointOf()) === bad.offset + 3, 'the restarted projector to read the next classification');
    } finally {
      await running.stop();
    }
    expect(await listDeadLetters(runtime.store, 'tweets')).toEqual(letters);
    expect((await deadLetterCount(classified)) - counted).toBe(1);
    expect(await dlqEnd()).toBe(1);
  }, 120_000);
});
