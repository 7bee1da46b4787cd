import type { ComplaintEvent } from '../../src/events/complaint';
import { allTopics } from '../../src/events/topics';
import type { EmbeddedEventLog } from '../../src/eventlog/embedded-log';
import { rebuildTweets } from '../../src/roles/rebuild';
import { evolveTweet, TWEET_COLUMNS, type TweetRow } from '../../src/projections/tweet-row';
import { migrateProjections } from '../../src/projections/registry';
import { listTweets, readStats, recountStats } from '../../src/projections/tweets';
import { BACKFILLS_TABLE } from '../../src/store/backfills';
import { migrate } from '../../src/store/migrations';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';

/** The live table's indexes by the columns they cover (SQLite index names carry the generation that made them). */
const indexedColumns = async (product: EmbeddedProduct): Promise<string[]> =>
  (
    await product.runtime.store.query<{ column_name: string; is_unique: number }>(
      `SELECT info.name AS column_name, list."unique" AS is_unique
       FROM pragma_index_list('tweets') AS list, pragma_index_info(list.name) AS info`,
    )
  )
    .map((i) => `${i.column_name}${Number(i.is_unique) === 1 ? ' unique' : ''}`)
    .sort();

const tableRows = async (product: EmbeddedProduct): Promise<TweetRow[]> =>
  product.runtime.store.query<TweetRow>(`SELECT ${TWEET_COLUMNS.join(', ')} FROM tweets ORDER BY tweet_id`);

/** The read model computed straight from the log, in memory: what the table must equal. */
const foldLog = async (product: EmbeddedProduct): Promise<Map<string, TweetRow>> => {
  const log = product.runtime.events.log as EmbeddedEventLog;
  const rows = new Map<string, TweetRow>();
  for (const topic of allTopics(product.runtime.topics)) {
    for (const [partition, end] of await log.endOffsets(topic)) {
      for (const message of log.read(topic, partition, 0, end)) {
        const event: ComplaintEvent = await product.runtime.events.codec.decode(message.value);
        rows.set(event.data.complaintId, evolveTweet(rows.get(event.data.complaintId) ?? null, event));
      }
    }
  }
  return rows;
};

const submitMany = async (product: EmbeddedProduct, count: number, label: string): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const text = i % 7 === 0 ? `${label} ${i}: passenger fainted in coach S4, need doctor` : `${label} ${i}: toilet dirty in coach B${i % 5}`;
    const res = await postJson(`${product.url}/api/complaints`, { text });
    ids.push(((await res.json()) as { complaint_id: string }).complaint_id);
  }
  return ids;
};

const waitUntilProjected = async (product: EmbeddedProduct, ids: string[]): Promise<void> => {
  const pending = new Set(ids);
  while (pending.size > 0) {
    const rows = await product.runtime.store.query<{ tweet_id: string }>('SELECT tweet_id FROM tweets WHERE received_event_id IS NOT NULL AND classified_event_id IS NOT NULL');
    for (const row of rows) pending.delete(row.tweet_id);
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 50));
  }
};

describe('projections rebuild tweets (embedded)', () => {
  let product: EmbeddedProduct;
  let cookie: string;

  beforeAll(async () => {
    product = await startEmbedded();
    cookie = await product.login();
  });
  afterAll(() => product?.stop());

  it('rebuilds a table equal to the one before, and stats equal to a recount', async () => {
    const ids = await submitMany(product, 300, 'first');
    await waitUntilProjected(product, ids);
    for (const id of ids.slice(0, 40)) {
      expect((await postJson(`${product.url}/api/respond`, { tweet_id: id, response: 'Attended' }, cookie)).status).toBe(202);
    }
    while ((await readStats(product.runtime.store)).responded < 40) await new Promise((r) => setTimeout(r, 50));

    const before = await tableRows(product);
    const statsBefore = await readStats(product.runtime.store);
    // A rebuilt table numbers its rows anew (partitions interleave differently): compare what is found, not the order.
    const found = async (q: string) => (await listTweets(product.runtime.store, { filter: 'all', limit: 500, q })).map((r) => r.tweet_id).sort();
    const searchesBefore = [await found('fainted doctor'), await found('"toilet dirty"')];
    expect(searchesBefore[0]).toHaveLength(43);
    const indexesBefore = await indexedColumns(product);
    const progress: number[] = [];
    await rebuildTweets({ ...product.runtime, onProgress: (p) => progress.push(p.applied) });
    expect(await tableRows(product)).toEqual(before);
    // Its secondary indexes are built after the rows are in, and the swapped-in table has every one of them.
    expect(indexesBefore).toEqual(expect.arrayContaining(['prediction', 'status', 'chat_id', 'tweet_id unique']));
    expect(await indexedColumns(product)).toEqual(indexesBefore);
    // The next start's migration recognises the swapped-in indexes (named after their generation): no second set.
    await migrate(product.runtime.store);
    await migrateProjections(product.runtime.store);
    expect(await indexedColumns(product)).toEqual(indexesBefore);
    expect(await readStats(product.runtime.store)).toEqual(statsBefore);
    // The full-text index was rebuilt with the table and swapped in with it.
    expect([await found('fainted doctor'), await found('"toilet dirty"')]).toEqual(searchesBefore);
    expect(progress.at(-1)).toBeGreaterThan(0);
    // The generation was made by this code, so its backfills were marked finished and came with it; no mark is left
    // under a generation's name.
    const marks = await product.runtime.store.query<{ name: string; table_name: string; finished: number }>(
      `SELECT name, table_name, finished_at IS NOT NULL AS finished FROM ${BACKFILLS_TABLE} ORDER BY name, table_name`,
    );
    expect(marks.map((m) => [m.name, m.table_name, Number(m.finished)])).toEqual([
      ['first_response', 'tweets', 1],
      ['search_text', 'tweets', 1],
    ]);
  });

  it('while complaints keep arriving, ends with the table the log folds into, and the live projector carries on', async () => {
    const arriving = submitMany(product, 400, 'during');
    await rebuildTweets(product.runtime);
    const ids = await arriving;
    const after = await submitMany(product, 20, 'after');
    await waitUntilProjected(product, [...ids, ...after]);

    const expected = [...(await foldLog(product)).values()].sort((a, b) => a.tweet_id.localeCompare(b.tweet_id));
    const actual = await tableRows(product);
    expect(actual.map((r) => ({ ...r, pnr: r.pnr === null ? null : Number(r.pnr) }))).toEqual(expected);
    expect(await readStats(product.runtime.store)).toEqual(await recountStats(product.runtime.store));
    const searched = await listTweets(product.runtime.store, { filter: 'all', limit: 500, q: 'during toilet' });
    expect(searched.length).toBe(ids.filter((_, i) => i % 7 !== 0).length);
  });
});
