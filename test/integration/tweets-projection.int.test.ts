import { SeekRequest } from '../../src/eventlog/event-log';
import type { ComplaintEvent } from '../../src/events/complaint';
import { loadCheckpoints } from '../../src/projections/checkpoints';
import { applyTweetSlices, findTweet, listTweets, readStats, recountStats, type PositionedEvent } from '../../src/projections/tweets';
import { LIVE_TWEETS_TABLES as T, migrate } from '../../src/store/migrations';
import type { ReadStore, SqlExecutor } from '../../src/store/read-store';
import { freshMysqlStore } from '../support/services';
import { mariadbEngine, sqliteEngine, type Engine } from '../support/engines';
import {
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintReopened,
  aComplaintResolved,
  aResponseGiven,
} from '../support/fixtures';

/** One partition's events through `applyTweetSlices`; the seek it answers when the table is behind is thrown. */
const applyTweetEvents = async (
  store: ReadStore,
  tx: SqlExecutor,
  tables: typeof T,
  topic: string,
  partition: number,
  range: { nextOffset: number; startOffset?: number },
  events: PositionedEvent[],
) => {
  const { applied, seeks } = await applyTweetSlices(store, tx, tables, [{ topic, partition, ...range, events }]);
  if (seeks[0]) throw seeks[0];
  return applied;
};

const sqlite = sqliteEngine;
const mariadb = () => mariadbEngine('projection');

describe.each([
  ['SQLite', sqlite],
  ['MariaDB', mariadb],
])('tweets projection on %s', (_, open) => {
  let engine: Engine;
  let store: ReadStore;
  beforeAll(async () => {
    engine = await open();
    store = engine.store;
    await migrate(store);
  });
  afterAll(() => engine?.dispose());

  const apply = (topic: string, partition: number, from: number | undefined, events: PositionedEvent[]) =>
    store.transaction((tx) =>
      applyTweetEvents(store, tx, T, topic, partition, { nextOffset: events.at(-1)!.offset + 1, startOffset: from }, events),
    );

  it('applied twice, changed once: rows, stats and checkpoint', async () => {
    const received = aComplaintReceived();
    const id = received.data.complaintId;
    const batch = [
      { offset: 0, event: received },
      { offset: 1, event: aComplaintClassified(id, { prediction: 1 }) },
      { offset: 2, event: aResponseGiven(id) },
    ];
    const first = await apply('raw_tweets', 0, undefined, batch);
    expect(first.rows).toHaveLength(1);
    const again = await apply('raw_tweets', 0, undefined, batch);
    expect(again.rows).toEqual([]);
    expect(Number((await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM tweets'))[0].n)).toBe(1);
    expect(await readStats(store)).toEqual({ total: 1, emergency: 1, feedback: 0, responded: 1, pending: 0, review: 0 });
    expect(await readStats(store)).toEqual(await recountStats(store));
    expect((await loadCheckpoints(store, T.checkpoints, 'raw_tweets')).get(0)).toBe(3);
  });

  it('applies only the part of an overlapping batch past the checkpoint', async () => {
    const a = aComplaintReceived();
    const b = aComplaintReceived();
    await apply('raw_tweets', 1, undefined, [{ offset: 0, event: a }]);
    const result = await apply('raw_tweets', 1, 0, [
      { offset: 0, event: a },
      { offset: 1, event: b },
    ]);
    expect(result.rows.map((r) => r.tweet_id)).toEqual([b.data.complaintId]);
    expect((await readStats(store)).total).toBe(3);
  });

  it('accepts a batch that starts past the checkpoint (offsets may jump over transaction markers)', async () => {
    const b = aComplaintReceived();
    expect((await apply('raw_tweets', 5, undefined, [{ offset: 7, event: b }])).rows).toHaveLength(1);
    expect((await loadCheckpoints(store, T.checkpoints, 'raw_tweets')).get(5)).toBe(8);
  });

  it('asks the consumer to seek back when the table is behind where the batch was read from (a rebuild swapped it in), and writes nothing', async () => {
    const c = aComplaintReceived();
    await expect(apply('raw_tweets', 2, 5, [{ offset: 5, event: c }])).rejects.toEqual(new SeekRequest('raw_tweets', 2, 0));
    expect(await store.query('SELECT tweet_id FROM tweets WHERE tweet_id = ?', [c.data.complaintId])).toEqual([]);
    expect((await loadCheckpoints(store, T.checkpoints, 'raw_tweets')).get(2)).toBeUndefined();
  });

  it('stores text with quotes, backslashes, question marks and SQL in it as it is, inserted and updated', async () => {
    const text = `it's "bad" \\ coach? 100% ?? \n'); DROP TABLE tweets; -- \\' \u2028 end`;
    const received = aComplaintReceived({ text, username: "O'Brien \\ ?" });
    const id = received.data.complaintId;
    await apply('raw_tweets', 6, undefined, [{ offset: 0, event: received }]);
    // The classification updates the existing row: the upsert path.
    await apply('raw_tweets', 6, 1, [{ offset: 1, event: aComplaintClassified(id, { prediction: 0, keywords: ["it's", '?'] }) }]);
    const rows = await store.query<{ tweet: string; username: string; keywords: string }>(
      `SELECT tweet, username, keywords FROM ${T.tweets} WHERE tweet_id = ?`,
      [id],
    );
    expect(rows).toEqual([{ tweet: text, username: "O'Brien \\ ?", keywords: JSON.stringify(["it's", '?']) }]);
  });

  it('stores the row with the original columns and reads back the same values', async () => {
    const received = aComplaintReceived({ text: 'ट्रेन 12301 में आग, coach S5 😟', receivedAt: '2026-11-20T10:00:00.123Z' });
    const id = received.data.complaintId;
    await apply('raw_tweets', 4, undefined, [
      { offset: 0, event: received },
      { offset: 1, event: aComplaintClassified(id, { prediction: 1, category: 'safety_incident', keywords: ['आग'] }) },
    ]);
    const [row] = await listTweets(store, { filter: 'emergency', limit: 1, q: id });
    expect(row).toMatchObject({
      tweet_id: id,
      tweet: 'ट्रेन 12301 में आग, coach S5 😟',
      pnr: 4512791357,
      prediction: 1,
      chat_id: 6491883832,
      time: '2026-11-20T10:00:00.123Z',
      keywords: JSON.stringify(['आग']),
      status: 'new',
    });
  });

  it('the workflow: applied twice changes once, and the same rows whichever partition number comes first', async () => {
    const received = aComplaintReceived();
    const id = received.data.complaintId;
    const steps = [
      aComplaintAssigned(id, 'asha', '2026-11-20T10:01:00.000Z', 'ravi'),
      aComplaintNoteAdded(id, 'Called the TTE of coach B3', '2026-11-20T10:02:00.000Z'),
      aResponseGiven(id, { respondedAt: '2026-11-20T10:03:00.000Z' }),
      aComplaintResolved(id, '2026-11-20T10:04:00.000Z'),
      aComplaintReopened(id, '2026-11-20T10:05:00.000Z'),
    ].map((event, offset) => ({ offset, event }));
    // The workflow first (its topic's partition 40), the complaint itself afterwards (raw partition 40).
    await apply('tweet_responses', 40, undefined, steps);
    expect((await store.query<{ status: string }>(`SELECT status FROM ${T.tweets} WHERE tweet_id = ?`, [id]))[0].status).toBe('incomplete');
    const again = await apply('tweet_responses', 40, undefined, steps);
    expect(again.rows).toEqual([]);
    await apply('raw_tweets', 40, undefined, [{ offset: 0, event: received }]);
    const row = (await findTweet(store, id))!;
    expect(row).toMatchObject({
      status: 'reopened', assigned_to: 'asha', assigned_by: 'ravi', notes_count: 1, last_note: 'Called the TTE of coach B3',
      resolved_by: 'asha', reopened_at: '2026-11-20T10:05:00.000Z', response_status: 1,
    });
    // The same events in the other order on a fresh complaint give the same columns.
    const other = aComplaintReceived();
    const otherId = other.data.complaintId;
    await apply('raw_tweets', 41, undefined, [{ offset: 0, event: other }]);
    const otherSteps = steps.map(({ offset, event }) => ({ offset, event: { ...event, data: { ...event.data, complaintId: otherId } } as typeof event }));
    await apply('tweet_responses', 41, undefined, otherSteps);
    await store.transaction((tx) => applyTweetSlices(store, tx, T, [{ topic: 'tweet_responses', partition: 41, nextOffset: 5, events: otherSteps }]));
    const otherRow = (await findTweet(store, otherId))!;
    const columns = (r: typeof row) => ({ ...r, id: 0, tweet_id: '', reference: null, received_event_id: null, search_text: null, updated_at: null, time: null, received_at: null });
    expect(columns(otherRow)).toEqual(columns(row));
    expect(await readStats(store)).toEqual(await recountStats(store));
  });

  it('a received complaint not classified yet has no prediction, not the column default 0', async () => {
    const received = aComplaintReceived();
    await apply('raw_tweets', 9, undefined, [{ offset: 0, event: received }]);
    const rows = await store.query<{ prediction: number | null; status: string; response_status: number }>(
      `SELECT prediction, status, response_status FROM ${T.tweets} WHERE tweet_id = ?`,
      [received.data.complaintId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].prediction).toBeNull();
    expect(rows[0].status).toBe('new');
    expect(Number(rows[0].response_status)).toBe(0);
  });

  it('the review lane: filter=review lists only flagged Feedback, the review stat follows it, a relabel takes it out', async () => {
    const before = await readStats(store);
    const [flagged, routine, emergency] = [aComplaintReceived(), aComplaintReceived(), aComplaintReceived()];
    const events = [
      flagged,
      aComplaintClassified(flagged.data.complaintId, { prediction: 0, review: true }),
      routine,
      aComplaintClassified(routine.data.complaintId, { prediction: 0, review: false }),
      emergency,
      aComplaintClassified(emergency.data.complaintId, { prediction: 1, category: 'medical', review: false }),
    ];
    await apply('review_lane', 0, undefined, events.map((event, offset) => ({ offset, event })));
    const ours = new Set(events.map((e) => e.data.complaintId));
    const lane = async () =>
      (await listTweets(store, { filter: 'review', limit: 500 })).map((r) => r.tweet_id).filter((id) => ours.has(id));
    expect(await lane()).toEqual([flagged.data.complaintId]);
    expect((await readStats(store)).review).toBe(before.review + 1);
    expect(await readStats(store)).toEqual(await recountStats(store));

    const decided = {
      type: 'ComplaintRelabeled' as const,
      data: { complaintId: flagged.data.complaintId, prediction: 1 as const, category: 'security', relabeledBy: 'asha', relabeledAt: '2026-11-20T10:09:00.000Z' },
      metadata: { eventId: 'relabel-review-lane', occurredAt: '2026-11-20T10:09:00.000Z', correlationId: flagged.data.complaintId, causationId: null },
    };
    await apply('review_lane', 0, 6, [{ offset: 6, event: decided }]);
    expect(await lane()).toEqual([]);
    expect(await readStats(store)).toMatchObject({ review: before.review, emergency: before.emergency + 2 });
    expect(await readStats(store)).toEqual(await recountStats(store));
  });

  it('first response and due time: the same whichever topic comes first, and unchanged when replayed', async () => {
    const flows = [0, 1].map(() => {
      const received = aComplaintReceived({ receivedAt: '2026-11-20T10:00:00.000Z' });
      const id = received.data.complaintId;
      return {
        id,
        raw: [received, aComplaintClassified(id, { prediction: 1, category: 'medical' })],
        steps: [aComplaintAssigned(id, 'asha', '2026-11-20T10:09:00.000Z'), aComplaintResolved(id, '2026-11-20T10:20:00.000Z'), aComplaintReopened(id, '2026-11-20T10:30:00.000Z'), aResponseGiven(id, { respondedAt: '2026-11-20T10:40:00.000Z' })],
      };
    });
    const positioned = (events: ComplaintEvent[]) => events.map((event, offset) => ({ offset, event }));
    // raw first for one, the workflow first for the other (each on its own partition numbers), the workflow applied twice
    await apply('fr_raw', 50, undefined, positioned(flows[0].raw));
    await apply('fr_steps', 50, undefined, positioned(flows[0].steps));
    await apply('fr_steps', 51, undefined, positioned(flows[1].steps));
    await apply('fr_raw', 51, undefined, positioned(flows[1].raw));
    const again = await store.transaction((tx) =>
      applyTweetSlices(store, tx, T, [{ topic: 'fr_steps_again', partition: 51, nextOffset: 4, events: positioned(flows[1].steps) }]),
    );
    expect(again.applied.rows).toEqual([]);
    const [a, b] = await Promise.all(flows.map((f) => findTweet(store, f.id)));
    for (const row of [a, b]) {
      expect(row).toMatchObject({
        first_response_at: '2026-11-20T10:09:00.000Z',
        first_response_seconds: 540,
        due_at: '2026-11-20T10:08:00.000Z',
        waiting_due_at: null,
        status: 'responded',
      });
    }
  });

  it('rolls back rows and stats when the transaction fails', async () => {
    const d = aComplaintReceived();
    const statsBefore = await readStats(store);
    await expect(
      store.transaction(async (tx) => {
        await applyTweetEvents(store, tx, T, 'raw_tweets', 3, { nextOffset: 1 }, [{ offset: 0, event: d }]);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await readStats(store)).toEqual(statsBefore);
    expect((await loadCheckpoints(store, T.checkpoints, 'raw_tweets')).get(3)).toBeUndefined();
  });
});

describe('tweets projection on MariaDB, two transactions racing on one new complaint', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await mariadb();
    await migrate(engine.store);
  });
  afterAll(() => engine?.dispose());

  it('the one that inserts second runs again and keeps both events: nothing is lost', async () => {
    const { store } = engine;
    const received = aComplaintReceived();
    const id = received.data.complaintId;
    const classified = aComplaintClassified(id, { prediction: 1 });
    let paused: () => void = () => undefined;
    const reachedInsert = new Promise<void>((resolve) => (paused = resolve));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));

    // The first attempt of the raw_tweets transaction stops between reading the (missing) row and inserting it.
    let attempts = 0;
    const raw = store.transaction((tx) => {
      attempts += 1;
      const first = attempts === 1;
      const pausing: SqlExecutor = {
        query: (sql, params) => tx.query(sql, params),
        execute: async (sql, params) => {
          if (first && sql.startsWith(`INSERT INTO ${T.tweets} `)) {
            paused();
            await gate;
          }
          return tx.execute(sql, params);
        },
      };
      return applyTweetEvents(store, pausing, T, 'raw_tweets', 0, { nextOffset: 1 }, [{ offset: 0, event: received }]);
    });
    await reachedInsert;
    // Meanwhile the classification is projected from the other topic and commits first.
    await store.transaction((tx) =>
      applyTweetEvents(store, tx, T, 'tweet_classifications', 0, { nextOffset: 1 }, [{ offset: 0, event: classified }]),
    );
    release();
    await raw;

    expect(attempts).toBe(2);
    const rows = await store.query<{ tweet: string; prediction: number; received_event_id: string; classified_event_id: string }>(
      `SELECT tweet, prediction, received_event_id, classified_event_id FROM ${T.tweets} WHERE tweet_id = ?`,
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tweet: received.data.text, received_event_id: received.metadata.eventId, classified_event_id: classified.metadata.eventId });
    expect(Number(rows[0].prediction)).toBe(1);
    expect(await readStats(store)).toEqual({ total: 1, emergency: 1, feedback: 0, responded: 0, pending: 1, review: 0 });
    expect(await readStats(store)).toEqual(await recountStats(store));
  });
});

describe('tweets projection on MariaDB, partitions side by side', () => {
  let fresh: Awaited<ReturnType<typeof freshMysqlStore>>;
  beforeAll(async () => {
    fresh = await freshMysqlStore('side_by_side');
    await migrate(fresh.store);
  });
  afterAll(() => fresh?.drop());

  it("reads only its own complaints' rows on a new, empty table: it does not wait for another partition's open transaction", async () => {
    const { store } = fresh;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const reachedGate = new Promise<void>((resolve) => (inserted = resolve));
    // Another partition's transaction has inserted its rows and not committed yet.
    const other = store.transaction(async (tx) => {
      await tx.execute(`INSERT INTO ${T.tweets} (tweet, tweet_id) VALUES ('other partition', 'other-complaint')`);
      inserted();
      await gate;
    });
    await reachedGate;
    const received = Array.from({ length: 300 }, () => aComplaintReceived());
    // A locking read that scanned the table would wait for that row's lock; it would fail after a second here.
    const applied = await store
      .transaction(async (tx) => {
        await tx.execute('SET SESSION innodb_lock_wait_timeout = 1');
        return applyTweetEvents(store, tx, T, 'raw_tweets', 1, { nextOffset: received.length }, received.map((event, offset) => ({ offset, event })));
      })
      .finally(release);
    await other;
    expect(applied.rows.map((r) => r.tweet_id).sort()).toEqual(received.map((e) => e.data.complaintId).sort());
  });
});
