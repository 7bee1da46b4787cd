import path from 'node:path';
import type { ReadStore } from '../../src/store/read-store';
import { SqliteReadStore } from '../../src/store/sqlite-store';
import { freshMysqlStore, mysqlSettings } from './services';
import { tempDir } from './temp';

/** A fresh read store of one engine for a test file, and how to throw it away. */
export interface Engine {
  store: ReadStore;
  dispose: () => Promise<void>;
}

export const sqliteEngine = async (): Promise<Engine> => {
  const temp = tempDir();
  const store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
  return {
    store,
    dispose: async () => {
      await store.close();
      temp.remove();
    },
  };
};

/** A database of its own on the stack's MariaDB, named after `label`. */
export const mariadbEngine = async (label: string): Promise<Engine> => {
  const fresh = await freshMysqlStore(label);
  return { store: fresh.store, dispose: fresh.drop };
};

/**
 * The settings that put a process's read store on SQLite (none: the embedded default) or on a database of its own on
 * the stack's MariaDB (named after `label`), and how to throw it away: for tests that start the product or its CLI.
 */
export const storeSettings = (label: string): [string, () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>][] => [
  ['SQLite', async () => ({ env: {}, drop: async () => undefined })],
  [
    'MariaDB',
    async () => {
      const fresh = await freshMysqlStore(label);
      await fresh.store.close();
      const s = mysqlSettings();
      return { env: { DB_HOST: s.host, DB_PORT: String(s.port), DB_USER: s.user, DB_PASSWORD: s.password, DB_NAME: fresh.database }, drop: fresh.drop };
    },
  ],
];
