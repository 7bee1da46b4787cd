import { applyTweetSlices, listTweets, listTweetsEncoded, type TweetFilter } from '../../src/projections/tweets';
import { TWEETS_PAGE } from '../../src/read-api/tweets-page';
import { LIVE_TWEETS_TABLES as T, migrate } from '../../src/store/migrations';
import { SearchTimeoutError, type ReadStore } from '../../src/store/read-store';
import { termHash } from '../../src/store/search-terms';
import { MysqlReadStore } from '../../src/store/mysql-store';
import { mysqlSettings } from '../support/services';
import type { ComplaintEvent } from '../../src/events/complaint';
import { mariadbEngine, sqliteEngine, type Engine } from '../support/engines';
import { aComplaintClassified, aComplaintReceived } from '../support/fixtures';

const sqlite = sqliteEngine;
const mariadb = () => mariadbEngine('search');

const COMPLAINTS = {
  water: 'Coach S7 toilet is very dirty and there is no water since morning',
  ac: 'AC not working in B3 of 12951, PNR 4512791357',
  hindiFood: 'ट्रेन 12301 के कोच B2 में खाना बहुत खराब है',
  hinglishFood: 'bhai khana bahut kharab hai, pantry wale sun nahi rahe',
  waterAgain: 'water bottle costs 20 rupees more than MRP, no bill given',
  markup: 'He wrote "DROP TABLE tweets; --" and <b>OR 1=1</b> in the chat',
  emergency: 'A man is harassing a woman in coach S4, please help, no police here',
};

describe.each([
  ['SQLite', sqlite],
  ['MariaDB', mariadb],
])('search on %s', (_, open) => {
  let engine: Engine;
  let store: ReadStore;
  const ids: Record<keyof typeof COMPLAINTS, string> = {} as never;
  const references: Record<string, string> = {};

  beforeAll(async () => {
    engine = await open();
    store = engine.store;
    await migrate(store);
    const events: ComplaintEvent[] = [];
    for (const [name, text] of Object.entries(COMPLAINTS) as [keyof typeof COMPLAINTS, string][]) {
      const received = aComplaintReceived({ text, username: name === 'ac' ? 'asha_k' : 'passenger_1' });
      ids[name] = received.data.complaintId;
      references[name] = received.data.reference;
      events.push(received);
      const emergency = name === 'emergency';
      events.push(aComplaintClassified(received.data.complaintId, {
        prediction: emergency ? 1 : 0,
        category: emergency ? 'women_safety' : 'other',
        pnr: name === 'ac' ? '4512791357' : null,
        train: name === 'ac' ? '12951' : null,
      }));
    }
    await store.transaction((tx) =>
      applyTweetSlices(store, tx, T, [{ topic: 'raw_tweets', partition: 0, nextOffset: events.length, events: events.map((event, offset) => ({ offset, event })) }]),
    );
  });
  afterAll(() => engine?.dispose());

  const search = async (q: string, filter: TweetFilter = 'all', limit = 50) =>
    (await listTweets(store, { filter, limit, q })).map((row) => row.tweet_id);
  const named = (...names: (keyof typeof COMPLAINTS)[]) => names.map((name) => ids[name]);

  it('finds every complaint with all the words, newest first', async () => {
    expect(await search('water')).toEqual(named('waterAgain', 'water'));
    expect(await search('no water')).toEqual(named('waterAgain', 'water'));
    expect(await search('water toilet')).toEqual(named('water'));
    expect(await search('Toilet DIRTY')).toEqual(named('water'));
    expect(await search('monsoon')).toEqual([]);
  });

  it('a page answered as JSON (read and encoded on a reader thread) holds what the page of rows holds', async () => {
    for (const q of ['', 'water', 'no water', 'water toilet', '"no water"', 'monsoon', 'खराब', '4512791357', '12951', '@asha_k']) {
      const page = await listTweetsEncoded(store, { filter: 'all', limit: 50, q }, TWEETS_PAGE);
      const tweets = JSON.parse(page.body.toString('utf8')) as { tweet_id: string }[];
      expect(tweets.map((tweet) => tweet.tweet_id)).toEqual(await search(q));
      expect(page.summary.count).toBe(tweets.length);
    }
  });

  it('finds short words and common English words that full-text engines usually drop', async () => {
    expect(await search('AC')).toEqual(named('ac'));
    expect(await search('B3')).toEqual(named('ac'));
    expect(await search('is there')).toEqual(named('water'));
  });

  it('a quoted phrase must appear in that order', async () => {
    expect(await search('"no water"')).toEqual(named('water'));
    expect(await search('"water no"')).toEqual([]);
  });

  it('finds a Hindi word written in Devanagari, and the same word written in Latin letters', async () => {
    expect(await search('खराब')).toEqual(named('hinglishFood', 'hindiFood'));
    expect(await search('kharab')).toEqual(named('hinglishFood', 'hindiFood'));
    expect(await search('खाना खराब')).toEqual(named('hinglishFood', 'hindiFood'));
    expect(await search('कोच')).toEqual(named('hindiFood'));
  });

  it('reads quotes and operators typed into the box as text, and never fails on them', async () => {
    expect(await search('"DROP TABLE tweets; --"')).toEqual(named('markup'));
    expect(await search('OR 1=1')).toEqual(named('markup'));
    expect(await search('+water -toilet')).toEqual(named('water'));
    expect(await search('water*')).toEqual(named('waterAgain', 'water'));
    expect(await search('"unclosed water')).toEqual([]);
    expect(await search('"*"')).toEqual([]);
    expect(await search('NEAR(water morning)')).toEqual([]);
  });

  it('looks up a PNR, a reference, a complaint id, a train number and a username exactly', async () => {
    expect(await search('4512791357')).toEqual(named('ac'));
    expect(await search(references.hindiFood.toLowerCase())).toEqual(named('hindiFood'));
    expect(await search(ids.markup)).toEqual(named('markup'));
    expect(await search('12951')).toEqual(named('ac'));
    expect(await search('@asha_k')).toEqual(named('ac'));
  });

  it('combines a search with the filter, and pages with before', async () => {
    expect(await search('no', 'emergency')).toEqual(named('emergency'));
    expect(await search('no', 'feedback')).toEqual(named('waterAgain', 'water'));
    const first = await listTweets(store, { filter: 'all', limit: 2, q: 'no' });
    expect(first.map((r) => r.tweet_id)).toEqual(named('emergency', 'waterAgain'));
    const next = await listTweets(store, { filter: 'all', limit: 2, q: 'no', before: first[1].id });
    expect(next.map((r) => r.tweet_id)).toEqual(named('water'));
  });

  it('checks every other word and phrase on the rows the rarest word leads to, and pages a Hindi word', async () => {
    expect(await search('खराब pantry')).toEqual(named('hinglishFood'));
    expect(await search('pantry खराब')).toEqual(named('hinglishFood'));
    expect(await search('"no water" morning')).toEqual(named('water'));
    expect(await search('"no water" bill')).toEqual([]);
    expect(await search('खराब', 'emergency')).toEqual([]);
    const first = await listTweets(store, { filter: 'all', limit: 1, q: 'kharab' });
    expect(first.map((r) => r.tweet_id)).toEqual(named('hinglishFood'));
    const next = await listTweets(store, { filter: 'all', limit: 1, q: 'खराब', before: first[0].id });
    expect(next.map((r) => r.tweet_id)).toEqual(named('hindiFood'));
    expect(await listTweets(store, { filter: 'all', limit: 1, q: 'खराब', before: next[0].id })).toEqual([]);
  });

  it('finds the new text of an amended complaint and no longer the old one', async () => {
    const amended: ComplaintEvent = {
      type: 'ComplaintAmended',
      data: { complaintId: ids.ac, text: 'AC and fan both dead in B3', amendedAt: '2026-11-20T10:30:00.000Z' },
      metadata: { eventId: 'amend-search-1', occurredAt: '2026-11-20T10:30:00.000Z', correlationId: ids.ac, causationId: null },
    };
    await store.transaction((tx) => applyTweetSlices(store, tx, T, [{ topic: 'raw_tweets', partition: 1, nextOffset: 1, events: [{ offset: 0, event: amended }] }]));
    expect(await search('fan dead')).toEqual(named('ac'));
    expect(await search('working')).toEqual([]);
    expect(await search('B3')).toEqual(named('ac'));
  });
});

describe('search on MariaDB walks the term index', () => {
  let engine: Engine;

  beforeAll(async () => {
    engine = await mariadb();
    await migrate(engine.store);
    const events: ComplaintEvent[] = [];
    for (let i = 0; i < 30; i++) {
      const received = aComplaintReceived({ text: i % 3 === 0 ? 'no water in coach, खाना खराब' : 'no light in coach' });
      events.push(received, aComplaintClassified(received.data.complaintId, { prediction: i % 2 === 0 ? 1 : 0 }));
    }
    await engine.store.transaction((tx) =>
      applyTweetSlices(engine.store, tx, T, [{ topic: 'raw_tweets', partition: 0, nextOffset: events.length, events: events.map((event, offset) => ({ offset, event })) }]),
    );
  });
  afterAll(() => engine?.dispose());

  it('reads the leading term newest first through the primary key, with no sort of the matches', async () => {
    const explained: { table: string; key: string | null; Extra: string | null; select_type: string }[][] = [];
    const spy = engine.store as unknown as { searchQuery: (sql: string, params?: unknown[]) => Promise<unknown[]> };
    const query = spy.searchQuery.bind(engine.store);
    spy.searchQuery = async (sql, params) => {
      if (sql.includes('ORDER BY')) explained.push((await query(`EXPLAIN ${sql}`, params)) as never);
      return query(sql, params);
    };
    expect(await listTweets(engine.store, { filter: 'emergency', limit: 3, q: 'coach water' })).toHaveLength(3);
    expect(await listTweets(engine.store, { filter: 'all', limit: 3, q: 'coach water' })).toHaveLength(3);
    expect(await listTweets(engine.store, { filter: 'all', limit: 3, q: 'खराब' })).toHaveLength(3);
    expect(await listTweets(engine.store, { filter: 'all', limit: 3, q: '"no light"', before: 1000 })).toHaveLength(3);
    expect(explained).toHaveLength(4);
    for (const plan of explained) {
      const walks = plan.filter((step) => step.table === 'd');
      expect(walks).toHaveLength(1);
      expect(walks[0].key).toBe('PRIMARY');
      // each candidate is read by its primary key, and the other words are checked on it: no other term is read
      expect(plan.map((step) => step.table)).toEqual(['d', 't']);
      expect(plan.find((step) => step.table === 't')?.key).toBe('PRIMARY');
      for (const step of plan) expect(step.Extra ?? '').not.toMatch(/filesort|temporary/i);
    }
  });

  it('never answers a row whose terms only share a hash with a word of the search', async () => {
    const listed = async (q: string) => (await listTweets(engine.store, { filter: 'all', limit: 50, q })).map((row) => row.id);
    const [dry] = await engine.store.query<{ id: number }>(`SELECT id FROM ${T.tweets} WHERE search_text NOT LIKE '%wwwater%' ORDER BY id DESC LIMIT 1`);
    const [wet] = await engine.store.query<{ id: number }>(`SELECT id FROM ${T.tweets} WHERE search_text LIKE '%wwwater%' ORDER BY id DESC LIMIT 1`);
    expect(await listed('water')).toHaveLength(10);
    // as if another key hashed to water's term, and to light's on a row without light
    await engine.store.execute(`INSERT INTO ${T.tweets}_terms (term, id) VALUES (?, ?), (?, ?)`, [termHash('wwwater'), dry.id, termHash('wwlight'), wet.id]);
    expect(await listed('water')).toHaveLength(10);
    expect(await listed('water')).not.toContain(dry.id);
    expect(await listed('no water')).not.toContain(dry.id);
    expect(await listed('light')).not.toContain(wet.id);
    expect(await listed('light')).toHaveLength(20);
  });

  it('stops a search at its time limit on the server', async () => {
    const limited = new MysqlReadStore({ ...mysqlSettings(), searchTimeLimitMs: 200 });
    try {
      await expect(limited.searchQuery('SELECT SLEEP(30) AS slept')).rejects.toBeInstanceOf(SearchTimeoutError);
      expect(await limited.searchQuery<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await limited.close();
    }
  });
});

describe('search on SQLite reads through indexes only', () => {
  it('no search plan scans the tweets table', async () => {
    const { store, dispose } = await sqlite();
    try {
      await migrate(store);
      const plans: string[] = [];
      type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;
      const spy = store as unknown as { query: Query; searchQuery: Query };
      const query = spy.query.bind(store);
      const explained = (run: Query): Query => async (sql, params) => {
        const plan = (await query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[];
        plans.push(plan.map((p) => p.detail).join(' | '));
        return run(sql, params);
      };
      spy.searchQuery = explained(spy.searchQuery.bind(store));
      spy.query = explained(query);
      for (const q of ['water toilet', '"no water"', 'खराब', '4512791357', 'RS-7K3M9-Q2X4P', '12951', '@asha_k', '3f2504e0-4f89-41d3-9a0c-0305e82c3301']) {
        await listTweets(store, { filter: 'emergency', limit: 100, q, before: 1000 });
      }
      expect(plans).toHaveLength(8);
      for (const plan of plans) expect(plan).not.toMatch(/SCAN t\b|TEMP B-TREE/);
    } finally {
      await dispose();
    }
  });
});
