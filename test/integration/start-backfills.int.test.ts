import { DEFAULT_RESPONSE_TARGETS, firstResponseFields } from '../../src/projections/first-response';
import { backfillFirstResponse } from '../../src/projections/first-response-backfill';
import { swapGeneration } from '../../src/projections/generations';
import { migrateProjections } from '../../src/projections/registry';
import { listTweets, TWEETS_PROJECTION } from '../../src/projections/tweets';
import { readBackfill, resetBackfills, saveBackfillProgress, BACKFILLS_TABLE } from '../../src/store/backfills';
import { createTweetsTables, LIVE_TWEETS_TABLES, migrate } from '../../src/store/migrations';
import { MysqlReadStore } from '../../src/store/mysql-store';
import type { ReadStore } from '../../src/store/read-store';
import { searchDocument } from '../../src/store/search';
import { backfillSearchText } from '../../src/store/search-index';
import { termsOf, termsTableOf } from '../../src/store/search-terms';
import { mariadbEngine, sqliteEngine, type Engine } from '../support/engines';
import { runtimeOn } from '../support/runtime-on';
import { freshMysqlStore, mysqlSettings } from '../support/services';

const FIRST_RESPONSE_COLUMNS = ['first_response_at', 'first_response_seconds', 'due_at', 'waiting_due_at'];

/** Back to the tweets table a release before the search, first-response targets and backfill marks left behind. */
const revertToOldRelease = async (store: ReadStore): Promise<void> => {
  await store.execute(`DROP TABLE ${BACKFILLS_TABLE}`);
  if (store.dialect === 'sqlite') {
    await store.execute('DROP TABLE tweets_search');
    await store.execute('DROP INDEX tweets_idx_waiting_due');
    for (const column of ['search_text', ...FIRST_RESPONSE_COLUMNS]) await store.execute(`ALTER TABLE tweets DROP COLUMN ${column}`);
  } else {
    await store.execute(`DROP TABLE ${termsTableOf('tweets')}`);
    await store.execute(`ALTER TABLE tweets DROP INDEX idx_waiting_due, ${['search_text', ...FIRST_RESPONSE_COLUMNS].map((c) => `DROP COLUMN ${c}`).join(', ')}`);
  }
};

interface OldRow {
  tweetId: string;
  text: string;
  receivedAt: string;
}

const oldRow = (i: number): OldRow => ({
  tweetId: `old-${String(i).padStart(3, '0')}`,
  text: i % 2 === 0 ? `coach B${i} toilet has no water` : `fan not working in S${i}`,
  receivedAt: new Date(Date.UTC(2026, 10, 20, 10, i)).toISOString(),
});

/** A row as a release before the search and the targets wrote it: received and classified, nothing more. */
const insertOldRow = (store: ReadStore, row: OldRow) =>
  store.execute(
    `INSERT INTO tweets (tweet, tweet_id, status, received_event_id, received_at, prediction, category) VALUES (?, ?, 'new', ?, ?, 0, 'cleanliness')`,
    [row.text, row.tweetId, `e-${row.tweetId}`, row.receivedAt],
  );

interface Filled {
  tweet_id: string;
  search_text: string | null;
  due_at: string | null;
}

const filledOf = (store: ReadStore): Promise<Filled[]> => store.query<Filled>('SELECT tweet_id, search_text, due_at FROM tweets ORDER BY tweet_id');

/** What the backfills give an old row. */
const expectedOf = (row: OldRow): Filled => ({
  tweet_id: row.tweetId,
  search_text: searchDocument(row.text),
  due_at: firstResponseFields({ received_at: row.receivedAt, prediction: 0, review: 0, category: 'cleanliness', first_response_at: null }, DEFAULT_RESPONSE_TARGETS).due_at,
});

/** The store of a process that stops after `transactions` transactions: the next one fails, as a kill half way would. */
const stoppingAfter = (store: ReadStore, transactions: number): ReadStore => {
  let left = transactions;
  return new Proxy(store, {
    get(target, property) {
      if (property === 'transaction') {
        return <T>(work: Parameters<ReadStore['transaction']>[0]) =>
          left-- > 0 ? (target.transaction(work) as Promise<T>) : Promise.reject(new Error('the process stopped'));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
};

const idOf = async (store: ReadStore, tweetId: string): Promise<number> =>
  Number((await store.query<{ id: number }>('SELECT id FROM tweets WHERE tweet_id = ?', [tweetId]))[0].id);

describe.each([
  ['SQLite', 'sqlite'],
  ['MariaDB', 'mariadb'],
] as const)('start-up backfills on %s', (_, engineName) => {
  it('an upgrade from an old database fills every row at the first start, and later starts read none of them', async () => {
    const product = await runtimeOn(engineName, 'start_backfills');
    try {
      await revertToOldRelease(product.runtime.store);
      const rows = Array.from({ length: 7 }, (_, i) => oldRow(i));
      for (const row of rows) await insertOldRow(product.runtime.store, row);

      const { store } = await product.restart();
      expect(await filledOf(store)).toEqual(rows.map(expectedOf));
      expect((await listTweets(store, { filter: 'all', limit: 10, q: 'toilet water' })).map((r) => r.tweet_id).sort()).toEqual(['old-000', 'old-002', 'old-004', 'old-006']);
      expect((await readBackfill(store, 'search_text', 'tweets'))?.finishedAt).toEqual(expect.any(String));
      expect((await readBackfill(store, 'first_response', 'tweets'))?.finishedAt).toEqual(expect.any(String));

      // A probe: a row without search document or due time, which a start that read the table would fill.
      const probe = oldRow(99);
      await insertOldRow(store, probe);
      // On MySQL also a row as the original design's consumer wrote it, which the upgrade gives an event id.
      if (store.dialect === 'mysql') await store.execute("INSERT INTO tweets (tweet, tweet_id) VALUES ('no water in S7', 'original-1')");
      const restarted = await product.restart();
      expect((await filledOf(restarted.store)).find((r) => r.tweet_id === probe.tweetId)).toEqual({ tweet_id: probe.tweetId, search_text: null, due_at: null });
      if (store.dialect === 'mysql') {
        expect(await restarted.store.query("SELECT received_event_id FROM tweets WHERE tweet_id = 'original-1'")).toEqual([{ received_event_id: null }]);
      }
    } finally {
      await product.dispose();
    }
  });

  it('a backfill stopped half way resumes after the last row it committed, and is marked finished only once it has found them all', async () => {
    const engine: Engine = engineName === 'sqlite' ? await sqliteEngine() : await mariadbEngine('backfill_resume');
    try {
      const { store } = engine;
      await migrate(store);
      await revertToOldRelease(store);
      const rows = Array.from({ length: 5 }, (_, i) => oldRow(i));
      for (const row of rows) await insertOldRow(store, row);
      await migrate(store);

      // Batches of two: the first commits, the second is cut off.
      await expect(backfillFirstResponse(stoppingAfter(store, 1), 'tweets', DEFAULT_RESPONSE_TARGETS, { batch: 2 })).rejects.toThrow('the process stopped');
      expect(await readBackfill(store, 'first_response', 'tweets')).toEqual({ name: 'first_response', table: 'tweets', afterId: await idOf(store, 'old-001'), finishedAt: null });
      expect((await filledOf(store)).map((r) => r.due_at !== null)).toEqual([true, true, false, false, false]);

      // A probe before the point it stopped: the next run starts after that point, so it stays as it is.
      await store.execute('UPDATE tweets SET due_at = NULL WHERE tweet_id = ?', ['old-000']);
      expect(await backfillFirstResponse(store, 'tweets', DEFAULT_RESPONSE_TARGETS, { batch: 2 })).toBe(3);
      expect((await filledOf(store)).map((r) => r.due_at)).toEqual([null, ...rows.slice(1).map((row) => expectedOf(row).due_at)]);
      expect((await readBackfill(store, 'first_response', 'tweets'))?.finishedAt).toEqual(expect.any(String));
      expect(await backfillFirstResponse(store, 'tweets', DEFAULT_RESPONSE_TARGETS, { batch: 2 })).toBe(0);
      expect((await filledOf(store))[0].due_at).toBeNull();
    } finally {
      await engine.dispose();
    }
  });

  it('a table made now is marked, and a swapped-in generation brings its own marks to the live name', async () => {
    const engine: Engine = engineName === 'sqlite' ? await sqliteEngine() : await mariadbEngine('backfill_swap');
    try {
      const { store } = engine;
      await migrate(store);
      await migrateProjections(store);
      const generation = { tweets: 'tweets_rtest', stats: 'tweet_stats_rtest', checkpoints: 'tweets_checkpoints_rtest' };
      await createTweetsTables(store, generation, { deferIndexes: true });
      expect((await readBackfill(store, 'search_text', generation.tweets))?.finishedAt).toEqual(expect.any(String));
      // The new generation's first-response backfill half done, the live table's finished: the live name must end
      // up unfinished, where the new generation stopped.
      await resetBackfills(store, generation.tweets, ['first_response']);
      await store.transaction((tx) => saveBackfillProgress(tx, store.dialect, 'first_response', generation.tweets, 7));
      expect((await readBackfill(store, 'first_response', 'tweets'))?.finishedAt).toEqual(expect.any(String));

      await swapGeneration(store, TWEETS_PROJECTION, [['tweets', 'tweets_rtest_old'], [generation.tweets, 'tweets']], ['tweets_rtest_old']);
      const marks = await store.query<{ name: string; table_name: string; after_id: number; finished_at: string | null }>(
        `SELECT name, table_name, after_id, finished_at FROM ${BACKFILLS_TABLE} WHERE table_name LIKE 'tweets%' ORDER BY name`,
      );
      expect(marks.map((m) => [m.name, m.table_name, Number(m.after_id), m.finished_at !== null])).toEqual([
        ['first_response', 'tweets', 7, false],
        ...(store.dialect === 'mysql' ? [['original_rows', 'tweets', 0, true]] : []),
        ['search_text', 'tweets', 0, true],
      ]);
    } finally {
      await engine.dispose();
    }
  });
});

describe('start-up backfills on MariaDB with several processes starting at once', () => {
  it('fill every row once between them, and only a run that found them all marks the backfill finished', async () => {
    const fresh = await freshMysqlStore('backfill_together');
    const other = new MysqlReadStore({ ...mysqlSettings(), database: fresh.database });
    try {
      const { store } = fresh;
      await migrate(store);
      await revertToOldRelease(store);
      const rows = Array.from({ length: 30 }, (_, i) => oldRow(i));
      for (const row of rows) await insertOldRow(store, row);
      // The columns and marks as a start makes them, without its search backfill.
      await createTweetsTables(store, LIVE_TWEETS_TABLES);

      await expect(backfillSearchText(stoppingAfter(store, 2), 'tweets', { batch: 4 })).rejects.toThrow('the process stopped');
      expect(await readBackfill(store, 'search_text', 'tweets')).toMatchObject({ afterId: await idOf(store, 'old-007'), finishedAt: null });

      const [one, two] = await Promise.all([backfillSearchText(store, 'tweets', { batch: 3 }), backfillSearchText(other, 'tweets', { batch: 3 })]);
      expect(one + two).toBe(22);
      expect((await filledOf(store)).map((r) => r.search_text)).toEqual(rows.map((row) => searchDocument(row.text)));
      const terms = await store.query<{ term: number | string; id: number }>(`SELECT term, id FROM ${termsTableOf('tweets')} ORDER BY id, term`);
      const expected: { term: number; id: number }[] = [];
      for (const row of rows.slice(8)) {
        const id = await idOf(store, row.tweetId);
        for (const term of [...termsOf(searchDocument(row.text))].sort((a, b) => a - b)) expected.push({ term, id });
      }
      expect(terms.filter((t) => Number(t.id) >= expected[0].id).map((t) => ({ term: Number(t.term), id: Number(t.id) }))).toEqual(expected);
      expect((await readBackfill(store, 'search_text', 'tweets'))?.finishedAt).toEqual(expect.any(String));
    } finally {
      await other.close();
      await fresh.drop();
    }
  });
});
