/**
 * Rebuild rate of every registered projection: writes EVENTS events (complaints received and classified, a third of
 * them acknowledged, noted and answered, a sixth resolved) into the embedded log, then times
 * `railsewa projections rebuild NAME` of each projection (the same code, in this process) and prints events/s per
 * projection. On the embedded SQLite read store first; then, when `.env.stack` (or DB_* settings) names MariaDB, with
 * the read store on MariaDB (the log still embedded); then, when it names Kafka and the registry too, with the events
 * on Kafka (topics of their own, deleted afterwards) and the read store on MariaDB.
 *
 * Usage: npm run bench:rebuild [-- EVENTS [MARIADB_EVENTS [KAFKA_EVENTS]]] (defaults 1,000,000, EVENTS, EVENTS; 0
 * leaves that run out)
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '../src/config';
import type { ComplaintEvent } from '../src/events/complaint';
import { silentLogger } from '../src/logger';
import { ProgressReporter } from '../src/progress';
import { saveCheckpoints } from '../src/projections/checkpoints';
import { liveTables } from '../src/projections/projection';
import { PROJECTIONS } from '../src/projections/registry';
import { rebuildRegistered } from '../src/roles/projections';
import { openRuntime, type Runtime } from '../src/runtime';
import { MysqlReadStore } from '../src/store/mysql-store';
import {
  aComplaintAcknowledged,
  aComplaintClassified,
  aComplaintNoteAdded,
  aComplaintReceived,
  aComplaintResolved,
  aResponseGiven,
} from '../test/support/fixtures';
import { freshMysqlStore, kafkaBrokers, mysqlSettings } from '../test/support/services';
import { schemaRegistryUrl } from '../test/support/stack';
import { tempDir } from '../test/support/temp';

const EVENTS = Number(process.argv[2] ?? 1_000_000);
const MARIADB_EVENTS = Number(process.argv[3] ?? EVENTS);
const KAFKA_EVENTS = Number(process.argv[4] ?? EVENTS);
const APPEND_BATCH = 5_000;

const at = (base: number, seconds: number) => new Date(base + seconds * 1000).toISOString();

/** One complaint's events: received and classified; every third one worked on by an admin, every sixth resolved. */
const lifeOf = (i: number): ComplaintEvent[] => {
  const base = Date.UTC(2026, 10, 1) + i * 7_000;
  const received = aComplaintReceived({ receivedAt: at(base, 0), text: `Complaint ${i}: coach B${i % 9} of 12951 has no water, PNR 45127${String(i % 100000).padStart(5, '0')}` });
  const id = received.data.complaintId;
  const events: ComplaintEvent[] = [received, aComplaintClassified(id, { prediction: i % 10 === 0 ? 1 : 0, classifiedAt: at(base, 1) })];
  if (i % 3 === 0) {
    events.push(aComplaintAcknowledged(id, at(base, 60), 'asha'), aComplaintNoteAdded(id, 'Called the TTE', at(base, 120), 'asha'), aResponseGiven(id, { respondedAt: at(base, 180), respondedBy: 'asha' }));
  }
  if (i % 6 === 0) events.push(aComplaintResolved(id, at(base, 600), 'asha'));
  return events;
};

const writeEvents = async (runtime: Runtime, count: number): Promise<number> => {
  const progress = new ProgressReporter('writing events', process.stderr);
  let written = 0;
  for (let i = 0; written < count; ) {
    const batch: ComplaintEvent[] = [];
    while (batch.length < APPEND_BATCH && written + batch.length < count) batch.push(...lifeOf(i++));
    await runtime.events.append(batch);
    written += batch.length;
    progress.update(written, count);
  }
  progress.done();
  return written;
};

interface Row {
  projection: string;
  events: number;
  seconds: number;
}

const rebuildEach = async (runtime: Runtime): Promise<Row[]> => {
  const rows: Row[] = [];
  for (const projection of PROJECTIONS) {
    const progress = new ProgressReporter(`rebuilding ${projection.name}`, process.stderr);
    const started = process.hrtime.bigint();
    const result = await rebuildRegistered(projection, runtime, ({ applied, target }) => progress.update(applied, target));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    progress.done();
    rows.push({ projection: projection.name, events: result.events, seconds });
  }
  return rows;
};

const table = (title: string, rows: Row[]): void => {
  console.log(`\n${title}`);
  console.log(`  ${'projection'.padEnd(20)} ${'events'.padStart(10)} ${'seconds'.padStart(9)} ${'events/s'.padStart(10)}`);
  for (const r of rows) {
    console.log(`  ${r.projection.padEnd(20)} ${r.events.toLocaleString('en-US').padStart(10)} ${r.seconds.toFixed(1).padStart(9)} ${Math.round(r.events / r.seconds).toLocaleString('en-US').padStart(10)}`);
  }
};

/**
 * On Kafka a rebuild catches up on the classifier's (transactional) topic with what the live projection applied:
 * here no live projection ran, so its checkpoints are set to the topic's end, as a live one would have left them.
 */
const asIfProjectedLive = async (runtime: Runtime): Promise<void> => {
  const topic = runtime.topics.classified;
  const ends = await runtime.events.log.endOffsets(topic);
  for (const projection of PROJECTIONS) {
    await runtime.store.transaction((tx) =>
      saveCheckpoints(runtime.store, tx, liveTables(projection).checkpoints, [...ends].map(([partition, nextOffset]) => ({ topic, partition, nextOffset }))),
    );
  }
};

const run = async (title: string, events: number, env: Record<string, string>): Promise<void> => {
  const temp = tempDir('railsewa-bench-rebuild-');
  const runtime = await openRuntime(loadConfig({ DATA_DIR: temp.dir, LOG_LEVEL: 'silent', ...env }, '/nonexistent/.env'), silentLogger());
  try {
    const written = await writeEvents(runtime, events);
    if (runtime.events.log.engine === 'kafka') await asIfProjectedLive(runtime);
    table(`${title}: ${written.toLocaleString('en-US')} events in the ${runtime.events.log.engine === 'kafka' ? 'Kafka topics' : 'embedded log'}`, await rebuildEach(runtime));
  } finally {
    await runtime.close();
    temp.remove();
  }
};

const mariadbEnv = async (): Promise<{ env: Record<string, string>; drop: () => Promise<void> } | null> => {
  let settings: ReturnType<typeof mysqlSettings>;
  try {
    settings = mysqlSettings();
  } catch {
    return null;
  }
  const fresh = await freshMysqlStore('bench_rebuild');
  await fresh.store.close();
  return {
    env: { DB_HOST: settings.host, DB_PORT: String(settings.port), DB_USER: settings.user, DB_PASSWORD: settings.password, DB_NAME: fresh.database },
    drop: async () => {
      const dropper = new MysqlReadStore(settings);
      await dropper.execute(`DROP DATABASE IF EXISTS ${fresh.database}`);
      await dropper.close();
    },
  };
};

const main = async () => {
  console.log(`projections rebuild: ${PROJECTIONS.map((p) => p.name).join(', ')}; node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`);
  if (EVENTS > 0) await run('SQLite read store', EVENTS, {});
  if (MARIADB_EVENTS > 0) {
    const mariadb = await mariadbEnv();
    if (!mariadb) {
      console.log('\nMariaDB: skipped, no .env.stack (run `make stack`) and no DB_* settings');
      return;
    }
    try {
      await run('MariaDB read store', MARIADB_EVENTS, mariadb.env);
    } finally {
      await mariadb.drop();
    }
  }
  if (KAFKA_EVENTS > 0) await runOnKafka(KAFKA_EVENTS);
};

const runOnKafka = async (events: number): Promise<void> => {
  let kafka: { brokers: string[]; registry: string };
  try {
    kafka = { brokers: kafkaBrokers(), registry: schemaRegistryUrl() };
  } catch {
    console.log('\nKafka: skipped, no .env.stack (run `make stack`) and no KAFKA_BROKERS / SCHEMA_REGISTRY_URL settings');
    return;
  }
  const mariadb = await mariadbEnv();
  if (!mariadb) return;
  const namespace = `bench_rebuild_${randomBytes(4).toString('hex')}_`;
  try {
    await run('Kafka + MariaDB', events, {
      ...mariadb.env,
      KAFKA_BROKERS: kafka.brokers.join(','),
      SCHEMA_REGISTRY_URL: kafka.registry,
      KAFKA_NAMESPACE: namespace,
      KAFKA_PARTITIONS: '6',
    });
  } finally {
    await mariadb.drop();
    const admin = new Kafka({ clientId: 'railsewa-bench', brokers: kafka.brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(namespace));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
