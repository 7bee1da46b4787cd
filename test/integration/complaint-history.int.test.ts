import type { ComplaintEvent } from '../../src/events/complaint';
import { loadCheckpoints } from '../../src/projections/checkpoints';
import { complaintHistoryProjection, readComplaintHistory } from '../../src/projections/complaint-history';
import { readGenerations } from '../../src/projections/generations';
import { liveTables, type Projection, type PositionedEvent } from '../../src/projections/projection';
import { applyProjectionSlices, type ProjectionSlice } from '../../src/projections/projection-batch';
import { migrateProjections } from '../../src/projections/registry';
import { startProjectionRunner } from '../../src/roles/projection-runner';
import { rebuildRegistered, startProjections } from '../../src/roles/projections';
import type { Runtime } from '../../src/runtime';
import type { ReadStore } from '../../src/store/read-store';
import { mariadbEngine, sqliteEngine, type Engine } from '../support/engines';
import {
  aComplaintAcknowledged,
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintReopened,
  aComplaintResolved,
  aResponseGiven,
} from '../support/fixtures';
import { runtimeOn } from '../support/runtime-on';
import { until } from '../support/until';

const history = liveTables(complaintHistoryProjection);

/** One complaint's life: received, classified, and an admin's workflow on it. */
const lifeOf = (): ComplaintEvent[] => {
  const received = aComplaintReceived();
  const id = received.data.complaintId;
  return [
    received,
    aComplaintClassified(id, { prediction: 1, category: 'security' }),
    aComplaintAcknowledged(id),
    aComplaintAssigned(id),
    aComplaintNoteAdded(id, 'Called the TTE of coach B3 <b>now</b>'),
    aResponseGiven(id, { respondedAt: '2026-11-20T10:05:00.000Z' }),
    aComplaintResolved(id),
    aComplaintReopened(id),
  ];
};

const TOPIC_OF: Record<string, string> = { ComplaintReceived: 'raw_tweets', ComplaintClassified: 'classified_tweets' };
const topicOf = (event: ComplaintEvent) => TOPIC_OF[event.type] ?? 'tweet_responses';

/** The events as slices, one per topic and partition, offsets counted per slice. */
const slicesOf = (events: ComplaintEvent[], partitionOf: (e: ComplaintEvent) => number): ProjectionSlice[] => {
  const slices = new Map<string, ProjectionSlice>();
  for (const event of events) {
    const topic = topicOf(event);
    const partition = partitionOf(event);
    const slice = slices.get(`${topic}/${partition}`) ?? { topic, partition, nextOffset: 0, events: [] };
    slice.events.push({ topic, partition, offset: slice.nextOffset, event });
    slice.nextOffset += 1;
    slices.set(`${topic}/${partition}`, slice);
  }
  return [...slices.values()];
};

const dump = async (store: ReadStore, table = history.tables.history) =>
  store.query<Record<string, unknown>>(`SELECT event_id, complaint_id, type, at, actor, changes FROM ${table} ORDER BY event_id`);

describe.each([
  ['SQLite', sqliteEngine],
  ['MariaDB', () => mariadbEngine('history')],
])('complaint_history on %s', (_, open) => {
  let engine: Engine;
  let store: ReadStore;
  beforeAll(async () => {
    engine = await open();
    store = engine.store;
    await migrateProjections(store, [complaintHistoryProjection]);
  });
  afterAll(() => engine?.dispose());

  const apply = (slices: ProjectionSlice[], projection: Projection = complaintHistoryProjection) =>
    store.transaction((tx) => applyProjectionSlices(store, tx, projection, history, slices));

  it("records a complaint's life in order, with who and what changed; applied twice, written once", async () => {
    const events = lifeOf();
    const id = events[0].data.complaintId;
    const slices = slicesOf(events, () => 0);
    await apply(slices);
    const once = await dump(store);
    const again = await apply(slices);
    expect(again.events).toEqual([]);
    expect(await dump(store)).toEqual(once);
    const entries = await readComplaintHistory(store, id);
    expect(entries.map((e) => [e.type, e.by])).toEqual([
      ['ComplaintReceived', 'passenger'],
      ['ComplaintClassified', 'classifier'],
      ['ComplaintAcknowledged', 'asha'],
      ['ComplaintAssigned', 'ravi'],
      ['ComplaintNoteAdded', 'asha'],
      ['ResponseGiven', 'admin'],
      ['ComplaintResolved', 'asha'],
      ['ComplaintReopened', 'ravi'],
    ]);
    expect(entries[3].changes).toEqual({ assigned_to: 'asha', status: 'in_progress' });
    expect(entries[4].changes).toEqual({ note: 'Called the TTE of coach B3 <b>now</b>' });
    expect(entries.map((e) => e.eventId)).toEqual(events.map((e) => e.metadata.eventId));
    expect(await loadCheckpoints(store, history.checkpoints, 'tweet_responses')).toEqual(new Map([[0, 6]]));
  });

  it('gives the same rows whatever the order across partitions and topics, and with batches replayed', async () => {
    const lives = [lifeOf(), lifeOf(), lifeOf()];
    const partitionOf = (e: ComplaintEvent) => lives.findIndex((l) => l[0].data.complaintId === e.data.complaintId) + 10;
    const slices = slicesOf(lives.flat(), partitionOf);
    const ids = lives.map((l) => l[0].data.complaintId);
    const other = await open();
    try {
      await migrateProjections(other.store, [complaintHistoryProjection]);
      // Here every slice on its own, the last first, each twice; there all at once.
      for (const slice of [...slices].reverse()) {
        await apply([slice]);
        await apply([slice]);
      }
      await other.store.transaction((tx) => applyProjectionSlices(other.store, tx, complaintHistoryProjection, history, slices));
      const mine = (await dump(store)).filter((r) => ids.includes(r.complaint_id as string));
      expect(mine).toHaveLength(24);
      expect(mine).toEqual(await dump(other.store));
      for (const id of ids) expect(await readComplaintHistory(store, id)).toEqual(await readComplaintHistory(other.store, id));
    } finally {
      await other.dispose();
    }
  });

  it('saves the checkpoints in the same transaction as the rows: a failed batch leaves neither', async () => {
    const events = lifeOf();
    const failing: Projection = {
      ...complaintHistoryProjection,
      apply: async (context, batch) => {
        await complaintHistoryProjection.apply(context, batch);
        throw new Error('the disk is full');
      },
    };
    const slice = { ...slicesOf(events, () => 3)[0] };
    await expect(apply([slice], failing)).rejects.toThrow('the disk is full');
    expect(await readComplaintHistory(store, events[0].data.complaintId)).toEqual([]);
    expect((await loadCheckpoints(store, history.checkpoints, slice.topic)).get(3)).toBeUndefined();
    await apply([slice]);
    expect(await readComplaintHistory(store, events[0].data.complaintId)).toHaveLength(1);
    expect((await loadCheckpoints(store, history.checkpoints, slice.topic)).get(3)).toBe(1);
  });

  it('skips events below the checkpoint, and answers a batch that starts past it with a seek', async () => {
    const a = aComplaintReceived();
    const b = aComplaintReceived();
    const c = aComplaintReceived();
    const at = (offset: number, event: ComplaintEvent): PositionedEvent => ({ topic: 'raw_tweets', partition: 4, offset, event });
    await apply([{ topic: 'raw_tweets', partition: 4, startOffset: 0, nextOffset: 1, events: [at(0, a)] }]);
    const overlapping = await apply([{ topic: 'raw_tweets', partition: 4, startOffset: 0, nextOffset: 2, events: [at(0, a), at(1, b)] }]);
    expect(overlapping.events.map((e) => e.event.data.complaintId)).toEqual([b.data.complaintId]);
    const ahead = await apply([{ topic: 'raw_tweets', partition: 4, startOffset: 5, nextOffset: 6, events: [at(5, c)] }]);
    expect(ahead.events).toEqual([]);
    expect(ahead.seeks[0]).toMatchObject({ topic: 'raw_tweets', partition: 4, offset: 2 });
    expect(await readComplaintHistory(store, c.data.complaintId)).toEqual([]);
  });
});

describe.each([['SQLite', 'sqlite' as const], ['MariaDB', 'mariadb' as const]])('the registry live and rebuilt, embedded log and %s', (_, engine) => {
  let runtime: Runtime;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ runtime, dispose } = await runtimeOn(engine, 'historylive'));
  });
  afterAll(() => dispose?.());

  const caughtUp = async () => {
    for (const topic of [runtime.topics.raw, runtime.topics.classified, runtime.topics.responses]) {
      const ends = await runtime.events.log.endOffsets(topic);
      const checkpoints = await loadCheckpoints(runtime.store, history.checkpoints, topic);
      for (const [partition, end] of ends) if ((checkpoints.get(partition) ?? 0) < end) return false;
    }
    return true;
  };

  it('runs complaint_history live, and a rebuild swaps in rows equal to the live ones, after which it carries on', async () => {
    const lives = Array.from({ length: 40 }, lifeOf);
    for (const life of lives) await runtime.events.append(life);
    const projected: string[] = [];
    const running = await startProjections(runtime, (name, ids) => name === 'complaint_history' && projected.push(...ids), [complaintHistoryProjection]);
    try {
      await until(caughtUp, 'the live projection to reach the end of every topic');
      expect(new Set(projected)).toEqual(new Set(lives.map((l) => l[0].data.complaintId)));
      const live = await dump(runtime.store);
      expect(live).toHaveLength(40 * 8);
      expect((await readGenerations(runtime.store)).get('complaint_history')?.generation).toBe(1);

      const progress: number[] = [];
      const rebuilt = await rebuildRegistered(complaintHistoryProjection, runtime, ({ applied }) => progress.push(applied));
      expect(rebuilt.events).toBe(40 * 8);
      expect(progress.at(-1)).toBe(40 * 8);
      expect(await dump(runtime.store)).toEqual(live);
      expect((await readGenerations(runtime.store)).get('complaint_history')).toMatchObject({ generation: 2, version: 1 });

      const later = lifeOf();
      await runtime.events.append(later);
      await until(async () => (await readComplaintHistory(runtime.store, later[0].data.complaintId)).length === 8, 'the live runner to carry on after the swap');
      await until(caughtUp, 'the live projection to catch up after the swap');
      expect(await dump(runtime.store)).toHaveLength(41 * 8);
    } finally {
      await running.stop();
    }
  });

  it('reads again from the checkpoints when tables behind what it has read are swapped in, with no new event', async () => {
    const running = await startProjectionRunner({ ...runtime, projection: complaintHistoryProjection, swapCheckMs: 50 });
    try {
      await until(caughtUp, 'the runner to start at the end of every topic');
      const live = await dump(runtime.store);
      expect(live).toHaveLength(41 * 8);
      // What a swap leaves when the rebuild stopped short of events the live runner had already applied.
      await runtime.store.transaction(async (tx) => {
        await tx.execute(`DELETE FROM ${history.tables.history} WHERE type <> 'ComplaintReceived'`);
        await tx.execute(`UPDATE ${history.checkpoints} SET next_offset = 0 WHERE topic <> ?`, [runtime.topics.raw]);
      });
      await until(async () => (await dump(runtime.store)).length === live.length, 'the runner to apply the missing events again');
      expect(await dump(runtime.store)).toEqual(live);
      await until(caughtUp, 'the checkpoints back at the end');
    } finally {
      await running.stop();
    }
  });
});
