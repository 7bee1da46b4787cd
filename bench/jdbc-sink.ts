/**
 * Debezium's JDBC sink connector, run by a Kafka Connect standalone worker (scripts/services/connect.sh), as a peer
 * of the tweets projector in bench:pipeline: it reads the same Avro events (raw_tweets and classified_tweets, in the
 * Confluent wire format, schemas from the registry through Apicurio's AvroConverter) and upserts them by tweet_id
 * into a table made by the product's own migration, so identical to `tweets`.
 *
 * Kafka Connect's own transforms turn each event into a row: Flatten makes `data.text` a field `data_text`, and
 * ReplaceField, one per topic (TopicNameMatches predicates), keeps and renames the fields to the table's columns. Each
 * event type fills its own columns, and an upsert (`INSERT ... ON DUPLICATE KEY UPDATE` on the tweet_id unique key)
 * updates only those, so a complaint's row is complete whichever of its two events comes first. What stock transforms
 * cannot do is left out and said so: `keywords` (an Avro array), and the columns the projector derives (status,
 * updated_at, time, stats).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');
const CONNECT_SH = path.join(REPO_ROOT, 'scripts', 'services', 'connect.sh');

/** event field (after Flatten) -> tweets column, per topic */
const RAW_COLUMNS: Record<string, string> = {
  data_complaintId: 'tweet_id',
  data_text: 'tweet',
  data_reference: 'reference',
  data_source: 'source',
  data_userId: 'user_id',
  data_chatId: 'chat_id',
  data_username: 'username',
  data_firstName: 'first_name',
  data_lastName: 'last_name',
  data_contact: 'contact',
  data_receivedAt: 'received_at',
  data_messageId: 'message_id',
  data_photoFileId: 'photo_file_id',
  metadata_eventId: 'received_event_id',
};
const CLASSIFIED_COLUMNS: Record<string, string> = {
  data_complaintId: 'tweet_id',
  data_prediction: 'prediction',
  data_category: 'category',
  data_priority: 'priority',
  data_confidence: 'confidence',
  data_modelVersion: 'model_version',
  data_language: 'language',
  data_pnr: 'pnr',
  data_train: 'train',
  data_coach: 'coach',
  data_berth: 'berth',
  data_classifiedAt: 'classified_at',
  data_review: 'review',
  metadata_eventId: 'classified_event_id',
};

export interface JdbcSinkSettings {
  /** a name unique to this run: connector, consumer group, work folder */
  name: string;
  brokers: string[];
  /** the Confluent-compatible URL the product uses (…/apis/ccompat/v7); the converter uses the registry's own API */
  schemaRegistryUrl: string;
  rawTopic: string;
  classifiedTopic: string;
  mysql: { host: string; port: number; user: string; password: string; database: string };
  table: string;
  /** Kafka Connect tasks (consumers) writing side by side */
  tasks: number;
  /** records per poll and per flush */
  batchSize: number;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const properties = (entries: Record<string, string | number>): string =>
  Object.entries(entries)
    .map(([key, value]) => `${key}=${String(value).replace(/\\/g, '\\\\')}`)
    .join('\n') + '\n';

const regexOf = (topic: string) => topic.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The worker's and the connector's configuration, as Kafka Connect standalone reads them. */
export const jdbcSinkConfig = (s: JdbcSinkSettings, dir: string, restPort: number): { worker: string; connector: string } => {
  const registryApi = s.schemaRegistryUrl.replace(/\/apis\/ccompat\/v\d+\/?$/, '/apis/registry/v2');
  const worker = properties({
    'bootstrap.servers': s.brokers.join(','),
    'listeners': `http://127.0.0.1:${restPort}`,
    'offset.storage.file.filename': path.join(dir, 'connect.offsets'),
    // sink tasks commit their offsets this often: the benchmark reads them to know when the connector is done
    'offset.flush.interval.ms': 250,
    'plugin.discovery': 'only_scan',
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'io.apicurio.registry.utils.converter.AvroConverter',
    'value.converter.apicurio.registry.url': registryApi,
    // the product's Confluent wire format: magic byte, 4-byte id; the ccompat API's ids are content ids
    'value.converter.apicurio.registry.as-confluent': 'true',
    'value.converter.apicurio.registry.use-id': 'contentId',
    'consumer.max.poll.records': s.batchSize,
    'consumer.fetch.max.bytes': 52_428_800,
    'consumer.max.partition.fetch.bytes': 10_485_760,
    'consumer.auto.offset.reset': 'earliest',
    // the classifier writes in transactions: only committed ones are complaints' classifications
    'consumer.isolation.level': 'read_committed',
  });
  const pick = (columns: Record<string, string>) => ({
    include: Object.keys(columns).join(','),
    renames: Object.entries(columns).map(([field, column]) => `${field}:${column}`).join(','),
  });
  const raw = pick(RAW_COLUMNS);
  const classified = pick(CLASSIFIED_COLUMNS);
  const { host, port, user, password, database } = s.mysql;
  const connector = properties({
    'name': s.name,
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    'tasks.max': s.tasks,
    'topics': `${s.rawTopic},${s.classifiedTopic}`,
    // JDBC batches sent as multi-row statements; the session's sql_mode lets a classification arrive before its
    // complaint's text (tweet is TEXT NOT NULL with no default: the complaint's own upsert fills it)
    'connection.url': `jdbc:mysql://${host}:${port}/${database}?rewriteBatchedStatements=true&jdbcCompliantTruncation=false&sessionVariables=sql_mode=NO_ENGINE_SUBSTITUTION`,
    'connection.username': user,
    'connection.password': password,
    'connection.pool.min_size': 1,
    'connection.pool.max_size': Math.max(2, s.tasks),
    'insert.mode': 'upsert',
    'primary.key.mode': 'record_value',
    'primary.key.fields': 'tweet_id',
    'schema.evolution': 'none',
    'collection.name.format': s.table,
    'batch.size': s.batchSize,
    'transforms': 'flatten,rawColumns,classifiedColumns',
    'transforms.flatten.type': 'org.apache.kafka.connect.transforms.Flatten$Value',
    'transforms.flatten.delimiter': '_',
    'transforms.rawColumns.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
    'transforms.rawColumns.include': raw.include,
    'transforms.rawColumns.renames': raw.renames,
    'transforms.rawColumns.predicate': 'isRaw',
    'transforms.classifiedColumns.type': 'org.apache.kafka.connect.transforms.ReplaceField$Value',
    'transforms.classifiedColumns.include': classified.include,
    'transforms.classifiedColumns.renames': classified.renames,
    'transforms.classifiedColumns.predicate': 'isClassified',
    'predicates': 'isRaw,isClassified',
    'predicates.isRaw.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
    'predicates.isRaw.pattern': regexOf(s.rawTopic),
    'predicates.isClassified.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
    'predicates.isClassified.pattern': regexOf(s.classifiedTopic),
    'errors.tolerance': 'none',
  });
  return { worker, connector };
};

export interface RunningJdbcSink {
  /** resolves once the connector's tasks are RUNNING (rejects if the worker exits or a task fails first) */
  running(timeoutMs: number): Promise<void>;
  /** throws with the worker's output if a task has failed */
  assertHealthy(): Promise<void>;
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; removes the work folder */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a Kafka Connect standalone worker running the connector; the worker is this process's child. */
export const startJdbcSink = async (s: JdbcSinkSettings): Promise<RunningJdbcSink> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${s.name}-`));
  const restPort = await freePort();
  const { worker, connector } = jdbcSinkConfig(s, dir, restPort);
  fs.writeFileSync(path.join(dir, 'worker.properties'), worker, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'connector.properties'), connector, { mode: 0o600 });
  const child: ChildProcess = spawn(CONNECT_SH, ['run', path.join(dir, 'worker.properties'), path.join(dir, 'connector.properties')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CONNECT_LOG_LEVEL: process.env.CONNECT_LOG_LEVEL ?? 'WARN' },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const alive = () => child.exitCode === null && child.signalCode === null;

  const status = async (): Promise<{ connector: string; tasks: { state: string; trace?: string }[] } | null> => {
    try {
      const response = await fetch(`http://127.0.0.1:${restPort}/connectors/${encodeURIComponent(s.name)}/status`, { signal: AbortSignal.timeout(2000) });
      if (!response.ok) return null;
      const body = (await response.json()) as { connector: { state: string }; tasks: { state: string; trace?: string }[] };
      return { connector: body.connector.state, tasks: body.tasks };
    } catch {
      // the worker's REST server is not up yet
      return null;
    }
  };
  const failure = (what: string) => new Error(`Debezium JDBC sink: ${what}\n----- worker output -----\n${output}`);

  return {
    running: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (!alive()) throw failure(`the Kafka Connect worker exited with ${child.exitCode ?? child.signalCode}`);
        const now = await status();
        const failed = now?.tasks.find((t) => t.state === 'FAILED');
        if (failed) throw failure(`a task failed: ${failed.trace ?? ''}`);
        if (now && now.connector === 'RUNNING' && now.tasks.length > 0 && now.tasks.every((t) => t.state === 'RUNNING')) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw failure(`its tasks were not RUNNING within ${timeoutMs / 1000} s`);
    },
    assertHealthy: async () => {
      if (!alive()) throw failure(`the Kafka Connect worker exited with ${child.exitCode ?? child.signalCode}`);
      const failed = (await status())?.tasks.find((t) => t.state === 'FAILED');
      if (failed) throw failure(`a task failed: ${failed.trace ?? ''}`);
    },
    output: () => output,
    stop: async (graceMs = 30_000) => {
      if (alive()) {
        child.kill('SIGTERM');
        const killed = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), graceMs))]);
        if (killed && alive()) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};
