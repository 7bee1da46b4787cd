import path from 'node:path';
import { listAdmins } from '../../src/read-api/admins';
import { migrate } from '../../src/store/migrations';
import type { ReadStore } from '../../src/store/read-store';
import { SqliteReadStore } from '../../src/store/sqlite-store';
import { freshMysqlStore } from '../support/services';
import { tempDir } from '../support/temp';

interface Engine {
  store: ReadStore;
  dispose: () => Promise<void>;
}

const sqlite = async (): Promise<Engine> => {
  const temp = tempDir();
  const store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
  return { store, dispose: async () => { await store.close(); temp.remove(); } };
};

const mariadb = async (): Promise<Engine> => {
  const fresh = await freshMysqlStore('workflow_upgrade');
  return { store: fresh.store, dispose: fresh.drop };
};

describe.each([
  ['SQLite', sqlite],
  ['MariaDB', mariadb],
])('upgrading a read store made before the workflow and roles, on %s', (_, open) => {
  let engine: Engine;
  afterAll(() => engine?.dispose());

  it('makes admins without a role supervisors, received and classified rows new, and keeps responded', async () => {
    engine = await open();
    const { store } = engine;
    await migrate(store);
    // What a release before roles and the workflow left behind.
    await store.execute("INSERT INTO admin (username, username_key, password, role) VALUES ('old.admin', 'old.admin', 'x', NULL)");
    const rows: [string, string][] = [['r-1', 'received'], ['r-2', 'classified'], ['r-3', 'responded'], ['r-4', 'incomplete']];
    for (const [id, status] of rows) {
      await store.execute(
        `INSERT INTO tweets (tweet, tweet_id, status, received_event_id, response_status) VALUES (?, ?, ?, ?, ?)`,
        [status === 'incomplete' ? '' : 'text', id, status, status === 'incomplete' ? null : `e-${id}`, status === 'responded' ? 1 : 0],
      );
    }
    await migrate(store);
    expect((await listAdmins(store)).map((a) => [a.username, a.role])).toEqual([['old.admin', 'supervisor']]);
    const statuses = await store.query<{ tweet_id: string; status: string; notes_count: number }>('SELECT tweet_id, status, notes_count FROM tweets ORDER BY tweet_id');
    expect(statuses.map((r) => [r.tweet_id, r.status, Number(r.notes_count)])).toEqual([
      ['r-1', 'new', 0],
      ['r-2', 'new', 0],
      ['r-3', 'responded', 0],
      ['r-4', 'incomplete', 0],
    ]);
  });
});
