import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { SqliteReadStore } from '../../src/store/sqlite-store';
import { tempDir } from '../support/temp';
import { THREAD_ENCODER } from '../support/thread-encoder';

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

  it('answers rows as objects keyed by their columns, whatever the names, the last of a repeated name winning', async () => {
    const rows = await store.query<Record<string, unknown>>(
      `SELECT 1 AS id, 'a "quoted" name' AS "a ""quoted"" name", NULL AS empty, 2 AS id, 'p' AS __proto__, x'00ff' AS bytes`,
    );
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0])).toEqual(['id', 'a "quoted" name', 'empty', '__proto__', 'bytes']);
    expect(rows[0]).toMatchObject({ id: 2, 'a "quoted" name': 'a "quoted" name', empty: null });
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(rows[0], '__proto__')?.value).toBe('p');
    expect(Buffer.from(rows[0].bytes as Uint8Array)).toEqual(Buffer.from([0, 255]));
    expect(await store.query("SELECT 1 AS one WHERE 1 = 0")).toEqual([]);
  });

  it('encodes rows on the reader thread and hands back its bytes and summary', async () => {
    await store.execute('CREATE TABLE IF NOT EXISTS words (id INTEGER PRIMARY KEY, word TEXT)');
    await store.execute("INSERT INTO words (word) VALUES ('खराब'), ('kharab')");
    const encoded = await store.queryEncoded('SELECT id, word FROM words ORDER BY id', [], THREAD_ENCODER);
    expect(JSON.parse(encoded.body.toString('utf8'))).toEqual([{ id: 1, word: 'खराब' }, { id: 2, word: 'kharab' }]);
    expect(encoded.summary.count).toBe(2);
    expect(encoded.summary.threadId).not.toBe(threadId);
    // a key read is encoded where it was read: on the event loop
    const inline = await store.queryEncoded('SELECT id, word FROM words WHERE id = ?', [2], THREAD_ENCODER, 'key');
    expect(JSON.parse(inline.body.toString('utf8'))).toEqual([{ id: 2, word: 'kharab' }]);
    expect(inline.summary.threadId).toBe(threadId);
  });

  it('an encoder that fails rejects the query with its message', async () => {
    await expect(store.queryEncoded('SELECT 1 AS one', [], { ...THREAD_ENCODER, name: 'noSuchEncoder' })).rejects.toThrow(/exports no function noSuchEncoder/);
  });

  it('a key read on the event loop sees what was committed, never an open transaction', async () => {
    await store.execute('CREATE TABLE IF NOT EXISTS keyed (id INTEGER PRIMARY KEY, text TEXT)');
    let seenInside: unknown[] | undefined;
    await store.transaction(async (tx) => {
      await tx.execute("INSERT INTO keyed (id, text) VALUES (1, 'a')");
      seenInside = await store.keyQuery('SELECT text FROM keyed WHERE id = ?', [1]);
    });
    expect(seenInside).toEqual([]);
    expect(await store.keyQuery('SELECT text FROM keyed WHERE id = ?', [1])).toEqual([{ text: 'a' }]);
  });

  it('answers an SQL error as a rejected query with SQLite’s message and code', async () => {
    await expect(store.query('SELECT * FROM no_such_table')).rejects.toMatchObject({
      message: expect.stringContaining('no such table'),
      code: 'SQLITE_ERROR',
    });
  });
});

describe('SQLite commits leave the write-ahead log to a checkpoint thread', () => {
  const temp = tempDir();
  const file = path.join(temp.dir, 'read.db');
  // no periodic checkpoint during the test: it calls checkpointWal itself
  const store = new SqliteReadStore(file, { checkpointEveryMs: 3_600_000 });
  afterAll(async () => {
    await store.close();
    temp.remove();
  });

  it('a commit of thousands of pages copies none into the database file; the checkpoint thread copies them all', async () => {
    await store.execute('CREATE TABLE pages (id INTEGER PRIMARY KEY, text TEXT)');
    await store.checkpointWal();
    const before = fs.statSync(file).size;
    const text = 'x'.repeat(4000);
    await store.transaction(async (tx) => {
      for (let i = 0; i < 2000; i++) await tx.execute('INSERT INTO pages (text) VALUES (?)', [text]);
    });
    // SQLite's default would have the committing thread (the event loop) copy the log at 1,000 pages
    expect(fs.statSync(file).size).toBe(before);
    const checkpoint = (await store.checkpointWal())!;
    expect(checkpoint.busy).toBe(0);
    expect(checkpoint.log).toBeGreaterThan(2000);
    expect(checkpoint.checkpointed).toBe(checkpoint.log);
    expect(fs.statSync(file).size).toBeGreaterThan(before + 2000 * 4000);
    expect(Number((await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM pages'))[0].n)).toBe(2000);
  });

  it('starts no second checkpoint while one runs, and queries run beside it', async () => {
    const [first, second, read] = await Promise.all([store.checkpointWal(), store.checkpointWal(), store.query<{ one: number }>('SELECT 1 AS one')]);
    expect(first).toMatchObject({ busy: 0 });
    expect(second).toBeNull();
    expect(read).toEqual([{ one: 1 }]);
  });
});
