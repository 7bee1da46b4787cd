/**
 * Rebuilds the analytics projection from a full embedded log and prints its rate, and the time of the Trends query
 * per range. The log holds complaints over the last 30 days, each received, classified, acknowledged and answered
 * (four events), a tenth of them reclassified. On SQLite, then on MariaDB when `.env.stack` (or DB_*) names it.
 * Usage: npm run bench:analytics [-- EVENTS]   (default 1,000,000)
 */
import { loadConfig } from '../src/config';
import type { ComplaintEvent } from '../src/events/complaint';
import { silentLogger } from '../src/logger';
import { analyticsProjection, readAnalytics, ANALYTICS_RANGES } from '../src/projections/analytics';
import { rebuildRegistered } from '../src/roles/projections';
import { openRuntime, type Runtime } from '../src/runtime';
import { aComplaintAcknowledged, aComplaintClassified, aComplaintReceived, aResponseGiven } from '../test/support/fixtures';
import { freshMysqlStore, mysqlSettings, stackSettings } from '../test/support/services';
import { tempDir } from '../test/support/temp';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const CHUNK = 5_000;
const CATEGORIES = ['cleanliness', 'water', 'catering', 'electrical', 'punctuality', 'security', 'medical', 'staff_behaviour'];
const TRAINS = ['12951', '12952', '12301', '12627', '22691', '12802', '12002', '12260'];
const NOW = Date.now();
const DAYS_30 = 30 * 24 * 3_600_000;

const at = (ms: number) => new Date(ms).toISOString();

/** One complaint's events; i spreads them over the last 30 days, categories, trains and languages. */
const complaint = (i: number): ComplaintEvent[] => {
  const received = NOW - ((i * 7919) % DAYS_30);
  const r = aComplaintReceived({ receivedAt: at(received), source: i % 3 === 0 ? 'web' : 'telegram' });
  const id = r.data.complaintId;
  const events: ComplaintEvent[] = [
    r,
    aComplaintClassified(id, {
      prediction: i % 10 === 0 ? 1 : 0,
      category: CATEGORIES[i % CATEGORIES.length],
      review: i % 10 === 5,
      train: TRAINS[i % TRAINS.length],
      language: i % 4 === 0 ? 'hi' : 'en',
      classifiedAt: at(received + 500),
    }),
    aComplaintAcknowledged(id, at(received + 60_000 + (i % 600) * 1000)),
    aResponseGiven(id, { respondedAt: at(received + 900_000) }),
  ];
  if (i % 10 === 3) events[1] = aComplaintClassified(id, { prediction: 1, category: 'security', classifiedAt: at(received + 500) });
  return events;
};

const fill = async (runtime: Runtime): Promise<number> => {
  let appended = 0;
  for (let i = 0; appended < EVENTS; ) {
    const batch: ComplaintEvent[] = [];
    while (batch.length < CHUNK && appended + batch.length < EVENTS) batch.push(...complaint(i++));
    await runtime.events.append(batch);
    appended += batch.length;
  }
  return appended;
};

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const measure = async (label: string, env: Record<string, string>, dispose: () => Promise<void>): Promise<void> => {
  const temp = tempDir('railsewa-bench-analytics-');
  const runtime = await openRuntime(loadConfig({ DATA_DIR: temp.dir, LOG_LEVEL: 'silent', ...env }, '/nonexistent/.env'), silentLogger());
  try {
    let start = process.hrtime.bigint();
    const appended = await fill(runtime);
    const fillSeconds = seconds(start);
    start = process.hrtime.bigint();
    const { events } = await rebuildRegistered(analyticsProjection, runtime);
    const rebuildSeconds = seconds(start);
    const queries: string[] = [];
    for (const range of ANALYTICS_RANGES) {
      const times: number[] = [];
      for (let n = 0; n < 15; n++) {
        const t = process.hrtime.bigint();
        await readAnalytics(runtime.store, range, new Date(NOW));
        times.push(seconds(t) * 1000);
      }
      queries.push(`${range} ${median(times).toFixed(1)} ms`);
    }
    const rate = Math.round(events / rebuildSeconds).toLocaleString('en-US');
    console.log(
      `${label.padEnd(8)} ${appended.toLocaleString('en-US')} events appended in ${fillSeconds.toFixed(1)} s; ` +
        `analytics rebuilt from ${events.toLocaleString('en-US')} events in ${rebuildSeconds.toFixed(1)} s: ${rate} events/s; ` +
        `GET /api/analytics query (median of 15): ${queries.join(', ')}`,
    );
  } finally {
    await runtime.close();
    temp.remove();
    await dispose();
  }
};

const main = async () => {
  await measure('SQLite', {}, async () => undefined);
  if (stackSettings().DB_HOST) {
    const fresh = await freshMysqlStore('bench_analytics');
    await fresh.store.close();
    const s = mysqlSettings();
    await measure(
      'MariaDB',
      { DB_HOST: s.host, DB_PORT: String(s.port), DB_USER: s.user, DB_PASSWORD: s.password, DB_NAME: fresh.database },
      fresh.drop,
    );
  } else console.log('MariaDB  skipped: no DB_HOST in the environment or .env.stack');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
