import path from 'node:path';
import type { ReadStore } from '../../src/store/read-store';
import { SqliteReadStore } from '../../src/store/sqlite-store';
import { freshMysqlStore } from './services';
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
