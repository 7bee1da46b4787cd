/**
 * The scaled-out pipeline on the local Kafka, Schema Registry and MariaDB (`make stack`): complaints produced to
 * raw_tweets, classified and projected; per stage, end to end, against a naive pipeline in the original design's
 * manner; latency at a steady 1,000/s; and a rebuild of tweets. Usage: npm run bench:pipeline [-- COMPLAINTS REBUILD_EVENTS]
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { classify } from '../src/classify';
import { loadConfig } from '../src/config';
import { newUuid, systemClock } from '../src/events/ids';
import { silentLogger } from '../src/logger';
import { saveCheckpoints } from '../src/projections/checkpoints';
import { rebuildTweets } from '../src/roles/rebuild';
import { readStats } from '../src/projections/tweets';
import { startClassifier } from '../src/roles/classifier';
import { startTweetsProjector } from '../src/roles/projector';
import { openRuntime, type Runtime } from '../src/runtime';
import { LIVE_TWEETS_TABLES } from '../src/store/migrations';
import { aComplaintClassified, aComplaintReceived } from '../test/support/fixtures';
import { freshMysqlStore, kafkaBrokers, mysqlSettings } from '../test/support/services';
import { startRole } from '../test/support/serve-process';
import { schemaRegistryUrl } from '../test/support/stack';

const N = Number(process.argv[2] ?? 200_000);
const REBUILD_EVENTS = Number(process.argv[3] ?? 1_000_000);
const NAIVE = Math.min(N, 20_000);
const TEXTS = [
  'Train 12951 coach B3: AC not working since Kota',
  'Coach S7 toilet is very dirty and no water, train 12627',
  'A man is harassing women in coach S4 of 12802, please help now',
  'ट्रेन 12301 के कोच B2 में खाना बहुत खराब है',
  'Bhai train 2 ghante late hai, koi update nahi',
  'Passenger fainted in coach A1 of 22691, need a doctor urgently',
];

const kafka = new Kafka({ clientId: 'railsewa-bench', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (count: number, s: number) => `${Math.round(count / s).toLocaleString('en-US')}/s (${s.toFixed(1)} s)`;
const until = async (check: () => Promise<boolean>) => {
  while (!(await check())) await new Promise((r) => setTimeout(r, 50));
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

/** Every phase's topic namespace: its topics are deleted when the benchmark ends. */
const namespaces: string[] = [];

/**
 * Deletes the benchmark's topics, once its producer has disconnected (a kafkajs producer refreshes the metadata of
 * every topic it wrote to, and fails on one that is gone). A stack that keeps every run's millions of events slows
 * later runs down.
 */
const dropTopics = async (admin: Admin): Promise<void> => {
  const topics = (await admin.listTopics()).filter((topic) => namespaces.some((namespace) => topic.startsWith(namespace)));
  if (topics.length > 0) await admin.deleteTopics({ topics });
};

const deployment = async (label: string): Promise<{ runtime: Runtime; env: Record<string, string>; drop: () => Promise<void> }> => {
  const db = await freshMysqlStore(label);
  const mysql = mysqlSettings();
  const env = {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    SCHEMA_REGISTRY_URL: schemaRegistryUrl(),
    KAFKA_NAMESPACE: `bench_${label}_${randomBytes(3).toString('hex')}_`,
    DB_HOST: mysql.host,
    DB_PORT: String(mysql.port),
    DB_USER: mysql.user,
    DB_PASSWORD: mysql.password,
    DB_NAME: db.database,
    LOG_LEVEL: 'silent',
  };
  const runtime = await openRuntime(loadConfig(env, '/nonexistent/.env'), silentLogger());
  namespaces.push(env.KAFKA_NAMESPACE);
  return { runtime, env, drop: async () => { await runtime.close(); await db.drop(); } };
};

const produce = async (producer: Producer, runtime: Runtime, count: number, from = 0): Promise<void> => {
  for (let i = 0; i < count; i += 5000) {
    const messages = Array.from({ length: Math.min(5000, count - i) }, (_, j) => {
      const n = from + i + j;
      const event = aComplaintReceived({ complaintId: `c-${n}`, text: `${TEXTS[n % TEXTS.length]} #${n}` });
      return { key: event.data.complaintId, value: runtime.events.codec.encode(event) };
    });
    await producer.send({ topic: runtime.topics.raw, acks: -1, messages });
  }
};

const classified = async (runtime: Runtime): Promise<number> => {
  const stats = await readStats(runtime.store);
  return stats.emergency + stats.feedback;
};

/** Waits (at most a minute) for MariaDB to finish the previous phase's background work: purge and dirty pages. */
const settle = async (runtime: Runtime): Promise<void> => {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const rows = await runtime.store.query<{ Variable_name: string; Value: string }>(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_history_list_length', 'Innodb_buffer_pool_pages_dirty')",
    );
    if (rows.every((r) => Number(r.Value) < 1000)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
};

const roles = (runtime: Runtime) => ({
  classifier: () => startClassifier({ events: runtime.events, classify, now: systemClock, newId: newUuid, logger: silentLogger() }),
  projector: () => startTweetsProjector({ events: runtime.events, store: runtime.store, logger: silentLogger() }),
});

const main = async () => {
  console.log(`pipeline on Kafka + Schema Registry + MariaDB: ${N.toLocaleString('en-US')} complaints, node ${process.version}`);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();

  // Stage by stage.
  const staged = await deployment('staged');
  let t = process.hrtime.bigint();
  await produce(producer, staged.runtime, N);
  const produceSeconds = seconds(t);
  console.log(`  produce (Avro, acks=-1)           ${rate(N, produceSeconds)}`);
  const admin = kafka.admin();
  await admin.connect();
  t = process.hrtime.bigint();
  const classifier = await roles(staged.runtime).classifier();
  await until(async () => {
    const offsets = await admin.fetchOffsets({ groupId: `${staged.runtime.topics.namespace}railsewa-classifier`, topics: [staged.runtime.topics.raw] });
    return offsets[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) >= N;
  });
  const classifySeconds = seconds(t);
  await classifier.stop();
  console.log(`  classify (transactional)          ${rate(N, classifySeconds)}`);
  t = process.hrtime.bigint();
  const projector = await roles(staged.runtime).projector();
  await until(async () => (await classified(staged.runtime)) >= N);
  const projectSeconds = seconds(t);
  await projector.stop();
  console.log(`  project (tweets + stats, MariaDB) ${rate(N, projectSeconds)}`);
  await staged.drop();

  // End to end as deployed: the classifier and the projector each their own process, running while complaints are
  // produced.
  const e2e = await deployment('e2e');
  const running = [await startRole('classifier', e2e.env), await startRole('projector', e2e.env)];
  await settle(e2e.runtime);
  t = process.hrtime.bigint();
  await produce(producer, e2e.runtime, N);
  await until(async () => (await classified(e2e.runtime)) >= N);
  const e2eSeconds = seconds(t);
  console.log(`  end to end (role processes)       ${rate(N, e2eSeconds)}`);
  for (const r of running) await r.kill('SIGTERM');
  await e2e.drop();

  // Latency at a steady 1,000 complaints/s for 20 s, on a deployment of its own with the role processes: from just
  // before the append to the classified row visible (polled every 20 ms). The first 5 s warm the new processes up
  // (JIT, the classifier's transactional producers, the group's first assignment) and are not counted.
  const steady = await deployment('steady');
  const steadyRoles = [await startRole('classifier', steady.env), await startRole('projector', steady.env)];
  await settle(steady.runtime);
  const latencies: number[] = [];
  const pending = new Map<string, number>();
  let polling = false;
  const poller = setInterval(async () => {
    if (pending.size === 0 || polling) return;
    polling = true;
    const ids = [...pending.keys()];
    const rows = await steady.runtime.store.query<{ tweet_id: string }>(
      `SELECT tweet_id FROM tweets WHERE prediction IS NOT NULL AND tweet_id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    const now = Date.now();
    for (const { tweet_id } of rows) {
      latencies.push(now - pending.get(tweet_id)!);
      pending.delete(tweet_id);
    }
    polling = false;
  }, 20);
  const WARM_UP_TICKS = 500;
  for (let tick = -WARM_UP_TICKS; tick < 2000; tick++) {
    const started = Date.now();
    const messages = Array.from({ length: 10 }, (_, j) => {
      const event = aComplaintReceived({ complaintId: `steady-${tick}-${j}`, text: TEXTS[(tick + WARM_UP_TICKS + j) % TEXTS.length] });
      return { key: event.data.complaintId, value: steady.runtime.events.codec.encode(event) };
    });
    await producer.send({ topic: steady.runtime.topics.raw, acks: -1, messages });
    if (tick >= 0) for (const m of messages) pending.set(m.key, started);
    await new Promise((r) => setTimeout(r, Math.max(0, 10 - (Date.now() - started))));
  }
  await until(async () => pending.size === 0);
  clearInterval(poller);
  console.log(`  steady 1,000/s: append -> row     p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms (after 5 s of warm-up)`);
  for (const r of steadyRoles) await r.kill('SIGTERM');
  await steady.drop();

  // The naive pipeline of the original design: one message at a time, JSON, one INSERT per message.
  const naive = await deployment('naive');
  const store = naive.runtime.store;
  await store.execute('CREATE TABLE naive_tweets (id INT AUTO_INCREMENT PRIMARY KEY, tweet TEXT, pnr BIGINT, prediction INT, tweet_id VARCHAR(64) UNIQUE)');
  const naiveTopic = `${naive.runtime.topics.namespace}naive`;
  await admin.createTopics({ topics: [{ topic: naiveTopic, numPartitions: 1 }] });
  for (let i = 0; i < NAIVE; i += 5000) {
    await producer.send({
      topic: naiveTopic,
      messages: Array.from({ length: Math.min(5000, NAIVE - i) }, (_, j) => ({
        value: JSON.stringify({ complaint_id: i + j, text: TEXTS[(i + j) % TEXTS.length], timestamp: new Date().toISOString() }),
      })),
    });
  }
  const consumer = kafka.consumer({ groupId: `${naiveTopic}-consumer` });
  await consumer.connect();
  await consumer.subscribe({ topic: naiveTopic, fromBeginning: true });
  let inserted = 0;
  await settle(naive.runtime);
  t = process.hrtime.bigint();
  await consumer.run({
    eachMessage: async ({ message }) => {
      const json = JSON.parse(message.value!.toString()) as { complaint_id: number; text: string };
      const c = classify(json.text);
      await store.execute('INSERT INTO naive_tweets (tweet, pnr, prediction, tweet_id) VALUES (?, ?, ?, ?)', [
        json.text,
        c.pnr === null ? null : Number(c.pnr),
        c.emergency,
        String(json.complaint_id),
      ]);
      inserted += 1;
    },
  });
  await until(async () => inserted >= NAIVE);
  const naiveSeconds = seconds(t);
  await consumer.disconnect();
  console.log(`  naive (one message, one INSERT)   ${rate(NAIVE, naiveSeconds)}`);
  console.log(`  ratio end to end / naive          ${(N / e2eSeconds / (NAIVE / naiveSeconds)).toFixed(1)}x`);
  await naive.drop();

  // Rebuild of tweets from REBUILD_EVENTS events: half of them complaints, half their classifications, as the log has.
  const rebuild = await deployment('rebuild');
  await produce(producer, rebuild.runtime, REBUILD_EVENTS / 2);
  for (let i = 0; i < REBUILD_EVENTS / 2; i += 5000) {
    const messages = Array.from({ length: Math.min(5000, REBUILD_EVENTS / 2 - i) }, (_, j) => {
      const event = aComplaintClassified(`c-${i + j}`, { prediction: (i + j) % 6 === 2 || (i + j) % 6 === 5 ? 1 : 0 });
      return { key: event.data.complaintId, value: rebuild.runtime.events.codec.encode(event) };
    });
    await producer.send({ topic: rebuild.runtime.topics.classified, acks: -1, messages });
  }
  // A rebuild catches up on the classified topic with what the live projection has applied: all of it here.
  const classifiedEnds = await rebuild.runtime.events.log.endOffsets(rebuild.runtime.topics.classified);
  await rebuild.runtime.store.transaction((tx) =>
    saveCheckpoints(rebuild.runtime.store, tx, LIVE_TWEETS_TABLES.checkpoints, [...classifiedEnds].map(([partition, nextOffset]) => ({ topic: rebuild.runtime.topics.classified, partition, nextOffset }))),
  );
  await settle(rebuild.runtime);
  t = process.hrtime.bigint();
  const result = await rebuildTweets({ events: rebuild.runtime.events, store: rebuild.runtime.store, logger: silentLogger() });
  const rebuildSeconds = seconds(t);
  console.log(`  rebuild tweets                    ${rate(result.events, rebuildSeconds)} events`);
  await rebuild.drop();

  await producer.disconnect();
  await dropTopics(admin);
  await admin.disconnect();
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
