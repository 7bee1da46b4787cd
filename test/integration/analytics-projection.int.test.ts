import { randomUUID } from 'node:crypto';
import type { ComplaintEvent, ComplaintRelabeled } from '../../src/events/complaint';
import { analyticsProjection, dumpAnalytics, readAnalytics } from '../../src/projections/analytics';
import { createCheckpointsTable, loadCheckpoints } from '../../src/projections/checkpoints';
import { readGenerations } from '../../src/projections/generations';
import { generationTables, liveTables, type GenerationTables } from '../../src/projections/projection';
import { applyProjectionSlices } from '../../src/projections/projection-batch';
import { migrateProjections } from '../../src/projections/registry';
import { rebuildRegistered, startProjections } from '../../src/roles/projections';
import type { Runtime } from '../../src/runtime';
import type { AnalyticsTables } from '../../src/store/analytics-tables';
import { migrate } from '../../src/store/migrations';
import type { ReadStore } from '../../src/store/read-store';
import { mariadbEngine, sqliteEngine, type Engine } from '../support/engines';
import { aComplaintAcknowledged, aComplaintAssigned, aComplaintClassified, aComplaintReceived, aResponseGiven } from '../support/fixtures';
import { runtimeOn } from '../support/runtime-on';
import { until } from '../support/until';

interface PositionedEvent {
  offset: number;
  event: ComplaintEvent;
}

const RAW = 'raw_tweets';
const CLASSIFIED = 'classified_tweets';
const RESPONSES = 'tweet_responses';

const aComplaintRelabeled = (complaintId: string, prediction: 0 | 1, category: string, relabeledAt: string): ComplaintRelabeled => ({
  type: 'ComplaintRelabeled',
  data: { complaintId, prediction, category, relabeledBy: 'ravi', relabeledAt },
  metadata: { eventId: randomUUID(), occurredAt: relabeledAt, correlationId: complaintId, causationId: null },
});

const topicOf = (event: ComplaintEvent): string =>
  event.type === 'ComplaintReceived' ? RAW : event.type === 'ComplaintClassified' ? CLASSIFIED : RESPONSES;

/** A complaint's events at minutes past 2026-12-04T08:00Z: received, classified, maybe reclassified and answered. */
const complaintEvents = (i: number): ComplaintEvent[] => {
  const at = (minutes: number) => new Date(Date.parse('2026-12-04T08:00:00.000Z') + minutes * 60_000).toISOString();
  const received = aComplaintReceived({ receivedAt: at(i * 7), source: i % 3 === 0 ? 'web' : 'telegram' });
  const id = received.data.complaintId;
  const events: ComplaintEvent[] = [
    received,
    aComplaintClassified(id, {
      prediction: i % 4 === 0 ? 1 : 0,
      category: ['medical', 'cleanliness', 'water', 'security'][i % 4],
      review: i % 4 === 1,
      train: i % 5 === 0 ? null : ['12951', '12952', '22691'][i % 3],
      language: i % 2 === 0 ? 'en' : 'hi',
      classifiedAt: at(i * 7 + 0.1),
    }),
  ];
  if (i % 3 === 1) events.push(aComplaintClassified(id, { prediction: 1, category: 'security', train: '12951', classifiedAt: at(i * 7 + 30) }));
  if (i % 2 === 0) events.push(aComplaintAcknowledged(id, at(i * 7 + 2)), aResponseGiven(id, { respondedAt: at(i * 7 + 5) }));
  if (i % 5 === 3) events.push(aComplaintAssigned(id, 'asha', at(i * 7 + 1)));
  if (i % 6 === 5) events.push(aComplaintRelabeled(id, 0, 'water', at(i * 7 + 40)));
  return events;
};

/** Events spread over topics and two partitions as the log would hold them (each complaint on one partition). */
const logOf = (events: ComplaintEvent[]) => {
  const log = new Map<string, PositionedEvent[]>();
  for (const event of events) {
    const partition = event.data.complaintId.charCodeAt(0) % 2;
    const slot = `${topicOf(event)}/${partition}`;
    const positioned = log.get(slot) ?? [];
    positioned.push({ offset: positioned.length, event });
    log.set(slot, positioned);
  }
  return log;
};

describe.each([
  ['SQLite', sqliteEngine],
  ['MariaDB', () => mariadbEngine('analytics')],
])('analytics projection on %s', (_, open) => {
  let engine: Engine;
  let store: ReadStore;
  let generations = 0;
  const tablesOf = (generation: GenerationTables) => generation.tables as unknown as AnalyticsTables;
  const generation = async (): Promise<GenerationTables> => {
    const tables = generationTables(analyticsProjection, `g${generations++}`);
    await analyticsProjection.createTables(store, tablesOf(tables), { rebuild: true });
    await createCheckpointsTable(store, tables.checkpoints);
    return tables;
  };
  beforeAll(async () => {
    engine = await open();
    store = engine.store;
    await migrate(store);
    await migrateProjections(store);
  });
  afterAll(() => engine?.dispose());

  /** One partition's events through the projection runner's transaction: rows and checkpoints together. */
  const apply = (generation: GenerationTables, slot: string, events: PositionedEvent[], startOffset?: number) => {
    const [topic, partition] = slot.split('/');
    return store.transaction(async (tx) => {
      const { events: applied, seeks } = await applyProjectionSlices(store, tx, analyticsProjection, generation, [
        {
          topic,
          partition: Number(partition),
          startOffset,
          nextOffset: events.at(-1)!.offset + 1,
          events: events.map((e) => ({ topic, partition: Number(partition), ...e })),
        },
      ]);
      if (seeks[0]) throw seeks[0];
      return [...new Set(applied.map((e) => e.event.data.complaintId))];
    });
  };
  const dump = (generation: GenerationTables) => dumpAnalytics(store, tablesOf(generation));

  const events = Array.from({ length: 24 }, (_, i) => complaintEvents(i)).flat();

  it('gives the same rows whatever the order of topics, partitions and batches, and when replayed twice', async () => {
    const log = logOf(events);
    const slots = [...log.keys()].sort();

    // Topic by topic, one batch each.
    const inOrder = await generation();
    for (const slot of slots) await apply(inOrder, slot, log.get(slot)!);

    // Responses first, then classifications, then the complaints, one event per transaction, partitions side by side.
    const reversed = await generation();
    for (const slot of [...slots].reverse()) {
      for (const positioned of log.get(slot)!) await apply(reversed, slot, [positioned]);
    }

    // Every partition of every topic at once, in concurrent transactions (on MariaDB they contend for buckets).
    const concurrent = await generation();
    await Promise.all(slots.map((slot) => apply(concurrent, slot, log.get(slot)!)));

    const expected = await dump(inOrder);
    expect(expected.complaints).toHaveLength(24);
    expect(expected.hourly.reduce((n, row) => n + Number(row.complaints), 0)).toBe(24);
    expect(await dump(reversed)).toEqual(expected);
    expect(await dump(concurrent)).toEqual(expected);

    // Replayed twice from offset 0 into a fresh checkpoint table (a rebuild that re-reads): nothing changes.
    const again = { ...inOrder, checkpoints: (await generation()).checkpoints };
    for (const slot of slots) await apply(again, slot, log.get(slot)!);
    expect(await dump(inOrder)).toEqual(expected);
  });

  it('applied twice, changed once; the checkpoint skips what it covers', async () => {
    const tables = await generation();
    const received = aComplaintReceived({ receivedAt: '2026-12-04T09:30:00.000Z' });
    const batch = [
      { offset: 0, event: received },
      { offset: 1, event: aComplaintClassified(received.data.complaintId, { prediction: 1, category: 'medical' }) },
    ];
    expect(await apply(tables, `${RAW}/0`, batch)).toEqual([received.data.complaintId]);
    expect(await apply(tables, `${RAW}/0`, batch)).toEqual([]);
    expect((await loadCheckpoints(store, tables.checkpoints, RAW)).get(0)).toBe(2);
    const rows = await dump(tables);
    expect(rows.hourly).toEqual([
      expect.objectContaining({ hour: '2026-12-04T09:00:00.000Z', category: 'medical', triage: 'emergency', complaints: 1, emergencies: 1 }),
    ]);
  });

  it('moves a reclassified complaint between buckets and drops the bucket it left', async () => {
    const tables = await generation();
    const received = aComplaintReceived({ receivedAt: '2026-12-04T10:05:00.000Z' });
    const id = received.data.complaintId;
    await apply(tables, `${RAW}/0`, [{ offset: 0, event: received }]);
    await apply(tables, `${CLASSIFIED}/0`, [{ offset: 0, event: aComplaintClassified(id, { prediction: 0, category: 'water', train: '12951' }) }]);
    await apply(tables, `${CLASSIFIED}/0`, [
      { offset: 1, event: aComplaintClassified(id, { prediction: 1, category: 'medical', train: '22691', classifiedAt: '2026-12-04T10:30:00.000Z' }) },
    ]);
    const rows = await dump(tables);
    expect(rows.hourly.map((row) => [row.category, row.triage, row.complaints])).toEqual([['medical', 'emergency', 1]]);
    expect(rows.trains.map((row) => [row.train, row.complaints, row.emergencies])).toEqual([['22691', 1, 1]]);
  });

  it('answers the Trends figures: per hour, per day for 30 days, top categories and trains, first-response times', async () => {
    const log = logOf(events);
    for (const [slot, positioned] of log) await apply(liveTables(analyticsProjection), slot, positioned);
    const now = new Date('2026-12-05T07:59:00.000Z');
    const day = await readAnalytics(store, '24h', now);
    expect(day).toMatchObject({ range: '24h', bucket: 'hour', from: '2026-12-04T08:00:00.000Z', to: '2026-12-05T08:00:00.000Z' });
    expect(day.series).toHaveLength(24);
    // 24 complaints, one every 7 minutes from 08:00 (the last at 10:41): 9 in the 08:00 hour, 9 at 09:00 and 6 at 10:00.
    expect(day.series.slice(0, 4).map((b) => b.complaints)).toEqual([9, 9, 6, 0]);
    expect(day.totals.complaints).toBe(24);
    // Emergencies: i % 4 == 0 (6) and reclassified i % 3 == 1 not already counted (6 of 8), less relabeled i % 6 == 5 among them.
    const expectedEmergencies = Array.from({ length: 24 }, (_, i) => i).filter((i) => (i % 6 === 5 ? false : i % 4 === 0 || i % 3 === 1)).length;
    expect(day.totals.emergencies).toBe(expectedEmergencies);
    expect(day.series.reduce((n, b) => n + b.emergencies, 0)).toBe(expectedEmergencies);
    // First responses: the even complaints (acknowledged 2 minutes in) and the assigned odd ones (1 minute in).
    const responded = Array.from({ length: 24 }, (_, i) => i).filter((i) => i % 2 === 0 || i % 5 === 3);
    const seconds = responded.map((i) => (i % 5 === 3 ? 60 : 120));
    expect(day.first_response).toEqual({ count: responded.length, mean_seconds: Math.round(seconds.reduce((a, b) => a + b, 0) / seconds.length) });
    expect(day.top_categories[0]).toEqual({ category: 'security', complaints: expect.any(Number), emergencies: expect.any(Number) });
    expect(day.top_categories.reduce((n, c) => n + c.complaints, 0)).toBe(24);
    // Every complaint of 12952 (i % 3 == 1) was reclassified onto 12951.
    expect(day.top_trains.map((t) => t.train)).toEqual(['12951', '22691']);
    expect(day.top_trains.reduce((n, t) => n + t.complaints, 0)).toBe(24 - 5 + 1); // 5 without a train, one of them reclassified with one

    const month = await readAnalytics(store, '30d', now);
    expect(month).toMatchObject({ bucket: 'day', totals: { complaints: 24 } });
    expect(month.series).toHaveLength(30);
    expect(month.series.at(-2)).toMatchObject({ start: '2026-12-04T00:00:00.000Z', complaints: 24 });

    // A week later the day shows nothing, the week still everything.
    const later = new Date('2026-12-10T12:00:00.000Z');
    expect((await readAnalytics(store, '24h', later)).totals.complaints).toBe(0);
    expect((await readAnalytics(store, '7d', later)).totals.complaints).toBe(24);
  });
});

describe.each([['SQLite', 'sqlite' as const], ['MariaDB', 'mariadb' as const]])('analytics live and rebuilt, embedded log and %s', (_, engine) => {
  let runtime: Runtime;
  let dispose: () => Promise<void>;
  const live = liveTables(analyticsProjection);
  beforeAll(async () => {
    ({ runtime, dispose } = await runtimeOn(engine, 'analyticslive'));
  });
  afterAll(() => dispose?.());

  const caughtUp = async () => {
    for (const topic of [runtime.topics.raw, runtime.topics.classified, runtime.topics.responses]) {
      const ends = await runtime.events.log.endOffsets(topic);
      const checkpoints = await loadCheckpoints(runtime.store, live.checkpoints, topic);
      for (const [partition, end] of ends) if ((checkpoints.get(partition) ?? 0) < end) return false;
    }
    return true;
  };

  it('runs from the registry, and `projections rebuild analytics` swaps in rows equal to the live ones', async () => {
    const events = Array.from({ length: 30 }, (_, i) => complaintEvents(i));
    for (const complaint of events) await runtime.events.append(complaint);
    const projected: string[] = [];
    const running = await startProjections(runtime, (name, ids) => name === 'analytics' && projected.push(...ids), [analyticsProjection]);
    try {
      await until(caughtUp, 'the live analytics projection to reach the end of every topic');
      expect(new Set(projected)).toEqual(new Set(events.map((e) => e[0].data.complaintId)));
      const rows = await dumpAnalytics(runtime.store);
      expect(rows.complaints).toHaveLength(30);

      const rebuilt = await rebuildRegistered(analyticsProjection, runtime);
      expect(rebuilt.events).toBe(events.flat().length);
      expect(await dumpAnalytics(runtime.store)).toEqual(rows);
      expect((await readGenerations(runtime.store)).get('analytics')).toMatchObject({ generation: 2, version: 1 });

      const later = complaintEvents(30);
      await runtime.events.append(later);
      await until(async () => (await dumpAnalytics(runtime.store)).complaints.length === 31, 'the live runner to carry on after the swap');
      await until(caughtUp, 'the live projection to catch up after the swap');
    } finally {
      await running.stop();
    }
  });
});
