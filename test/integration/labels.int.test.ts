import { CURRENT_MODEL_VERSION } from '../../src/classify';
import { findTweet, readStats, recountStats } from '../../src/projections/tweets';
import { reclassify } from '../../src/roles/reclassify';
import type { TweetJson } from '../../src/read-api/socket-events';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';

const OTHER_MODEL = (CURRENT_MODEL_VERSION as string) === 'rules-1' ? 'linear-1' : 'rules-1';

describe('reclassification by replay and admin corrections', () => {
  let product: EmbeddedProduct;
  let cookie: string;
  const ids: string[] = [];
  const texts = [
    'Train 12951 coach B3: a man is harassing women, please help',
    'Coach S7 toilet is very dirty, no water since morning',
    'Passenger fainted in coach A1 of 22691, need a doctor',
    'Refund for my cancelled ticket has not come, PNR 4512791357',
    'ट्रेन 12301 के कोच B2 में आग लगी है',
  ];

  const rowsOf = async () => Promise.all(ids.map(async (id) => (await findTweet(product.runtime.store, id))!));
  const until = async (check: () => Promise<boolean>) => {
    while (!(await check())) await new Promise((r) => setTimeout(r, 25));
  };

  beforeAll(async () => {
    product = await startEmbedded();
    cookie = await product.login();
    for (const text of texts) {
      const res = await postJson(`${product.url}/api/complaints`, { text });
      ids.push(((await res.json()) as { complaint_id: string }).complaint_id);
    }
    await until(async () => (await rowsOf()).every((r) => r?.model_version === CURRENT_MODEL_VERSION));
  });
  afterAll(() => product?.stop());

  it('replays raw_tweets through another model version: new events, rows show the newest answer', async () => {
    const before = await rowsOf();
    const progress: number[] = [];
    const result = await reclassify(product.runtime, OTHER_MODEL, (p) => progress.push(p.done));
    expect(result.target).toBeGreaterThanOrEqual(texts.length);
    expect(progress.at(-1)).toBe(result.target);
    await until(async () => (await rowsOf()).every((r) => r.model_version === OTHER_MODEL));
    const after = await rowsOf();
    after.forEach((row, i) => {
      const changed = row.prediction !== before[i].prediction || row.category !== before[i].category;
      expect({ i, previous: row.previous_model_version }).toEqual({ i, previous: changed ? CURRENT_MODEL_VERSION : null });
    });
    expect(await readStats(product.runtime.store)).toEqual(await recountStats(product.runtime.store));

    // A second replay with the same model appends events with the same ids: nothing changes.
    await reclassify(product.runtime, OTHER_MODEL);
    expect(await rowsOf()).toEqual(after);
  });

  it("an admin's correction wins, is pushed to the stats, and survives a later reclassification", async () => {
    const id = ids[1];
    const res = await postJson(`${product.url}/api/relabel`, { tweet_id: id, emergency: 1, category: 'medical' }, cookie);
    expect(res.status).toBe(202);
    await until(async () => (await findTweet(product.runtime.store, id))!.relabeled_by !== null);
    const tweet = (await (await fetch(`${product.url}/api/tweets/${id}`, { headers: { cookie } })).json()) as TweetJson;
    expect(tweet).toMatchObject({ prediction: 1, category: 'medical', relabeled_by: 'ops.admin' });
    expect(await readStats(product.runtime.store)).toEqual(await recountStats(product.runtime.store));

    await reclassify(product.runtime, CURRENT_MODEL_VERSION);
    await until(async () => (await findTweet(product.runtime.store, id))!.model_version === CURRENT_MODEL_VERSION);
    expect(await findTweet(product.runtime.store, id)).toMatchObject({ prediction: 1, category: 'medical' });
  });

  it('refuses a correction to an unknown category or complaint', async () => {
    expect((await postJson(`${product.url}/api/relabel`, { tweet_id: ids[0], emergency: 1, category: 'aliens' }, cookie)).status).toBe(400);
    expect((await postJson(`${product.url}/api/relabel`, { tweet_id: 'nope', emergency: 0, category: 'other' }, cookie)).status).toBe(404);
    expect((await postJson(`${product.url}/api/relabel`, { tweet_id: ids[0], emergency: 0, category: 'other' })).status).toBe(401);
  });
});
