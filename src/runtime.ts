import fs from 'node:fs';
import type { Config } from './config';
import { EventCodec } from './events/codec';
import { ConfluentSchemaRegistry } from './events/confluent-registry';
import { KafkaEventLog } from './eventlog/kafka-log';
import { allTopics, deadLetterTopic, defaultTopics, type Topics } from './events/topics';
import { EmbeddedEventLog } from './eventlog/embedded-log';
import { EmbeddedSchemaRegistry } from './eventlog/embedded-registry';
import type { EventLog } from './eventlog/event-log';
import { EventStore } from './eventlog/event-store';
import type { Logger } from './logger';
import { backfillFirstResponse } from './projections/first-response-backfill';
import { LIVE_TWEETS_TABLES, migrate } from './store/migrations';
import { migrateProjections } from './projections/registry';
import type { ReadStore } from './store/read-store';
import { MysqlReadStore } from './store/mysql-store';
import { SqliteReadStore } from './store/sqlite-store';

/** The engines behind the interfaces, chosen by configuration: embedded SQLite by default. */
export interface Runtime {
  config: Config;
  logger: Logger;
  topics: Topics;
  events: EventStore;
  store: ReadStore;
  close(): Promise<void>;
}

const openEventLog = async (config: Config, logger: Logger): Promise<{ log: EventLog; codec: EventCodec; topics: Topics }> => {
  const topics = defaultTopics(config.rawTopic, config.namespace);
  if (config.eventLog.engine === 'kafka') {
    const log = await KafkaEventLog.connect(
      { brokers: config.eventLog.brokers, clientId: 'railsewa', defaultPartitions: config.partitions },
      logger,
    );
    return { log, codec: new EventCodec(new ConfluentSchemaRegistry(config.eventLog.schemaRegistryUrl), topics), topics };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const log = EmbeddedEventLog.open(config.eventLog.file, config.partitions, logger);
  const codec = new EventCodec(new EmbeddedSchemaRegistry(log.db), topics);
  return { log, codec, topics };
};

const openReadStore = async (config: Config): Promise<ReadStore> => {
  if (config.readStore.engine === 'mysql') return new MysqlReadStore(config.readStore);
  fs.mkdirSync(config.dataDir, { recursive: true });
  return new SqliteReadStore(config.readStore.file);
};

export const openRuntime = async (config: Config, logger: Logger): Promise<Runtime> => {
  const { log, codec, topics } = await openEventLog(config, logger);
  await log.ensureTopics([
    ...allTopics(topics).map((topic) => ({ topic })),
    ...allTopics(topics).map((topic) => ({ topic: deadLetterTopic(topic), partitions: 1 })),
  ]);
  await codec.init();
  const store = await openReadStore(config);
  await migrate(store);
  await backfillFirstResponse(store, LIVE_TWEETS_TABLES.tweets, config.responseTargets);
  await migrateProjections(store);
  return {
    config,
    logger,
    topics,
    events: new EventStore(log, codec, topics),
    store,
    close: async () => {
      await log.close();
      await store.close();
    },
  };
};
