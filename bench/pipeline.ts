/**
 * The scaled-out pipeline on the local Kafka, Schema Registry and MariaDB (`make stack`): complaints produced to
 * raw_tweets, classified and projected; per stage and end to end, side by side with two peers on the same rows: Debezium's
 * JDBC sink connector (Kafka Connect standalone, scripts/services/connect.sh) and a naive pipeline in the original
 * design's manner; each stage's own ceiling on the same stack (produce only, consume only, a multi-row INSERT); latency
 * at a steady 1,000/s; and a rebuild of tweets. Usage: npm run bench:pipeline [-- COMPLAINTS REBUILD_EVENTS]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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
import { LIVE_TWEETS_TABLES, type TweetsTables } from '../src/store/migrations';
import { createTweetsTablesMysql } from '../src/store/mysql-migrations';
import type { SqlValue } from '../src/store/read-store';
import { TWEET_COLUMNS } from '../src/projections/tweet-row';
import { aComplaintClassified, aComplaintReceived } from '../test/support/fixtures';
import { freshMysqlStore, kafkaBrokers, mysqlSettings } from '../test/support/services';
import { startRole } from '../test/support/serve-process';
import { schemaRegistryUrl } from '../test/support/stack';
import { startJdbcSink } from './jdbc-sink';
import { profileLines, summarizeProfile } from './profile';

const N = Number(process.argv[2] ?? 200_000);
const REBUILD_EVENTS = Number(process.argv[3] ?? 1_000_000);
const NAIVE = Math.min(N, 20_000);
/** the deployments' partitions per topic (the product's default) */
const PARTITIONS = 6;
/** Kafka Connect tasks of the Debezium JDBC sink: one per core, as the projector's work is spread over the cores */
const JDBC_SINK_TASKS = Number(process.env.JDBC_SINK_TASKS ?? Math.max(1, os.cpus().length));
const TEXTS = [
  'Train 12951 coach B3: AC not working since Kota',
  'Coach S7 toilet is very dirty and no water, train 12627',
  'A man is harassing women in coach S4 of 12802, please help now',
  'ट्रेन 12301 के कोच B2 में खाना बहुत खराब है',
  'Bhai train 2 ghante late hai, koi update nahi',
  'Passenger fainted in coach A1 of 22691, need a doctor urgently',
];

const kafka = new Kafka({ clientId: 'railsewa-bench', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
/** What the run is doing, on stderr: the figures are printed together at the end. */
const progress = (what: string) => process.stderr.write(`  [${new Date().toISOString().slice(11, 19)}] ${what}\n`);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (count: number, s: number) => `${Math.round(count / s).toLocaleString('en-US')}/s (${s.toFixed(1)} s)`;
/** Waits for `check`, at most `limitMs` (30 minutes by default: far beyond any phase at the default sizes). */
const until = async (check: () => Promise<boolean>, limitMs = 30 * 60_000) => {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not done after ${limitMs / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];

/** Every phase's topic namespace: its topics are deleted when the benchmark ends. */
const namespaces: string[] = [];
/** What a failed run still has to stop or drop (role processes, databases), newest first; done ones are removed. */
const leftovers = new Set<() => Promise<unknown>>();
const tracked = <T>(undo: () => Promise<T>): (() => Promise<T>) => {
  const once = () => {
    leftovers.delete(once);
    return undo();
  };
  leftovers.add(once);
  return once;
};
/** PIPELINE_PROFILE_DIR=DIR: the end-to-end role processes write CPU profiles there, summarized after the table. */
const PROFILE_DIR = process.env.PIPELINE_PROFILE_DIR ? path.resolve(process.env.PIPELINE_PROFILE_DIR) : null;
const role = async (name: 'classifier' | 'projector', env: Record<string, string>, profile = false) => {
  const profiling: Record<string, string> = profile && PROFILE_DIR ? { NODE_OPTIONS: `--import ${pathToFileURL(path.join(__dirname, 'cpu-profile.mjs')).href}`, CPU_PROFILE_DIR: path.join(PROFILE_DIR, name) } : {};
  // The projector runs tweets only, the projection the figures compare with the JDBC sink and the naive pipeline.
  const child = await startRole(name, { ...env, PROJECTIONS: 'tweets', ...profiling });
  return { kill: tracked(() => child.kill('SIGTERM')) };
};

/**
 * Deletes the benchmark's topics, once its producer has disconnected (a kafkajs producer refreshes the metadata of
 * every topic it wrote to, and fails on one that is gone). A stack that keeps every run's millions of events slows
 * later runs down.
 */
const dropTopics = async (admin: Admin): Promise<void> => {
  const topics = (await admin.listTopics()).filter((topic) => namespaces.some((namespace) => topic.startsWith(namespace)));
  if (topics.length > 0) await admin.deleteTopics({ topics });
};

const deployment = async (label: string): Promise<{ runtime: Runtime; env: Record<string, string>; database: string; drop: () => Promise<void> }> => {
  const db = await freshMysqlStore(label);
  const mysql = mysqlSettings();
  const env = {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    SCHEMA_REGISTRY_URL: schemaRegistryUrl(),
    KAFKA_NAMESPACE: `bench_${label}_${randomBytes(3).toString('hex')}_`,
    KAFKA_PARTITIONS: String(PARTITIONS),
    DB_HOST: mysql.host,
    DB_PORT: String(mysql.port),
    DB_USER: mysql.user,
    DB_PASSWORD: mysql.password,
    DB_NAME: db.database,
    LOG_LEVEL: 'silent',
  };
  const runtime = await openRuntime(loadConfig(env, '/nonexistent/.env'), silentLogger());
  namespaces.push(env.KAFKA_NAMESPACE);
  return { runtime, env, database: db.database, drop: tracked(async () => { await runtime.close(); await db.drop(); }) };
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

/** A table made by the product's own migration, so identical to `tweets` (columns, types, indexes). */
const tweetsLike = (prefix: string): TweetsTables => ({ tweets: `${prefix}_tweets`, stats: `${prefix}_tweet_stats`, checkpoints: `${prefix}_checkpoints` });

/** Consume-only ceiling: the product's consumer (same batch size) fetching and decoding every event, writing nothing. */
const consumeOnly = async (runtime: Runtime, topic: string, count: number): Promise<number> => {
  let decoded = 0;
  const t = process.hrtime.bigint();
  const subscription = await runtime.events.log.subscribe({
    groupId: `${runtime.topics.namespace}consume-only`,
    topics: [topic],
    fromBeginning: true,
    maxBatchSize: 20_000,
    concurrency: 6,
    eachBatch: async (batch) => {
      for (const message of batch.messages) await runtime.events.codec.decode(message.value);
      decoded += batch.messages.length;
    },
  });
  await until(async () => decoded >= count);
  const s = seconds(t);
  await subscription.stop();
  return s;
};

/**
 * Debezium's JDBC sink on the staged topics (both event topics, as the projector reads them) into a table of its own.
 * Timed from the moment its task runs (the worker's JVM start is left out) until its committed offsets cover every
 * event; then the table is checked for every complete row.
 */
const debeziumSink = async (runtime: Runtime, admin: Admin, database: string, count: number): Promise<{ seconds: number; startSeconds: number }> => {
  const tables = tweetsLike('connector');
  await createTweetsTablesMysql(runtime.store, tables);
  const name = `${runtime.topics.namespace}jdbc-sink`;
  const topics = [runtime.topics.raw, runtime.topics.classified];
  // Done when the connector has committed every partition's last event. A sink task commits the offset after the
  // last record it wrote; on the classified topic the classifier's transaction marker follows that record.
  const targets = new Map<string, Map<number, number>>();
  for (const topic of topics) {
    const marker = topic === runtime.topics.classified ? 1 : 0;
    targets.set(topic, new Map([...(await runtime.events.log.endOffsets(topic))].map(([partition, end]) => [partition, Math.max(0, end - marker)])));
  }
  const launched = process.hrtime.bigint();
  const sink = await startJdbcSink({
    name,
    brokers: kafkaBrokers(),
    schemaRegistryUrl: schemaRegistryUrl(),
    rawTopic: runtime.topics.raw,
    classifiedTopic: runtime.topics.classified,
    mysql: { ...mysqlSettings(), database },
    table: tables.tweets,
    tasks: JDBC_SINK_TASKS,
    batchSize: 5000,
  });
  const stop = tracked(() => sink.stop());
  try {
    await sink.running(180_000);
    const startSeconds = seconds(launched);
    const t = process.hrtime.bigint();
    const deadline = Date.now() + 30 * 60_000;
    const done = async () => {
      const offsets = await admin.fetchOffsets({ groupId: `connect-${name}`, topics });
      return offsets.every(({ topic, partitions }) => partitions.every((p) => Number(p.offset) >= (targets.get(topic)?.get(p.partition) ?? 0)));
    };
    const complete = async () => {
      const [{ n }] = await runtime.store.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM ${tables.tweets} WHERE received_event_id IS NOT NULL AND classified_event_id IS NOT NULL AND tweet <> ''`,
      );
      return Number(n);
    };
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error(`Debezium JDBC sink: not done after 30 minutes\n${sink.output()}`);
      await sink.assertHealthy();
      await new Promise((r) => setTimeout(r, 100));
    }
    const s = seconds(t);
    const rows = await complete();
    if (rows !== count) throw new Error(`Debezium JDBC sink: ${rows} complete rows, ${count} expected\n${sink.output()}`);
    return { seconds: s, startSeconds };
  } finally {
    await stop();
  }
};

/**
 * Multi-row INSERT ceiling: the projector's rows, read back, inserted into an identical empty table in transactions of
 * 5,000 rows, on as many connections side by side as the projector has partitions.
 */
const insertCeiling = async (runtime: Runtime): Promise<{ rows: number; seconds: number }> => {
  const tables = tweetsLike('ceiling');
  await createTweetsTablesMysql(runtime.store, tables);
  const rows = (await runtime.store.query<Record<string, SqlValue>>(`SELECT ${TWEET_COLUMNS.join(', ')} FROM ${LIVE_TWEETS_TABLES.tweets}`)).map((row) =>
    TWEET_COLUMNS.map((c) => row[c]),
  );
  const streams = PARTITIONS;
  const perStream = Math.ceil(rows.length / streams);
  await settle(runtime);
  const t = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: streams }, async (_, k) => {
      const mine = rows.slice(k * perStream, (k + 1) * perStream);
      for (let i = 0; i < mine.length; i += 5000) {
        const chunk = mine.slice(i, i + 5000);
        await runtime.store.transaction((tx) => runtime.store.insert(tx, { table: tables.tweets, columns: TWEET_COLUMNS, rows: chunk }));
      }
    }),
  );
  return { rows: rows.length, seconds: seconds(t) };
};

const main = async () => {
  console.log(`pipeline on Kafka + Schema Registry + MariaDB: ${N.toLocaleString('en-US')} complaints, node ${process.version}, ${os.cpus().length} CPUs`);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const admin = kafka.admin();
  await admin.connect();

  // Stage by stage, each on topics already full; the peers and the ceilings on the same rows.
  progress('produce, consume only, classify, project, Debezium JDBC sink, INSERT ceiling');
  const staged = await deployment('staged');
  let t = process.hrtime.bigint();
  await produce(producer, staged.runtime, N);
  const produceSeconds = seconds(t);
  const consumeSeconds = await consumeOnly(staged.runtime, staged.runtime.topics.raw, N);
  t = process.hrtime.bigint();
  const classifier = await roles(staged.runtime).classifier();
  await until(async () => {
    const offsets = await admin.fetchOffsets({ groupId: `${staged.runtime.topics.namespace}railsewa-classifier`, topics: [staged.runtime.topics.raw] });
    return offsets[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0) >= N;
  });
  const classifySeconds = seconds(t);
  await classifier.stop();
  await settle(staged.runtime);
  t = process.hrtime.bigint();
  const projector = await roles(staged.runtime).projector();
  await until(async () => (await classified(staged.runtime)) >= N);
  const projectSeconds = seconds(t);
  await projector.stop();
  await settle(staged.runtime);
  progress('Debezium JDBC sink');
  const sink = await debeziumSink(staged.runtime, admin, staged.database, N);
  progress('INSERT ceiling');
  const ceiling = await insertCeiling(staged.runtime);
  await staged.drop();

  // End to end as deployed: the classifier and the projector each their own process, running while complaints are
  // produced.
  progress('end to end');
  const e2e = await deployment('e2e');
  const running = [await role('classifier', e2e.env, true), await role('projector', e2e.env, true)];
  await settle(e2e.runtime);
  t = process.hrtime.bigint();
  await produce(producer, e2e.runtime, N);
  await until(async () => (await classified(e2e.runtime)) >= N);
  const e2eSeconds = seconds(t);
  for (const r of running) await r.kill();
  await e2e.drop();

  // The naive pipeline of the original design: one message at a time, JSON, one INSERT per message.
  progress('naive pipeline');
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
  await naive.drop();

  const projectRate = N / projectSeconds;
  const sinkRate = N / sink.seconds;
  const naiveRate = NAIVE / naiveSeconds;
  const e2eRate = N / e2eSeconds;
  const ceilings: [string, number, string][] = [
    ['produce only (Avro, acks=-1, 5,000/send)', N / produceSeconds, rate(N, produceSeconds)],
    ['consume only (fetch + Avro decode)', N / consumeSeconds, rate(N, consumeSeconds)],
    ['multi-row INSERT (5,000 rows/tx, 6 at once)', ceiling.rows / ceiling.seconds, rate(ceiling.rows, ceiling.seconds)],
  ];
  const lowest = ceilings.reduce((low, c) => (c[1] < low[1] ? c : low));
  const cell = (text: string) => text.padEnd(26);
  const line = (label: string, ...cells: string[]) => console.log(`  ${label.padEnd(48)}${cells.map(cell).join('')}`.trimEnd());
  line('complaints/s', 'product', 'Debezium JDBC sink', 'naive');
  line('topics -> MariaDB rows (topics full)', rate(N, projectSeconds), rate(N, sink.seconds), `${rate(NAIVE, naiveSeconds)}, ${NAIVE.toLocaleString('en-US')}`);
  line('  what one row costs', 'raw + classified events,', 'raw + classified events,', 'one JSON message,');
  line('', '1 transaction per batch', 'upserts by tweet_id', 'classify, 1 INSERT');
  line('  product / peer', '', `${(projectRate / sinkRate).toFixed(1)}x`, `${(projectRate / naiveRate).toFixed(1)}x`);
  line('end to end (role processes, produce -> row)', rate(N, e2eSeconds), '-', `${(e2eRate / naiveRate).toFixed(1)}x the naive`);
  console.log(`  the JDBC sink's worker took ${sink.startSeconds.toFixed(1)} s to start its tasks (not counted); ${JDBC_SINK_TASKS} task(s); the table lacks keywords (an Avro array) and the columns the projector derives`);
  console.log('stage ceilings, same stack, same rows');
  for (const [label, , text] of ceilings) line(label, text);
  line(`end to end / lowest (${lowest[0].split(' (')[0]})`, `${Math.round((100 * e2eRate) / lowest[1])}%`);
  if (PROFILE_DIR) {
    console.log(`where end to end's time goes (CPU profiles of the role processes, whole life, in ${PROFILE_DIR})`);
    for (const name of ['classifier', 'projector']) {
      const dir = path.join(PROFILE_DIR, name);
      const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort() : [];
      if (files.length === 0) console.log(`  ${name}: no profile written`);
      else for (const text of profileLines(name, summarizeProfile(path.join(dir, files[files.length - 1])))) console.log(`  ${text}`);
    }
  }
  console.log('other stages');
  line('classify (transactional, topics full)', rate(N, classifySeconds));

  // Latency at a steady 1,000 complaints/s for 20 s, on a deployment of its own with the role processes: from just
  // before the append to the classified row visible (polled every 20 ms). The first 5 s warm the new processes up
  // (JIT, the classifier's transactional producers, the group's first assignment) and are not counted.
  progress('steady 1,000/s');
  const steady = await deployment('steady');
  const steadyRoles = [await role('classifier', steady.env), await role('projector', steady.env)];
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
  line('steady 1,000/s: append -> row', `p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms (after 5 s of warm-up)`);
  for (const r of steadyRoles) await r.kill();
  await steady.drop();

  // Rebuild of tweets from REBUILD_EVENTS events: half of them complaints, half their classifications, as the log has.
  progress('rebuild');
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
  line('rebuild tweets (events/s)', rate(result.events, rebuildSeconds));
  await rebuild.drop();

  await producer.disconnect();
  await dropTopics(admin);
  await admin.disconnect();
};

/** After a failure: stops the role processes, drops the databases and the topics the run made. */
const cleanUp = async (): Promise<void> => {
  for (const undo of [...leftovers].reverse()) await undo().catch((error: unknown) => console.error('cleaning up:', error));
  const admin = kafka.admin();
  await admin.connect();
  await dropTopics(admin).finally(() => admin.disconnect());
};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: stopping what the benchmark started`);
    void cleanUp().finally(() => process.exit(1));
  });
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(error);
    await cleanUp().catch((e: unknown) => console.error('cleaning up:', e));
    process.exit(1);
  },
);
