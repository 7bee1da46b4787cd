import type { Socket } from 'socket.io-client';
import { connectLive, tweetsOf } from '../support/live';
import type { ComplaintClassified } from '../../src/events/complaint';
import { nameBasedUuid } from '../../src/events/ids';
import { findTweet, readStats, recountStats } from '../../src/projections/tweets';
import type { ServerToClientEvents, StatsJson, TweetJson } from '../../src/read-api/socket-events';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { until } from '../support/until';

describe('the review lane through the product (embedded): API filter, stats key, live push, one-click decision', () => {
  let product: EmbeddedProduct;
  let cookie: string;
  let socket: Socket<ServerToClientEvents>;
  const pushed: TweetJson[] = [];

  beforeAll(async () => {
    product = await startEmbedded();
    cookie = await product.login();
    socket = await connectLive(product.url, cookie);
    socket.on('tweets:changed', (batch) => pushed.push(...tweetsOf(batch)));
  });
  afterAll(async () => {
    socket?.close();
    await product?.stop();
  });

  const getJson = async <T>(path: string): Promise<T> => (await (await fetch(`${product.url}${path}`, { headers: { cookie } })).json()) as T;
  const laneIds = async () => (await getJson<TweetJson[]>('/api/tweets?filter=review&limit=100')).map((t) => t.tweet_id);

  /** A model that doubts the complaint: Feedback, flagged for review (as a newer model would say on replay). */
  const doubtfulClassification = (complaintId: string): ComplaintClassified => {
    const at = new Date(Date.now() + 1000).toISOString();
    return {
      type: 'ComplaintClassified',
      data: {
        complaintId, prediction: 0, category: 'security', priority: 3, confidence: 0.55, modelVersion: 'review-test',
        keywords: [], language: 'en', pnr: null, train: null, coach: null, berth: null, classifiedAt: at, review: true,
      },
      metadata: { eventId: nameBasedUuid(`review-test:${complaintId}`), occurredAt: at, correlationId: complaintId, causationId: null },
    };
  };

  it('lists a flagged complaint under filter=review, counts it in /api/stats, and a decision moves it out at once', async () => {
    const created = await postJson(`${product.url}/api/complaints`, { text: 'Some men in coach S5 keep staring at us and passing comments' });
    const { complaint_id: id } = (await created.json()) as { complaint_id: string };
    await until(async () => (await findTweet(product.runtime.store, id))?.classified_event_id != null, 'the complaint is classified');

    const before = await getJson<StatsJson>('/api/stats');
    await product.runtime.events.append([doubtfulClassification(id)]);
    await until(async () => pushed.some((t) => t.tweet_id === id && t.triage === 'review'), 'the review triage is pushed live');

    const tweet = await getJson<TweetJson>(`/api/tweets/${id}`);
    expect(tweet).toMatchObject({ prediction: 0, review: true, triage: 'review' });
    expect(await laneIds()).toEqual([id]);
    expect((await getJson<TweetJson[]>('/api/tweets?filter=emergency')).map((t) => t.tweet_id)).not.toContain(id);
    const during = await getJson<StatsJson>('/api/stats');
    expect(during).toMatchObject({ review: before.review + 1, total: before.total });
    expect(await readStats(product.runtime.store)).toEqual(await recountStats(product.runtime.store));

    const decided = await postJson(`${product.url}/api/relabel`, { tweet_id: id, emergency: 1, category: 'women_safety' }, cookie);
    expect(decided.status).toBe(202);
    await until(async () => pushed.some((t) => t.tweet_id === id && t.triage === 'emergency'), 'the decision is pushed live');
    expect(await laneIds()).toEqual([]);
    expect(await getJson<TweetJson>(`/api/tweets/${id}`)).toMatchObject({ prediction: 1, category: 'women_safety', review: false, relabeled_by: 'ops.admin' });
    expect(await getJson<StatsJson>('/api/stats')).toMatchObject({ review: before.review, emergency: during.emergency + 1, feedback: during.feedback - 1 });
    expect(await readStats(product.runtime.store)).toEqual(await recountStats(product.runtime.store));
  });

  it('refuses an unknown filter with a JSON error', async () => {
    const res = await fetch(`${product.url}/api/tweets?filter=maybe`, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
  });
});
