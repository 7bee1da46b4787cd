import net from 'node:net';
import { threadId } from 'node:worker_threads';
import { MysqlReadStore } from '../../src/store/mysql-store';
import { SearchTimeoutError, StoreUnavailableError } from '../../src/store/read-store';
import { freshMysqlStore, mysqlSettings } from '../support/services';
import { THREAD_ENCODER } from '../support/thread-encoder';

const decoded = (body: Buffer): unknown => JSON.parse(body.toString('utf8'));

/** a port nothing listens on */
const closedPort = async (): Promise<number> => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

describe('MariaDB pages are read and encoded on reader threads', () => {
  let store: MysqlReadStore;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ store, drop } = await freshMysqlStore('readers'));
    await store.execute('CREATE TABLE words (id BIGINT PRIMARY KEY, word VARCHAR(50), at TIMESTAMP(3) NULL, bytes VARBINARY(4))');
    await store.execute("INSERT INTO words VALUES (1, 'खराब', '2026-11-20 10:00:00.250', x'00ff'), (9007199254740993, 'kharab', NULL, NULL)");
  });
  afterAll(async () => {
    await drop?.();
  });

  it('encodes rows on a reader thread, as the event loop would have read them', async () => {
    const sql = 'SELECT id, word, at, HEX(bytes) AS hex FROM words ORDER BY id';
    const encoded = await store.queryEncoded(sql, [], THREAD_ENCODER);
    expect(encoded.summary.threadId).not.toBe(threadId);
    expect(encoded.summary.count).toBe(2);
    // utf8mb4, times as UTC strings, an id beyond 2^53 as a string: what the event loop's pool answers
    expect(decoded(encoded.body)).toEqual([
      { id: 1, word: 'खराब', at: '2026-11-20 10:00:00.250', hex: '00FF' },
      { id: '9007199254740993', word: 'kharab', at: null, hex: null },
    ]);
    expect(decoded(encoded.body)).toEqual(JSON.parse(JSON.stringify(await store.query(sql))));
  });

  it('a reader thread’s connections have the event loop’s session settings', async () => {
    const sql = 'SELECT @@session.time_zone AS zone, @@session.tx_isolation AS isolation, @@session.character_set_client AS charset';
    const encoded = await store.queryEncoded(sql, [], THREAD_ENCODER);
    expect(encoded.summary.threadId).not.toBe(threadId);
    expect(decoded(encoded.body)).toEqual([{ zone: '+00:00', isolation: 'READ-COMMITTED', charset: 'utf8mb4' }]);
    expect(decoded(encoded.body)).toEqual(await store.query(sql));
  });

  it('passes parameters as the event loop’s pool does, bytes as bytes', async () => {
    const encoded = await store.queryEncoded('SELECT id FROM words WHERE bytes = ? OR word = ?', [Buffer.from([0, 255]), 'kharab'], THREAD_ENCODER);
    expect(decoded(encoded.body)).toEqual([{ id: 1 }, { id: '9007199254740993' }]);
  });

  it('reads a key lookup on the event loop', async () => {
    const encoded = await store.queryEncoded('SELECT word FROM words WHERE id = ?', [1], THREAD_ENCODER, 'key');
    expect(encoded.summary.threadId).toBe(threadId);
    expect(decoded(encoded.body)).toEqual([{ word: 'खराब' }]);
  });

  it('an SQL error rejects with the server’s message, code and errno', async () => {
    const onLoop = await store.query('SELECT * FROM no_such_table').catch((error: unknown) => error as Error);
    const onThread = await store.queryEncoded('SELECT * FROM no_such_table', [], THREAD_ENCODER).catch((error: unknown) => error as Error);
    expect(onThread).toBeInstanceOf(Error);
    expect(onThread).not.toBeInstanceOf(StoreUnavailableError);
    expect(onThread).toMatchObject({ message: (onLoop as Error).message, code: 'ER_NO_SUCH_TABLE', errno: 1146, sqlState: '42S02' });
  });

  it('an encoder that fails rejects the query with its message', async () => {
    await expect(store.queryEncoded('SELECT 1 AS one', [], { ...THREAD_ENCODER, name: 'noSuchEncoder' })).rejects.toThrow(/exports no function noSuchEncoder/);
  });

  it('a search is stopped at its time limit on the server; a plain page is not limited', async () => {
    const limited = new MysqlReadStore({ ...mysqlSettings(), searchTimeLimitMs: 200 });
    try {
      await expect(limited.queryEncoded('SELECT SLEEP(30) AS slept', [], THREAD_ENCODER, 'search')).rejects.toBeInstanceOf(SearchTimeoutError);
      expect(decoded((await limited.queryEncoded('SELECT SLEEP(0.5) AS slept', [], THREAD_ENCODER)).body)).toEqual([{ slept: 0 }]);
      const quick = await limited.queryEncoded('SELECT 1 AS one', [], THREAD_ENCODER, 'search');
      expect(quick.summary.threadId).not.toBe(threadId);
      expect(decoded(quick.body)).toEqual([{ one: 1 }]);
    } finally {
      await limited.close();
    }
  });

  it('an unreachable database is StoreUnavailableError', async () => {
    const unreachable = new MysqlReadStore({ ...mysqlSettings(), port: await closedPort() });
    try {
      await expect(unreachable.queryEncoded('SELECT 1 AS one', [], THREAD_ENCODER)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await unreachable.close();
    }
  });

  it('close ends the reader threads and their connections', async () => {
    const settings = mysqlSettings();
    const other = new MysqlReadStore({ ...settings, readWorkers: 2 });
    const connections = async () => {
      const answers = await Promise.all([1, 2, 3, 4].map(() => other.queryEncoded('SELECT CONNECTION_ID() AS id, SLEEP(0.2) AS slept', [], THREAD_ENCODER)));
      return new Set(answers.map(({ body }) => (decoded(body) as { id: number }[])[0].id));
    };
    const ids = [...(await connections())];
    expect(ids.length).toBeGreaterThan(1);
    await other.close();
    const open = async () =>
      (await store.query<{ id: number }>(`SELECT id FROM information_schema.processlist WHERE id IN (${ids.join(', ')})`)).map((row) => row.id);
    // the server forgets a connection a moment after the client's goodbye
    for (let i = 0; i < 100 && (await open()).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await open()).toEqual([]);
  });

  it('with no reader threads, the event loop reads and encodes', async () => {
    const inline = new MysqlReadStore({ ...mysqlSettings(), readWorkers: 0 });
    try {
      const encoded = await inline.queryEncoded('SELECT 1 AS one', [], THREAD_ENCODER, 'search');
      expect(encoded.summary.threadId).toBe(threadId);
      expect(decoded(encoded.body)).toEqual([{ one: 1 }]);
    } finally {
      await inline.close();
    }
  });
});
