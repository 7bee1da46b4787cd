import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { openRuntime, type Runtime } from '../../src/runtime';
import { freshMysqlStore, kafkaBrokers, mysqlSettings, stackSettings } from './services';
import { startRole, type ServeProcess } from './serve-process';
import { tempDir } from './temp';

/** The registry the stack runs; tests fail with a clear message when it is not there. */
export const schemaRegistryUrl = (): string => {
  const url = stackSettings().SCHEMA_REGISTRY_URL;
  if (!url) throw new Error('the Schema Registry is not available: set SCHEMA_REGISTRY_URL or run `make stack` (make test starts it)');
  return url;
};

export interface StackDeployment {
  /** settings for every process of this deployment: its own topics, groups and database */
  env: Record<string, string>;
  namespace: string;
  database: string;
  /** this test process's own handle on the deployment's engines */
  runtime: Runtime;
  kafka: Kafka;
  processes: ServeProcess[];
  start(role: Parameters<typeof startRole>[0], extra?: Record<string, string>): Promise<ServeProcess>;
  dispose(): Promise<void>;
}

/** A deployment of its own on the shared Kafka, registry and MariaDB: fresh topics (namespace) and database. */
export const newDeployment = async (label: string): Promise<StackDeployment> => {
  const namespace = `t_${label}_${randomBytes(4).toString('hex')}_`;
  const db = await freshMysqlStore(label);
  const mysql = mysqlSettings();
  const temp = tempDir();
  const env: Record<string, string> = {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    SCHEMA_REGISTRY_URL: schemaRegistryUrl(),
    KAFKA_NAMESPACE: namespace,
    KAFKA_PARTITIONS: '6',
    DB_HOST: mysql.host,
    DB_PORT: String(mysql.port),
    DB_USER: mysql.user,
    DB_PASSWORD: mysql.password,
    DB_NAME: db.database,
    DATA_DIR: temp.dir,
    SESSION_SECRET: randomBytes(24).toString('hex'),
    INTAKE_RATE_PER_MINUTE: '10000000',
    LOG_LEVEL: 'warn',
  };
  const runtime = await openRuntime(loadConfig({ ...env, LOG_LEVEL: 'silent', INSTANCE_ID: `${namespace}test` }, '/nonexistent/.env'), silentLogger());
  const kafka = new Kafka({ clientId: 'railsewa-test', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const processes: ServeProcess[] = [];
  let instances = 0;
  return {
    env,
    namespace,
    database: db.database,
    runtime,
    kafka,
    processes,
    start: async (role, extra = {}) => {
      const child = await startRole(role, { ...env, INSTANCE_ID: `${namespace}${role}${instances++}`, ...extra });
      processes.push(child);
      return child;
    },
    dispose: async () => {
      await Promise.all(processes.map((p) => p.kill('SIGKILL')));
      await runtime.close();
      await db.drop();
      temp.remove();
    },
  };
};
