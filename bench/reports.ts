/**
 * The reports and the export on a large read model: COMPLAINTS complaints (default 200,000) received over 30 days,
 * about one in ten an emergency, most taken up within minutes, loaded through the projection's own code. Then, on
 * SQLite and (when `.env.stack` names it) on MariaDB: the 30-day summary, one day's summary, the first page of the
 * time-left queue, and the CSV export of 7 days streamed into a counting sink.
 *
 *   npm run bench:reports [-- COMPLAINTS]
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { ComplaintEvent } from '../src/events/complaint';
import { referenceFor } from '../src/events/reference';
import { summaryReport } from '../src/projections/reports';
import { applyTweetSlices, listTweets } from '../src/projections/tweets';
import { writeTweetsCsv } from '../src/read-api/tweets-csv';
import { migrate } from '../src/store/migrations';
import type { ReadStore } from '../src/store/read-store';
import { SqliteReadStore } from '../src/store/sqlite-store';
import { LIVE_TWEETS_TABLES } from '../src/store/tweets-tables';
import { freshMysqlStore, stackSettings } from '../test/support/services';
import { tempDir } from '../test/support/temp';
import { seededRandom } from './read-data';

const COMPLAINTS = Number(process.argv[2] ?? 200_000);
const BATCH = 5_000;
const DAYS = 30;
const START = Date.parse('2026-10-01T00:00:00.000Z');
const CATEGORIES = ['cleanliness', 'water', 'catering', 'electrical', 'punctuality', 'ticketing', 'bedroll', 'staff_behaviour'];
const EMERGENCIES = ['security', 'medical', 'women_safety', 'safety_incident'];
const iso = (ms: number) => new Date(ms).toISOString();

/** One complaint's events: received, classified, and (four in five) acknowledged 1 to 60 minutes later. */
const complaintEvents = (i: number, random: () => number): ComplaintEvent[] => {
  const id = randomUUID();
  const at = START + Math.floor((i / COMPLAINTS) * DAYS * 86_400_000);
  const emergency = random() < 0.1;
  const meta = (occurredAt: string) => ({ eventId: randomUUID(), occurredAt, correlationId: id, causationId: null });
  const events: ComplaintEvent[] = [
    {
      type: 'ComplaintReceived',
      data: {
        complaintId: id, reference: referenceFor(id), text: `Complaint ${i}: coach B3 of 12951, see the details`, source: random() < 0.8 ? 'telegram' : 'web',
        userId: null, chatId: null, username: null, firstName: null, lastName: null, contact: null, receivedAt: iso(at), messageId: null, photoFileId: null,
      },
      metadata: meta(iso(at)),
    },
    {
      type: 'ComplaintClassified',
      data: {
        complaintId: id, prediction: emergency ? 1 : 0, category: emergency ? EMERGENCIES[i % EMERGENCIES.length] : CATEGORIES[i % CATEGORIES.length],
        priority: emergency ? 1 : 4, confidence: 0.9, modelVersion: 'bench', keywords: [], language: 'en', pnr: null, train: '12951', coach: 'B3',
        berth: null, classifiedAt: iso(at + 1000), review: !emergency && random() < 0.05,
      },
      metadata: meta(iso(at + 1000)),
    },
  ];
  if (random() < 0.8) {
    const taken = iso(at + Math.floor(60_000 + random() * 59 * 60_000));
    events.push({ type: 'ComplaintAcknowledged', data: { complaintId: id, acknowledgedBy: 'bench', acknowledgedAt: taken }, metadata: meta(taken) });
  }
  return events;
};

const load = async (store: ReadStore): Promise<number> => {
  const random = seededRandom(20);
  const started = performance.now();
  for (let first = 0; first < COMPLAINTS; first += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, COMPLAINTS - first) }, (_, k) => complaintEvents(first + k, random)).flat();
    await store.transaction((tx) =>
      applyTweetSlices(store, tx, LIVE_TWEETS_TABLES, [
        { topic: 'bench_reports', partition: 0, nextOffset: first * 3 + events.length, events: events.map((event, k) => ({ offset: first * 3 + k, event })) },
      ]),
    );
  }
  return (performance.now() - started) / 1000;
};

/** The median of `runs` timings of `work`, in milliseconds. */
const median = async (runs: number, work: () => Promise<unknown>): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
};

const measure = async (engine: string, store: ReadStore): Promise<void> => {
  await migrate(store);
  const loadSeconds = await load(store);
  const now = new Date(START + DAYS * 86_400_000);
  const month = { from: iso(START), to: iso(START + DAYS * 86_400_000) };
  const day = { from: iso(START + 10 * 86_400_000), to: iso(START + 11 * 86_400_000) };
  const summary = await summaryReport(store, month, now);
  const monthMs = await median(5, () => summaryReport(store, month, now));
  const dayMs = await median(5, () => summaryReport(store, day, now));
  const dueMs = await median(5, () => listTweets(store, { filter: 'all', limit: 100, sort: 'due' }));
  let bytes = 0;
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((bytes += chunk.length), done()) });
  const started = performance.now();
  const rows = await writeTweetsCsv(store, { filter: 'all', received: { from: iso(START), to: iso(START + 7 * 86_400_000) } }, sink, new AbortController().signal, now);
  const csvSeconds = (performance.now() - started) / 1000;
  const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  console.log(`\n${engine}: ${fmt(COMPLAINTS)} complaints loaded in ${fmt(loadSeconds, 1)} s (${fmt(COMPLAINTS / loadSeconds)}/s through applyTweetSlices)`);
  console.log(`  summary, 30 days: ${fmt(monthMs, 1)} ms (median of 5); first response p50 ${summary.first_response.p50} s, p90 ${summary.first_response.p90} s, ${fmt(summary.breaches.count)} breaches`);
  console.log(`  summary, 1 day:   ${fmt(dayMs, 1)} ms`);
  console.log(`  sort=due, first page of 100: ${fmt(dueMs, 1)} ms`);
  console.log(`  CSV, 7 days: ${fmt(rows)} rows, ${fmt(bytes / 1e6, 1)} MB in ${fmt(csvSeconds, 2)} s (${fmt(rows / csvSeconds)} rows/s)`);
};

const main = async (): Promise<void> => {
  const temp = tempDir();
  const sqlite = new SqliteReadStore(path.join(temp.dir, 'read.db'));
  try {
    await measure('SQLite', sqlite);
  } finally {
    await sqlite.close();
    temp.remove();
  }
  if (!stackSettings().DB_HOST) {
    console.log('\nMariaDB: skipped, no .env.stack (run `make stack`) and no DB_* settings');
    return;
  }
  const db = await freshMysqlStore('bench_reports');
  try {
    await measure('MariaDB', db.store);
  } finally {
    await db.drop();
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
