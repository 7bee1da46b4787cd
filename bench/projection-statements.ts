/**
 * Where the tweets projection's transactions spend their time on MariaDB, statement by statement: corpus complaints
 * (bench/read-data.ts) written through applyTweetSlices, 5,000 a transaction, each statement timed on the client.
 * Usage: npm run bench:statements [-- COMPLAINTS] (default 50,000; needs DB_* or `.env.stack`).
 */
import os from 'node:os';
import { migrate } from '../src/store/migrations';
import type { SqlExecutor } from '../src/store/read-store';
import { freshMysqlStore } from '../test/support/services';
import { loadComplaints } from './read-data';

const COMPLAINTS = Number(process.argv[2] ?? 50_000);

/** What a statement of the projection does, from its text. */
export const statementKind = (sql: string): string => {
  const s = sql.replace(/\s+/g, ' ').trim();
  if (s.startsWith('SELECT') && s.includes('FOR UPDATE')) return 'SELECT rows FOR UPDATE';
  if (s.startsWith('SELECT id, tweet_id')) return 'SELECT new rows\' ids';
  if (/^INSERT INTO \w+_terms /.test(s)) return 'INSERT terms';
  if (/^DELETE FROM \w+_terms /.test(s)) return 'DELETE terms';
  if (/^INSERT INTO tweets /.test(s)) return s.includes('ON DUPLICATE') ? 'upsert tweets' : 'INSERT tweets';
  if (/^UPDATE tweet_stats /.test(s)) return 'UPDATE stats';
  if (/tweets_checkpoints/.test(s)) return 'checkpoints';
  return s.slice(0, 30);
};

const main = async () => {
  const db = await freshMysqlStore('bench_statements');
  const { store } = db;
  try {
    await migrate(store);
    const spent = new Map<string, number>();
    const timed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await run();
      } finally {
        spent.set(statementKind(sql), (spent.get(statementKind(sql)) ?? 0) + performance.now() - started);
      }
    };
    const timing = (tx: SqlExecutor): SqlExecutor => ({
      query: (sql, params) => timed(sql, () => tx.query(sql, params)),
      execute: (sql, params) => timed(sql, () => tx.execute(sql, params)),
    });
    const transaction = store.transaction.bind(store);
    store.transaction = <T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> => {
      const started = performance.now();
      let inWork = 0;
      return transaction(async (tx) => {
        const begun = performance.now();
        try {
          return await work(timing(tx));
        } finally {
          inWork += performance.now() - begun;
        }
      }).finally(() => spent.set('BEGIN and COMMIT', (spent.get('BEGIN and COMMIT') ?? 0) + performance.now() - started - inWork));
    };
    const loaded = await loadComplaints(store, COMPLAINTS, () => undefined);
    const totalMs = loaded.seconds * 1000;
    const inStatements = [...spent.values()].reduce((a, b) => a + b, 0);
    console.log(`${COMPLAINTS.toLocaleString('en-US')} complaints in ${loaded.seconds.toFixed(1)} s (${Math.round(COMPLAINTS / loaded.seconds).toLocaleString('en-US')}/s), load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const line = (what: string, ms: number) =>
      console.log(`  ${what.padEnd(28)} ${(ms / 1000).toFixed(1).padStart(6)} s ${((100 * ms) / totalMs).toFixed(0).padStart(4)}% ${((1000 * ms) / COMPLAINTS).toFixed(0).padStart(6)} µs a complaint`);
    for (const [what, ms] of [...spent].sort((a, b) => b[1] - a[1])) line(what, ms);
    line('Node (events, rows, SQL text)', totalMs - inStatements);
  } finally {
    await db.drop();
  }
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
