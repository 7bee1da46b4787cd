/**
 * Start-up time of the read store on a large tweets table: what `railsewa serve` or `projector` spends in
 * `openRuntime` on the read store (migrations, start-up backfills, projections' tables) before it serves. ROWS rows,
 * every one already upgraded, are written straight into the table; then the start is timed three times with the
 * backfill marks removed (what every start did before the marks: each backfill read the whole table to find nothing)
 * and three times with them (a start now). On SQLite first; then, when `.env.stack` (or DB_* settings) names MariaDB,
 * on a database of its own there.
 *
 * Usage: npm run bench:startup [-- ROWS [MARIADB_ROWS]] (defaults 1,000,000 and ROWS; 0 leaves that run out)
 */
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RESPONSE_TARGETS } from '../src/projections/first-response';
import { backfillFirstResponse } from '../src/projections/first-response-backfill';
import { migrateProjections } from '../src/projections/registry';
import { BACKFILLS_TABLE } from '../src/store/backfills';
import { migrate } from '../src/store/migrations';
import type { ReadStore, SqlValue } from '../src/store/read-store';
import { searchDocument } from '../src/store/search';
import { SqliteReadStore } from '../src/store/sqlite-store';
import { freshMysqlStore, mysqlSettings } from '../test/support/services';
import { tempDir } from '../test/support/temp';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const MARIADB_ROWS = Number(process.argv[3] ?? ROWS);
const ROWS_PER_STATEMENT = 1_000;
const RUNS = 3;

const COLUMNS = ['tweet', 'tweet_id', 'status', 'received_event_id', 'received_at', 'prediction', 'category', 'search_text', 'due_at', 'waiting_due_at'];

/** A row as the current projector writes it: search document and due time in place. */
const rowOf = (i: number): SqlValue[] => {
  const text = `Complaint ${i}: coach B${i % 9} of 12951 has no water`;
  const received = new Date(Date.UTC(2026, 10, 1) + i * 7_000);
  const due = new Date(received.getTime() + 37 * 60_000).toISOString();
  return [text, `c-${i}`, 'new', `e-${i}`, received.toISOString(), i % 10 === 0 ? 1 : 0, 'cleanliness', searchDocument(text), due, due];
};

const fill = async (store: ReadStore, rows: number): Promise<void> => {
  for (let start = 0; start < rows; start += ROWS_PER_STATEMENT) {
    const batch = Array.from({ length: Math.min(ROWS_PER_STATEMENT, rows - start) }, (_, k) => rowOf(start + k));
    await store.transaction(async (tx) => {
      if (store.dialect === 'sqlite') {
        const sql = `INSERT INTO tweets (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
        for (const row of batch) await tx.execute(sql, row);
      } else {
        const placeholders = batch.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ');
        await tx.execute(`INSERT INTO tweets (${COLUMNS.join(', ')}) VALUES ${placeholders}`, batch.flat());
      }
    });
  }
};

/** The read store's part of openRuntime (src/runtime.ts). */
const start = async (store: ReadStore): Promise<number> => {
  const began = process.hrtime.bigint();
  await migrate(store);
  await backfillFirstResponse(store, 'tweets', DEFAULT_RESPONSE_TARGETS);
  await migrateProjections(store);
  return Number(process.hrtime.bigint() - began) / 1e6;
};

const measure = async (label: string, store: ReadStore, rows: number): Promise<void> => {
  await migrate(store);
  await migrateProjections(store);
  const filling = Date.now();
  await fill(store, rows);
  process.stdout.write(`${label}: ${rows.toLocaleString('en')} rows written in ${((Date.now() - filling) / 1000).toFixed(1)} s\n`);
  const unmarked: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await store.execute(`DELETE FROM ${BACKFILLS_TABLE}`);
    unmarked.push(await start(store));
  }
  const marked: number[] = [];
  for (let run = 0; run < RUNS; run++) marked.push(await start(store));
  const ms = (values: number[]) => values.map((v) => `${v.toFixed(0)} ms`).join(', ');
  process.stdout.write(`${label}: start reading the whole table (before the backfill marks): ${ms(unmarked)}\n`);
  process.stdout.write(`${label}: start with its backfills marked finished (now):            ${ms(marked)}\n`);
};

const main = async (): Promise<void> => {
  process.stdout.write(`bench:startup on ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  if (ROWS > 0) {
    const temp = tempDir();
    const store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
    try {
      await measure('SQLite', store, ROWS);
    } finally {
      await store.close();
      temp.remove();
    }
  }
  if (MARIADB_ROWS > 0) {
    try {
      mysqlSettings();
    } catch {
      process.stdout.write('MariaDB: not configured (.env.stack or DB_*), left out\n');
      return;
    }
    const fresh = await freshMysqlStore('bench_startup');
    try {
      await measure('MariaDB', fresh.store, MARIADB_ROWS);
    } finally {
      await fresh.drop();
    }
  }
  process.stdout.write(`load after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
};

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
