import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { MysqlReadStore } from '../../src/store/mysql-store';

const ENV_STACK = path.resolve(__dirname, '..', '..', '.env.stack');

/** Settings of the real services: from the environment, else from the .env.stack that `make stack` writes. */
export const stackSettings = (): Record<string, string | undefined> => ({
  ...(fs.existsSync(ENV_STACK) ? dotenv.parse(fs.readFileSync(ENV_STACK)) : {}),
  ...process.env,
});

const missing = (what: string, names: string) =>
  new Error(`${what} is not available: set ${names} or run \`make stack\` (make test starts it) so that .env.stack names it`);

export const mysqlSettings = () => {
  const s = stackSettings();
  if (!s.DB_HOST || !s.DB_USER || s.DB_PASSWORD === undefined) throw missing('MariaDB/MySQL', 'DB_HOST, DB_PORT, DB_USER, DB_PASSWORD');
  return { host: s.DB_HOST, port: Number(s.DB_PORT ?? 3306), user: s.DB_USER, password: s.DB_PASSWORD, database: s.DB_NAME ?? 'railsewa' };
};

/** A fresh database for one test file (the service's user may create `railsewa_*` databases). */
export const freshMysqlStore = async (label: string): Promise<{ store: MysqlReadStore; database: string; drop: () => Promise<void> }> => {
  const settings = mysqlSettings();
  const admin = new MysqlReadStore(settings);
  const database = `railsewa_${label}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.slice(0, 60);
  try {
    await admin.execute(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`);
  } finally {
    await admin.close();
  }
  const store = new MysqlReadStore({ ...settings, database });
  return {
    store,
    database,
    drop: async () => {
      await store.close();
      const dropper = new MysqlReadStore(settings);
      await dropper.execute(`DROP DATABASE IF EXISTS ${database}`);
      await dropper.close();
    },
  };
};

export const kafkaBrokers = (): string[] => {
  const s = stackSettings();
  if (!s.KAFKA_BROKERS) throw missing('Kafka', 'KAFKA_BROKERS');
  return s.KAFKA_BROKERS.split(',');
};
