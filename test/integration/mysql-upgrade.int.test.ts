import bcrypt from 'bcryptjs';
import { applyTweetSlices, findTweet, listTweets, readStats, recountStats } from '../../src/projections/tweets';
import { verifyAdmin } from '../../src/read-api/admins';
import { LIVE_TWEETS_TABLES as T, migrate } from '../../src/store/migrations';
import type { MysqlReadStore } from '../../src/store/mysql-store';
import { aComplaintClassified, aComplaintReceived } from '../support/fixtures';
import { freshMysqlStore } from '../support/services';

/** The original design's schema, as its SQL created it: the tables, their indexes and the stats view. */
const ORIGINAL_SCHEMA = [
  `CREATE TABLE tweets (
    id INT AUTO_INCREMENT PRIMARY KEY,
    tweet VARCHAR(500) NOT NULL,
    username VARCHAR(50),
    pnr BIGINT(10),
    prediction INT(1) DEFAULT 0,
    tweet_id BIGINT(10) UNIQUE,
    user_id BIGINT(20),
    chat_id BIGINT(20),
    source VARCHAR(20) DEFAULT 'Telegram',
    latitude DECIMAL(10,8),
    longitude DECIMAL(11,8),
    time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    response_status INT(1) DEFAULT 0,
    response VARCHAR(500),
    INDEX idx_prediction (prediction),
    INDEX idx_response_status (response_status),
    INDEX idx_time (time),
    INDEX idx_tweet_id (tweet_id),
    INDEX idx_user_id (user_id),
    INDEX idx_source (source)
  )`,
  `CREATE TABLE admin (
    id INT AUTO_INCREMENT PRIMARY KEY,
    username VARCHAR(50) UNIQUE NOT NULL,
    password VARCHAR(255) NOT NULL,
    email VARCHAR(100),
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    last_login TIMESTAMP NULL
  )`,
  `CREATE VIEW tweet_stats AS SELECT
    COUNT(*) AS total_tweets,
    SUM(CASE WHEN prediction = 1 THEN 1 ELSE 0 END) AS emergency_count,
    SUM(CASE WHEN prediction = 0 THEN 1 ELSE 0 END) AS feedback_count,
    SUM(CASE WHEN response_status = 1 THEN 1 ELSE 0 END) AS responded_count,
    SUM(CASE WHEN response_status = 0 THEN 1 ELSE 0 END) AS pending_count
  FROM tweets`,
];

/** Rows as the original design's consumer wrote them: no events behind them. */
const ORIGINAL_ROWS: [string, string, number | null, 0 | 1, number, number, number, 0 | 1, string | null][] = [
  ['Train 12951 coach B3 a man is harassing women', 'asha', 4512791357, 1, 9001, 501, 601, 1, 'RPF staff are on the way'],
  ['Coach S7 toilet is dirty, no water', 'ravi', null, 0, 9002, 502, 602, 0, null],
  ['AC not working in B4, PNR 2345678901', 'meena', 2345678901, 0, 9003, 503, 603, 0, null],
];

const ADMIN = { username: 'legacy.admin', password: 'an old but long password' };

describe("a MariaDB database made by the original design's SQL", () => {
  let db: { store: MysqlReadStore; drop: () => Promise<void> };
  let store: MysqlReadStore;

  beforeAll(async () => {
    db = await freshMysqlStore('upgrade');
    store = db.store;
    for (const sql of ORIGINAL_SCHEMA) await store.execute(sql);
    for (const row of ORIGINAL_ROWS) {
      await store.execute(
        `INSERT INTO tweets (tweet, username, pnr, prediction, tweet_id, user_id, chat_id, source, response_status, response)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'Telegram', ?, ?)`,
        [row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8]],
      );
    }
    await store.execute('INSERT INTO admin (username, password, email) VALUES (?, ?, ?)', [
      ADMIN.username,
      await bcrypt.hash(ADMIN.password, 10),
      'ops@example.org',
    ]);
    await migrate(store);
  });
  afterAll(() => db?.drop());

  const columns = async (table: string) =>
    new Map(
      (
        await store.query<{ name: string; type: string }>(
          'SELECT column_name AS name, column_type AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
          [table],
        )
      ).map((c) => [c.name.toLowerCase(), c.type.toLowerCase()]),
    );

  it('keeps every original column and index, widens the text columns and adds the new ones', async () => {
    const tweets = await columns(T.tweets);
    for (const column of ['id', 'tweet', 'username', 'pnr', 'prediction', 'tweet_id', 'user_id', 'chat_id', 'source', 'latitude', 'longitude', 'time', 'response_status', 'response']) {
      expect({ column, present: tweets.has(column) }).toEqual({ column, present: true });
    }
    expect(tweets.get('tweet')).toContain('text');
    expect(tweets.get('response')).toContain('text');
    expect(tweets.get('tweet_id')).toMatch(/^varchar/);
    for (const column of ['reference', 'category', 'confidence', 'status', 'received_at', 'model_version', 'delivery_status']) {
      expect({ column, present: tweets.has(column) }).toEqual({ column, present: true });
    }
    const indexes = await store.query<{ name: string }>(
      'SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?',
      [T.tweets],
    );
    expect(indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['idx_prediction', 'idx_response_status', 'idx_time', 'idx_tweet_id', 'idx_user_id', 'idx_source', 'idx_status']),
    );
  });

  it('keeps the original rows, readable by their tweet id, with a status', async () => {
    const responded = await findTweet(store, '9001');
    expect(responded).toMatchObject({ tweet: ORIGINAL_ROWS[0][0], username: 'asha', pnr: 4512791357, prediction: 1, response_status: 1, response: 'RPF staff are on the way', status: 'responded' });
    expect(await findTweet(store, '9002')).toMatchObject({ tweet: ORIGINAL_ROWS[1][0], prediction: 0, status: 'new' });
  });

  it('turns the stats view into a table that counts the original rows', async () => {
    const kind = await store.query<{ type: string }>(
      'SELECT table_type AS type FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
      [T.stats],
    );
    expect(kind.map((k) => k.type)).toEqual(['BASE TABLE']);
    expect(await readStats(store)).toEqual({ total: 3, emergency: 1, feedback: 2, responded: 1, pending: 2, review: 0 });
    expect(await readStats(store)).toEqual(await recountStats(store));
  });

  it('indexes the original rows\' words, so the search finds them', async () => {
    expect((await listTweets(store, { filter: 'all', limit: 10, q: 'toilet water' })).map((row) => row.tweet_id)).toEqual(['9002']);
    expect((await listTweets(store, { filter: 'emergency', limit: 10, q: 'harassing' })).map((row) => row.tweet_id)).toEqual(['9001']);
  });

  it('fills the term index of a database made before it, from the rows there, even after a start that stopped half way', async () => {
    const terms = async () => store.query<{ term: string; id: number }>(`SELECT term, id FROM ${T.tweets}_terms ORDER BY term, id`);
    const indexed = await terms();
    expect(indexed.length).toBeGreaterThan(20);
    await store.execute(`DROP TABLE ${T.tweets}_terms`);
    // a start that stopped while filling left a partial table behind under its filling name
    await store.execute(`CREATE TABLE ${T.tweets}_terms_filling (term VARCHAR(84) NOT NULL, id INT NOT NULL, PRIMARY KEY (term, id))`);
    await store.execute(`INSERT INTO ${T.tweets}_terms_filling VALUES ('wwstale', 1)`);
    // the FULLTEXT index the term table replaced goes
    await store.execute(`ALTER TABLE ${T.tweets} ADD FULLTEXT INDEX ft_search (search_text)`);
    await migrate(store);
    const fulltext = await store.query("SELECT 1 FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'tweets' AND index_name = 'ft_search'");
    expect(fulltext).toEqual([]);
    expect(await terms()).toEqual(indexed);
    expect(await store.tableExists(`${T.tweets}_terms_filling`)).toBe(false);
    expect((await listTweets(store, { filter: 'all', limit: 10, q: 'AC' })).map((row) => row.tweet_id)).toEqual(['9003']);
  });

  it('replaces a term index keyed by text (the first layout) with integer keys, filled from the rows', async () => {
    const terms = async () => store.query<{ term: string; id: number }>(`SELECT term, id FROM ${T.tweets}_terms ORDER BY term, id`);
    const indexed = await terms();
    await store.execute(`DROP TABLE ${T.tweets}_terms`);
    await store.execute(`CREATE TABLE ${T.tweets}_terms (term VARCHAR(84) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, id INT NOT NULL, PRIMARY KEY (term, id)) ENGINE=InnoDB`);
    await store.execute(`INSERT INTO ${T.tweets}_terms VALUES ('wwac', 1), ('wwtoilet', 2)`);
    await migrate(store);
    const [term] = await store.query<{ type: string }>(
      "SELECT data_type AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? AND column_name = 'term'",
      [`${T.tweets}_terms`],
    );
    expect(term.type).toBe('bigint');
    expect(await terms()).toEqual(indexed);
    expect(await store.tableExists(`${T.tweets}_terms_text_keyed`)).toBe(false);
    expect((await listTweets(store, { filter: 'all', limit: 10, q: 'toilet water' })).map((row) => row.tweet_id)).toEqual(['9002']);
  });

  it("keeps the original admins' bcrypt passwords", async () => {
    expect(await verifyAdmin(store, ADMIN.username, ADMIN.password)).toBe(true);
    expect(await verifyAdmin(store, ADMIN.username, 'not the password at all')).toBe(false);
  });

  it('projects new events beside the old rows, and a second migration changes nothing', async () => {
    const received = aComplaintReceived();
    const classified = aComplaintClassified(received.data.complaintId, { prediction: 1, category: 'medical' });
    await store.transaction((tx) =>
      applyTweetSlices(store, tx, T, [
        { topic: 'raw_tweets', partition: 0, nextOffset: 1, events: [{ offset: 0, event: received }] },
        { topic: 'classified_tweets', partition: 0, nextOffset: 1, events: [{ offset: 0, event: classified }] },
      ]),
    );
    expect(await findTweet(store, received.data.complaintId)).toMatchObject({ tweet: received.data.text, prediction: 1, category: 'medical' });
    const stats = { total: 4, emergency: 2, feedback: 2, responded: 1, pending: 3, review: 0 };
    expect(await readStats(store)).toEqual(stats);

    const rowsBefore = await store.query('SELECT * FROM tweets ORDER BY id');
    await migrate(store);
    expect(await store.query('SELECT * FROM tweets ORDER BY id')).toEqual(rowsBefore);
    expect(await readStats(store)).toEqual(stats);
    expect(await readStats(store)).toEqual(await recountStats(store));
  });
});
