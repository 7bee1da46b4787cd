/**
 * The queue's lanes on a large table: how long a page of `open` and `mine` takes on SQLite and MariaDB, with the
 * lanes' indexes and without them.
 *
 *   npm run bench:lanes [-- ROWS]
 *
 * The rows are a queue with a backlog, the hard case for a page read newest first: every complaint of the newer half
 * resolved, and in the older half one in 200 still open; one admin among 20 holds 1% of the complaints, in both halves.
 * MariaDB runs when `.env.stack` names the local services.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { listTweets, type TweetQuery } from '../src/projections/tweets';
import { migrate } from '../src/store/migrations';
import type { ReadStore, SqlValue } from '../src/store/read-store';
import { SqliteReadStore } from '../src/store/sqlite-store';
import { freshMysqlStore, mysqlSettings } from '../test/support/services';
import { tempDir } from '../test/support/temp';

const ROWS = Number(process.argv[2] ?? 200_000);
const BATCH = 2_000;
const REPEATS = 20;

const fill = async (store: ReadStore): Promise<void> => {
  const columns = ['tweet', 'tweet_id', 'status', 'assigned_to', 'received_event_id', 'prediction', 'review', 'notes_count'];
  for (let start = 0; start < ROWS; start += BATCH) {
    const rows: SqlValue[][] = [];
    for (let i = start; i < Math.min(ROWS, start + BATCH); i++) {
      const open = i < ROWS / 2 && i % 200 === 0;
      const assignee = i % 100 === 0 ? 'asha' : `admin${i % 20}`;
      rows.push([`complaint ${i}`, `c-${i}`, open ? 'in_progress' : 'resolved', assignee, `e-${i}`, 0, 0, 0]);
    }
    await store.transaction((tx) => store.insert(tx, { table: 'tweets', columns, rows }));
  }
};

/** The median of REPEATS runs, in milliseconds. */
const time = async (store: ReadStore, query: TweetQuery): Promise<string> => {
  const runs: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await listTweets(store, query);
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)].toFixed(2);
};

const QUERIES: [string, TweetQuery][] = [
  ['open, first page of 20', { filter: 'open', limit: 20 }],
  ['open, a page deep in the backlog', { filter: 'open', limit: 20, before: Math.floor(ROWS / 4) }],
  ['mine, first page of 20', { filter: 'mine', limit: 20, admin: 'asha' }],
];

const measure = async (name: string, store: ReadStore, dropIndexes: string[]): Promise<void> => {
  await migrate(store);
  const started = performance.now();
  await fill(store);
  console.log(`\n${name}: ${ROWS.toLocaleString('en')} rows written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const withIndexes: string[] = [];
  for (const [, query] of QUERIES) withIndexes.push(await time(store, query));
  for (const statement of dropIndexes) await store.execute(statement);
  const without: string[] = [];
  for (const [, query] of QUERIES) without.push(await time(store, query));
  console.log('| query | with the lanes’ indexes (ms) | without (ms) |');
  console.log('|---|---|---|');
  QUERIES.forEach(([label], i) => console.log(`| ${label} | ${withIndexes[i]} | ${without[i]} |`));
};

const hasMariadb = (): boolean => {
  try {
    mysqlSettings();
    return true;
  } catch {
    return false;
  }
};

const main = async (): Promise<void> => {
  const temp = tempDir();
  const sqlite = new SqliteReadStore(path.join(temp.dir, 'read.db'));
  try {
    await measure('SQLite', sqlite, ['DROP INDEX tweets_idx_open', 'DROP INDEX tweets_idx_mine']);
  } finally {
    await sqlite.close();
    temp.remove();
  }
  if (!hasMariadb()) {
    console.log('\nMariaDB: skipped, no .env.stack (run `make stack`) and no DB_* settings');
    return;
  }
  const db = await freshMysqlStore('bench_lanes');
  try {
    await measure('MariaDB', db.store, ['ALTER TABLE tweets DROP INDEX idx_assigned_to']);
  } finally {
    await db.drop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
