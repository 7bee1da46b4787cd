import { DEFAULT_RESPONSE_TARGETS } from '../../src/projections/first-response';
import { backfillFirstResponse } from '../../src/projections/first-response-backfill';
import { migrate } from '../../src/store/migrations';
import { mariadbEngine, sqliteEngine, type Engine } from '../support/engines';

const ADDED = ['first_response_at', 'first_response_seconds', 'due_at', 'waiting_due_at'];

describe.each([
  ['SQLite', sqliteEngine],
  ['MariaDB', () => mariadbEngine('first_response_upgrade')],
])('upgrading a tweets table made before first-response targets, on %s', (_, open) => {
  let engine: Engine;
  afterAll(() => engine?.dispose());

  it('adds the columns and their index, and gives existing rows their due time and first response once', async () => {
    engine = await open();
    const { store } = engine;
    await migrate(store);
    // Back to the table a release before targets left behind.
    if (store.dialect === 'sqlite') {
      await store.execute('DROP INDEX tweets_idx_waiting_due');
      await store.execute('DROP INDEX tweets_idx_received_at');
      for (const column of ADDED) await store.execute(`ALTER TABLE tweets DROP COLUMN ${column}`);
    } else {
      await store.execute(`ALTER TABLE tweets DROP INDEX idx_waiting_due, DROP INDEX idx_received_at, ${ADDED.map((c) => `DROP COLUMN ${c}`).join(', ')}`);
    }
    const insert = (id: string, values: Record<string, string | number | null>) =>
      store.execute(
        `INSERT INTO tweets (tweet, tweet_id, status, received_event_id, ${Object.keys(values).join(', ')}) VALUES ('text', ?, 'new', ?, ${Object.keys(values).map(() => '?').join(', ')})`,
        [id, `e-${id}`, ...Object.values(values)],
      );
    // answered: acknowledged at 10:05, responded at 10:03 (the earlier one is the first response)
    await insert('u-1', { received_at: '2026-11-20T10:00:00.000Z', prediction: 1, category: 'medical', acknowledged_at: '2026-11-20T10:05:00.000Z', responded_at: '2026-11-20T10:03:00.000Z' });
    // waiting, routine
    await insert('u-2', { received_at: '2026-11-20T11:00:00.000Z', prediction: 0, category: 'cleanliness' });

    await migrate(store);
    expect(await backfillFirstResponse(store, 'tweets', DEFAULT_RESPONSE_TARGETS)).toBe(2);
    expect(await backfillFirstResponse(store, 'tweets', DEFAULT_RESPONSE_TARGETS)).toBe(0);
    const rows = await store.query<Record<string, string | number | null>>(
      `SELECT tweet_id, ${ADDED.join(', ')} FROM tweets ORDER BY tweet_id`,
    );
    expect(rows.map((r) => ({ ...r, first_response_seconds: r.first_response_seconds === null ? null : Number(r.first_response_seconds) }))).toEqual([
      {
        tweet_id: 'u-1',
        first_response_at: '2026-11-20T10:03:00.000Z',
        first_response_seconds: 180,
        due_at: '2026-11-20T10:08:00.000Z',
        waiting_due_at: null,
      },
      {
        tweet_id: 'u-2',
        first_response_at: null,
        first_response_seconds: null,
        due_at: '2026-11-20T11:37:00.000Z',
        waiting_due_at: '2026-11-20T11:37:00.000Z',
      },
    ]);
    const indexes =
      store.dialect === 'sqlite'
        ? (await store.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tweets'")).map((r) => r.name)
        : (await store.query<{ name: string }>("SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'tweets'")).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(store.dialect === 'sqlite' ? ['tweets_idx_waiting_due', 'tweets_idx_received_at'] : ['idx_waiting_due', 'idx_received_at']));
  });
});
