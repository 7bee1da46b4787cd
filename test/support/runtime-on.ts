import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { openRuntime, type Runtime } from '../../src/runtime';
import { freshMysqlStore, mysqlSettings } from './services';
import { newDeployment } from './stack';
import { tempDir } from './temp';

/**
 * The product's runtime on the embedded log, with its read store on SQLite or on a database of its own on MariaDB
 * (named after `label`); `restart` closes it and starts it again on the same log and store, as a new process would;
 * `dispose` closes it and removes what it made.
 */
export const runtimeOn = async (
  engine: 'sqlite' | 'mariadb',
  label: string,
): Promise<{ readonly runtime: Runtime; restart: () => Promise<Runtime>; dispose: () => Promise<void> }> => {
  const temp = tempDir();
  const env: Record<string, string> = { DATA_DIR: temp.dir, LOG_LEVEL: 'silent' };
  let drop = async (): Promise<void> => undefined;
  if (engine === 'mariadb') {
    const fresh = await freshMysqlStore(label);
    await fresh.store.close();
    const s = mysqlSettings();
    Object.assign(env, { DB_HOST: s.host, DB_PORT: String(s.port), DB_USER: s.user, DB_PASSWORD: s.password, DB_NAME: fresh.database });
    drop = fresh.drop;
  }
  const open = () => openRuntime(loadConfig(env, '/nonexistent/.env'), silentLogger());
  let runtime = await open();
  return {
    get runtime() {
      return runtime;
    },
    restart: async () => {
      await runtime.close();
      runtime = await open();
      return runtime;
    },
    dispose: async () => {
      await runtime.close();
      await drop();
      temp.remove();
    },
  };
};

/**
 * The two deployments a projection test runs on, for `describe.each`: the embedded log with SQLite, and Kafka with
 * the registry and MariaDB (databases and topics named after `label`).
 */
export const logEngines = (label: string): [string, () => Promise<{ runtime: Runtime; dispose: () => Promise<void> }>][] => [
  ['the embedded log and SQLite', async () => runtimeOn('sqlite', label)],
  [
    'Kafka and MariaDB',
    async () => {
      const deployment = await newDeployment(label);
      return { runtime: deployment.runtime, dispose: () => deployment.dispose() };
    },
  ],
];
