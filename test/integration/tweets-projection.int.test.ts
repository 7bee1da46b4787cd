import path from 'node:path';
import { SeekRequest } from '../../src/eventlog/event-log';
import { loadCheckpoints } from '../../src/projections/checkpoints';
import { applyTweetEvents, readStats, recountStats, type PositionedEvent } from '../../src/projections/tweets';
import { LIVE_TWEETS_TABLES as T, migrate } from '../../src/store/migrations';
import { SqliteReadStore } from '../../src/store/sqlite-store';
import { aComplaintClassified, aComplaintReceived, aResponseGiven } from '../support/fixtures';
import { tempDir } from '../support/temp';

describe('tweets projection on SQLite', () => {
  const temp = tempDir();
  const store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
  beforeAll(() => migrate(store));
  afterAll(async () => {
    await store.close();
    temp.remove();
  });

  const apply = (topic: string, partition: number, first: number, events: PositionedEvent[]) =>
    store.transaction((tx) =>
      applyTweetEvents(store, tx, T, topic, partition, { firstOffset: first, nextOffset: events.at(-1)!.offset + 1 }, events),
    );

  it('applied twice, changed once: rows, stats and checkpoint', async () => {
    const received = aComplaintReceived();
    const id = received.data.complaintId;
    const batch = [
      { offset: 0, event: received },
      { offset: 1, event: aComplaintClassified(id, { prediction: 1 }) },
      { offset: 2, event: aResponseGiven(id) },
    ];
    const first = await apply('raw_tweets', 0, 0, batch);
    expect(first.rows).toHaveLength(1);
    const again = await apply('raw_tweets', 0, 0, batch);
    expect(again.rows).toEqual([]);
    expect(await store.query('SELECT COUNT(*) AS n FROM tweets')).toEqual([{ n: 1 }]);
    expect(await readStats(store)).toEqual({ total: 1, emergency: 1, feedback: 0, responded: 1, pending: 0 });
    expect(await readStats(store)).toEqual(await recountStats(store));
    expect((await loadCheckpoints(store, T.checkpoints, 'raw_tweets')).get(0)).toBe(3);
  });

  it('applies only the part of an overlapping batch past the checkpoint', async () => {
    const a = aComplaintReceived();
    const b = aComplaintReceived();
    await apply('raw_tweets', 1, 0, [{ offset: 0, event: a }]);
    const result = await apply('raw_tweets', 1, 0, [
      { offset: 0, event: a },
      { offset: 1, event: b },
    ]);
    expect(result.rows.map((r) => r.tweet_id)).toEqual([b.data.complaintId]);
    expect((await readStats(store)).total).toBe(3);
  });

  it('asks the consumer to seek back when a batch starts after the checkpoint, and writes nothing', async () => {
    const c = aComplaintReceived();
    await expect(apply('raw_tweets', 2, 5, [{ offset: 5, event: c }])).rejects.toEqual(new SeekRequest('raw_tweets', 2, 0));
    expect(await store.query('SELECT tweet_id FROM tweets WHERE tweet_id = ?', [c.data.complaintId])).toEqual([]);
    expect((await loadCheckpoints(store, T.checkpoints, 'raw_tweets')).get(2)).toBeUndefined();
  });

  it('rolls back rows and stats when the transaction fails', async () => {
    const d = aComplaintReceived();
    const statsBefore = await readStats(store);
    await expect(
      store.transaction(async (tx) => {
        await applyTweetEvents(store, tx, T, 'raw_tweets', 3, { firstOffset: 0, nextOffset: 1 }, [{ offset: 0, event: d }]);
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await readStats(store)).toEqual(statsBefore);
    expect((await loadCheckpoints(store, T.checkpoints, 'raw_tweets')).get(3)).toBeUndefined();
  });
});
