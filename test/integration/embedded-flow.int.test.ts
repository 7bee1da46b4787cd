import { io, type Socket } from 'socket.io-client';
import { connectLive, tweetsOf } from '../support/live';
import type { ServerToClientEvents, StatsJson, TweetJson, TweetsBatch } from '../../src/read-api/socket-events';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';

/** Resolves with the first pushed complaint (or the stats of the first batch) that satisfies `accept`. */
const nextTweet = (socket: Socket<ServerToClientEvents>, accept: (tweet: TweetJson) => boolean) =>
  new Promise<TweetJson>((resolve) => {
    const listener = (batch: TweetsBatch) => {
      const found = tweetsOf(batch).find(accept);
      if (!found) return;
      socket.off('tweets:changed', listener);
      resolve(found);
    };
    socket.on('tweets:changed', listener);
  });

const nextStats = (socket: Socket<ServerToClientEvents>, accept: (stats: StatsJson) => boolean) =>
  new Promise<StatsJson>((resolve) => {
    const listener = ({ stats }: TweetsBatch) => {
      if (!accept(stats)) return;
      socket.off('tweets:changed', listener);
      resolve(stats);
    };
    socket.on('tweets:changed', listener);
  });

describe('embedded: complaint -> classified -> tweets row -> API -> live push -> response', () => {
  let product: EmbeddedProduct;
  let cookie: string;
  let socket: Socket<ServerToClientEvents>;

  beforeAll(async () => {
    product = await startEmbedded();
    cookie = await product.login();
    socket = await connectLive(product.url, cookie);
  });

  afterAll(async () => {
    socket?.close();
    await product?.stop();
  });

  it('projects a web complaint with PNR and prediction, pushes it live, and records the response', async () => {
    const text = 'Train 12951 coach B3: a man is harassing women, PNR 4512791357';
    const classified = nextTweet(socket, (t) => t.tweet === text && t.prediction !== null);
    const created = await postJson(`${product.url}/api/complaints`, { text, name: 'Asha' });
    expect(created.status).toBe(201);
    const { complaint_id, reference } = (await created.json()) as { complaint_id: string; reference: string };

    const pushed: TweetJson = await classified;
    expect(pushed).toMatchObject({ tweet_id: complaint_id, reference, pnr: 4512791357, train: '12951', coach: 'B3', prediction: 1 });

    const list = (await (await fetch(`${product.url}/api/tweets?filter=emergency&limit=10`, { headers: { cookie } })).json()) as TweetJson[];
    expect(list.map((t) => t.tweet_id)).toContain(complaint_id);
    const feedbackOnly = (await (await fetch(`${product.url}/api/tweets?filter=feedback`, { headers: { cookie } })).json()) as TweetJson[];
    expect(feedbackOnly.map((t) => t.tweet_id)).not.toContain(complaint_id);

    const statsPushed = nextStats(socket, (s) => s.responded === 1);
    const responded = nextTweet(socket, (t) => t.tweet_id === complaint_id && t.response_status === 1);
    const answer = await postJson(`${product.url}/api/respond`, { tweet_id: complaint_id, response: 'RPF staff are on their way' }, cookie);
    expect(answer.status).toBe(202);
    expect(await responded).toMatchObject({ response: 'RPF staff are on their way', responded_by: 'ops.admin', status: 'responded' });
    expect(await statsPushed).toEqual({ total: 1, emergency: 1, feedback: 0, responded: 1, pending: 0, review: 0 });

    const stats = await (await fetch(`${product.url}/api/stats`, { headers: { cookie } })).json();
    expect(stats).toEqual({ total: 1, emergency: 1, feedback: 0, responded: 1, pending: 0, review: 0 });
    const one = (await (await fetch(`${product.url}/api/tweets/${reference}`, { headers: { cookie } })).json()) as TweetJson;
    expect(one.tweet_id).toBe(complaint_id);
  });

  it('answers bad requests with a JSON error, never a stack trace', async () => {
    const cases: [string, Promise<Response>, number, string][] = [
      ['empty text', postJson(`${product.url}/api/complaints`, { text: '   ' }), 400, 'validation_failed'],
      ['text too long', postJson(`${product.url}/api/complaints`, { text: 'a'.repeat(4001) }), 400, 'validation_failed'],
      ['no text', postJson(`${product.url}/api/complaints`, { name: 'x' }), 400, 'validation_failed'],
      ['not JSON', fetch(`${product.url}/api/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' }), 400, 'bad_request'],
      ['stats without login', fetch(`${product.url}/api/stats`), 401, 'unauthorized'],
      ['tweets without login', fetch(`${product.url}/api/tweets`), 401, 'unauthorized'],
      ['respond without login', postJson(`${product.url}/api/respond`, { tweet_id: 'x', response: 'y' }), 401, 'unauthorized'],
      ['respond to unknown complaint', postJson(`${product.url}/api/respond`, { tweet_id: 'nope', response: 'y' }, cookie), 404, 'not_found'],
      ['bad filter', fetch(`${product.url}/api/tweets?filter=all'--`, { headers: { cookie } }), 400, 'validation_failed'],
      ['bad limit', fetch(`${product.url}/api/tweets?limit=-5`, { headers: { cookie } }), 400, 'validation_failed'],
      ['unknown tweet', fetch(`${product.url}/api/tweets/does-not-exist`, { headers: { cookie } }), 404, 'not_found'],
      ['wrong password', postJson(`${product.url}/api/login`, { username: 'ops.admin', password: 'wrong' }), 401, 'unauthorized'],
      ['unknown route', fetch(`${product.url}/api/nothing`), 404, 'not_found'],
    ];
    for (const [name, request, status, code] of cases) {
      const res = await request;
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect({ name, status: res.status, code: body.error.code }).toEqual({ name, status, code });
      expect(body.error.message).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses a socket without a session', async () => {
    const anonymous = io(product.url, { transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    anonymous.close();
    expect(error.message).toBe('unauthorized');
  });

  it('searches and pages through complaints', async () => {
    for (let i = 0; i < 5; i++) await postJson(`${product.url}/api/complaints`, { text: `Pantry food stale batch-${i} in train 12627` });
    const all = async (): Promise<TweetJson[]> =>
      (await (await fetch(`${product.url}/api/tweets?q=batch-&limit=100`, { headers: { cookie } })).json()) as TweetJson[];
    // The projection is asynchronous: wait until all five are visible.
    while ((await all()).length < 5) await new Promise((r) => setTimeout(r, 50));
    const first = await fetch(`${product.url}/api/tweets?q=batch-&limit=3`, { headers: { cookie } });
    const page1 = (await first.json()) as TweetJson[];
    expect(page1).toHaveLength(3);
    const before = first.headers.get('x-next-before');
    const page2 = (await (await fetch(`${product.url}/api/tweets?q=batch-&limit=3&before=${before}`, { headers: { cookie } })).json()) as TweetJson[];
    expect(page2).toHaveLength(2);
    expect(new Set([...page1, ...page2].map((t) => t.tweet)).size).toBe(5);
    const percent = (await (await fetch(`${product.url}/api/tweets?q=${encodeURIComponent('%')}`, { headers: { cookie } })).json()) as TweetJson[];
    expect(percent).toHaveLength(0);
  });
});
