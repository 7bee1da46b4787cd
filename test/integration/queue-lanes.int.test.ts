import type { ComplaintEvent } from '../../src/events/complaint';
import { applyTweetSlices, listTweets, type TweetQuery } from '../../src/projections/tweets';
import type { TweetJson } from '../../src/read-api/socket-events';
import { LIVE_TWEETS_TABLES as T, migrate } from '../../src/store/migrations';
import type { ReadStore } from '../../src/store/read-store';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { mariadbEngine, sqliteEngine, type Engine } from '../support/engines';
import {
  aComplaintAssigned,
  aComplaintClassified,
  aComplaintReceived,
  aComplaintReopened,
  aComplaintResolved,
} from '../support/fixtures';
import { until } from '../support/until';

/** Seven complaints, oldest first, each in the state its name says. */
const NAMES = ['fresh', 'asha', 'ashaResolved', 'ravi', 'resolved', 'ashaReopened', 'newest'] as const;
type Name = (typeof NAMES)[number];

const workflowOf = (name: Name, id: string): ComplaintEvent[] => {
  switch (name) {
    case 'asha':
      return [aComplaintAssigned(id, 'asha')];
    case 'ashaResolved':
      return [aComplaintAssigned(id, 'asha'), aComplaintResolved(id)];
    case 'ravi':
      return [aComplaintAssigned(id, 'ravi')];
    case 'resolved':
      return [aComplaintResolved(id)];
    case 'ashaReopened':
      return [aComplaintAssigned(id, 'asha'), aComplaintResolved(id), aComplaintReopened(id)];
    default:
      return [];
  }
};

describe.each([
  ['SQLite', sqliteEngine],
  ['MariaDB', () => mariadbEngine('queue_lanes')],
])('the queue lanes on %s', (engineName, open) => {
  let engine: Engine;
  let store: ReadStore;
  const ids = {} as Record<Name, string>;

  beforeAll(async () => {
    engine = await open();
    store = engine.store;
    await migrate(store);
    const events: ComplaintEvent[] = [];
    for (const name of NAMES) {
      const received = aComplaintReceived({ text: `complaint ${name}` });
      ids[name] = received.data.complaintId;
      events.push(received, aComplaintClassified(received.data.complaintId, { prediction: 0, category: 'other' }));
      events.push(...workflowOf(name, received.data.complaintId));
    }
    await store.transaction((tx) =>
      applyTweetSlices(store, tx, T, [{ topic: 'raw_tweets', partition: 0, nextOffset: events.length, events: events.map((event, offset) => ({ offset, event })) }]),
    );
  }, 60_000);
  afterAll(() => engine?.dispose());

  const list = async (query: Partial<TweetQuery>) =>
    (await listTweets(store, { filter: 'all', limit: 50, ...query })).map((row) => row.tweet_id);
  const named = (...names: Name[]) => names.map((name) => ids[name]);

  it('open lists every complaint but the resolved ones, newest first (a reopened one is open again)', async () => {
    expect(await list({ filter: 'open' })).toEqual(named('newest', 'ashaReopened', 'ravi', 'asha', 'fresh'));
  });

  it("mine lists the open complaints assigned to the admin asking, and no one else's", async () => {
    expect(await list({ filter: 'mine', admin: 'asha' })).toEqual(named('ashaReopened', 'asha'));
    expect(await list({ filter: 'mine', admin: 'ravi' })).toEqual(named('ravi'));
    expect(await list({ filter: 'mine', admin: 'nobody' })).toEqual([]);
  });

  it('pages through a lane with the last id of each page, and a search narrows a lane', async () => {
    const first = await listTweets(store, { filter: 'open', limit: 2 });
    const second = await listTweets(store, { filter: 'open', limit: 2, before: first[1].id });
    const third = await listTweets(store, { filter: 'open', limit: 2, before: second[1].id });
    expect([...first, ...second, ...third].map((row) => row.tweet_id)).toEqual(named('newest', 'ashaReopened', 'ravi', 'asha', 'fresh'));
    expect(third).toHaveLength(1);
    expect(await list({ filter: 'mine', admin: 'asha', limit: 1, before: first[1].id })).toEqual(named('asha'));
    expect(await list({ filter: 'mine', admin: 'asha', q: 'ashaReopened' })).toEqual(named('ashaReopened'));
    expect(await list({ filter: 'open', q: 'resolved' })).toEqual([]);
  });

  it('an existing database gets the lanes’ indexes on upgrade', async () => {
    if (engineName === 'SQLite') {
      await store.execute('DROP INDEX tweets_idx_open');
      await store.execute('DROP INDEX tweets_idx_mine');
      await migrate(store);
      const indexes = await store.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tweets'");
      expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['tweets_idx_open', 'tweets_idx_mine']));
      const plan = async (query: TweetQuery) => {
        const rows = await store.query<{ detail: string }>(
          `EXPLAIN QUERY PLAN SELECT t.id FROM tweets t WHERE t.received_event_id IS NOT NULL AND ${
            query.filter === 'open' ? "t.status <> 'resolved'" : "t.assigned_to = ? AND t.status <> 'resolved'"
          } ORDER BY t.id DESC LIMIT 50`,
          query.filter === 'open' ? [] : ['asha'],
        );
        return rows.map((r) => r.detail).join('; ');
      };
      expect(await plan({ filter: 'open', limit: 50 })).toContain('tweets_idx_open');
      expect(await plan({ filter: 'mine', limit: 50 })).toContain('tweets_idx_mine');
    } else {
      await store.execute('ALTER TABLE tweets DROP INDEX idx_assigned_to');
      await migrate(store);
      const indexes = await store.query<{ name: string }>(
        "SELECT DISTINCT index_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = 'tweets'",
      );
      expect(indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['idx_assigned_to', 'idx_status']));
    }
    expect(await list({ filter: 'mine', admin: 'asha' })).toEqual(named('ashaReopened', 'asha'));
  });
});

describe('the queue lanes through the API (embedded): open, mine for the signed-in admin, X-Next-Before', () => {
  let product: EmbeddedProduct;
  let cookie: string;

  beforeAll(async () => {
    product = await startEmbedded();
    cookie = await product.login();
  });
  afterAll(() => product?.stop());

  const page = async (query: string) => {
    const res = await fetch(`${product.url}/api/tweets?${query}`, { headers: { cookie } });
    // the page comes from the reader thread as bytes: still JSON in UTF-8 to the client
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return { status: res.status, next: res.headers.get('X-Next-Before'), body: (await res.json()) as TweetJson[] };
  };

  it('lists the signed-in admin’s own complaints under mine, and pages a lane with X-Next-Before', async () => {
    const ids: string[] = [];
    for (const text of ['No water in coach S7 of 12627', 'Fan not working in coach S2 of 12951', 'Dirty toilets in B1 of 12301']) {
      const created = await postJson(`${product.url}/api/complaints`, { text });
      ids.push(((await created.json()) as { complaint_id: string }).complaint_id);
    }
    await until(async () => (await page('filter=open&limit=100')).body.length === 3, 'the complaints are open in the lane');
    expect((await page('filter=mine')).body).toEqual([]);

    const assigned = await postJson(`${product.url}/api/tweets/${ids[1]}/assign`, { admin: 'ops.admin' }, cookie);
    expect(assigned.status).toBe(202);
    await until(async () => (await page('filter=mine')).body.length === 1, 'the assignment reaches the lane');
    expect((await page('filter=mine')).body.map((t) => t.tweet_id)).toEqual([ids[1]]);

    const first = await page('filter=open&limit=2');
    expect(first.body.map((t) => t.tweet_id)).toEqual([ids[2], ids[1]]);
    expect(first.next).toBe(String(first.body[1].id));
    const second = await page(`filter=open&limit=2&before=${first.next}`);
    expect(second.body.map((t) => t.tweet_id)).toEqual([ids[0]]);
    expect(second.next).toBeNull();

    const resolved = await postJson(`${product.url}/api/tweets/${ids[1]}/resolve`, {}, cookie);
    expect(resolved.status).toBe(202);
    await until(async () => (await page('filter=mine')).body.length === 0, 'the resolved complaint leaves Mine');
    expect((await page('filter=open')).body.map((t) => t.tweet_id)).toEqual([ids[2], ids[0]]);
  });

  it('refuses an unknown lane with the JSON error shape', async () => {
    const res = await fetch(`${product.url}/api/tweets?filter=theirs`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });
});
