import path from 'node:path';
import { SqliteReadStore } from '../../src/store/sqlite-store';
import { tempDir } from '../support/temp';

const SLOW_COUNT = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT COUNT(*) AS n FROM c';

describe('SQLite reads run off the event loop', () => {
  const temp = tempDir();
  const store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
  afterAll(async () => {
    await store.close();
    temp.remove();
  });

  it('the event loop keeps turning while a long query runs', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    const [row] = await store.query<{ n: number }>(SLOW_COUNT);
    clearInterval(timer);
    expect(row.n).toBe(2_000_000);
    // A query on the event loop would have returned before any timer could fire.
    expect(turns).toBeGreaterThan(0);
  });

  it('a short query is answered while a long one runs on the other reader', async () => {
    const order: string[] = [];
    const slow = store.query(SLOW_COUNT).then(() => order.push('slow'));
    const quick = store.query<{ one: number }>('SELECT 1 AS one').then((rows) => order.push(`quick ${rows[0].one}`));
    await Promise.all([slow, quick]);
    expect(order).toEqual(['quick 1', 'slow']);
  });

  it('reads what a transaction committed, and never what it has not', async () => {
    await store.execute('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT)');
    let seenInside: number | undefined;
    await store.transaction(async (tx) => {
      await tx.execute("INSERT INTO notes (text) VALUES ('a'), ('b')");
      seenInside = Number((await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM notes'))[0].n);
    });
    expect(seenInside).toBe(0);
    expect(Number((await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM notes'))[0].n)).toBe(2);
  });

  it('answers an SQL error as a rejected query with SQLite’s message and code', async () => {
    await expect(store.query('SELECT * FROM no_such_table')).rejects.toMatchObject({
      message: expect.stringContaining('no such table'),
      code: 'SQLITE_ERROR',
    });
  });
});
