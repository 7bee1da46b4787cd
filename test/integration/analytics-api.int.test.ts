import type { Analytics } from '../../src/projections/analytics';
import { loadCheckpoints } from '../../src/projections/checkpoints';
import { analyticsProjection } from '../../src/projections/analytics';
import { liveTables } from '../../src/projections/projection';
import { LIVE_TWEETS_TABLES } from '../../src/store/tweets-tables';
import { createAdmin } from '../../src/read-api/admins';
import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents, TweetJson } from '../../src/read-api/socket-events';
import type { Runtime } from '../../src/runtime';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { freshMysqlStore, mysqlSettings } from '../support/services';
import { newDeployment, type StackDeployment } from '../support/stack';
import { until } from '../support/until';

const PASSWORD = 'a long enough password';

interface Target {
  url: string;
  /** the product's read store and topics, as the test process sees them */
  runtime: Pick<Runtime, 'store' | 'events'>;
  /** a supervisor's session cookie */
  supervisor: string;
  stop(): Promise<void>;
}

/** The whole product in this process on the embedded log, its read store on SQLite or a database of its own on MariaDB. */
const embedded = (engine: 'sqlite' | 'mariadb') => async (): Promise<Target> => {
  let env: Record<string, string> = {};
  let drop: () => Promise<void> = async () => undefined;
  if (engine === 'mariadb') {
    const fresh = await freshMysqlStore('analytics_api');
    await fresh.store.close();
    const s = mysqlSettings();
    env = { DB_HOST: s.host, DB_PORT: String(s.port), DB_USER: s.user, DB_PASSWORD: s.password, DB_NAME: fresh.database };
    drop = fresh.drop;
  }
  const product: EmbeddedProduct = await startEmbedded(env);
  return {
    url: product.url,
    runtime: product.runtime,
    supervisor: await product.login(),
    stop: async () => {
      await product.stop();
      await drop();
    },
  };
};

/** `railsewa serve` on Kafka, the registry and MariaDB: a deployment of its own (topics and database). */
const scaled = async (): Promise<Target> => {
  const deployment: StackDeployment = await newDeployment('analytics_api');
  const admin = { username: 'ops.super', password: PASSWORD };
  await createAdmin(deployment.runtime.store, admin.username, admin.password);
  const serve = await deployment.start('serve');
  const res = await postJson(`${serve.url}/api/login`, admin);
  return {
    url: serve.url,
    runtime: deployment.runtime,
    supervisor: (res.headers.get('set-cookie') ?? '').split(';')[0],
    stop: () => deployment.dispose(),
  };
};

describe.each([
  ['the embedded log and SQLite', embedded('sqlite')],
  ['the embedded log and MariaDB', embedded('mariadb')],
  ['Kafka, the registry and MariaDB', scaled],
])('GET /api/analytics on %s', (_, start) => {
  let product: Target;
  let supervisor: string;
  let responder: string;
  let viewer: string;

  const login = async (username: string): Promise<string> => {
    const res = await postJson(`${product.url}/api/login`, { username, password: PASSWORD });
    expect(res.status).toBe(200);
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  };
  const analytics = async (cookie: string, range = '24h'): Promise<Analytics> => {
    const res = await fetch(`${product.url}/api/analytics?range=${range}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as Analytics;
  };

  beforeAll(async () => {
    product = await start();
    supervisor = product.supervisor;
    await createAdmin(product.runtime.store, 'asha.r', PASSWORD, undefined, 'responder');
    await createAdmin(product.runtime.store, 'vik.v', PASSWORD, undefined, 'viewer');
    responder = await login('asha.r');
    viewer = await login('vik.v');
  }, 120_000);
  afterAll(() => product?.stop());

  /** The analytics projection has read every topic as far as the tweets projection (which the queue shows). */
  const covered = async (): Promise<boolean> => {
    const { store, events } = product.runtime;
    for (const topic of [events.topics.raw, events.topics.classified, events.topics.responses]) {
      const [tweetsAt, analyticsAt] = await Promise.all([
        loadCheckpoints(store, LIVE_TWEETS_TABLES.checkpoints, topic),
        loadCheckpoints(store, liveTables(analyticsProjection).checkpoints, topic),
      ]);
      if (![...tweetsAt].every(([partition, offset]) => (analyticsAt.get(partition) ?? 0) >= offset)) return false;
    }
    return true;
  };

  it('needs a session (401), refuses a bad range (400), and answers every role (200)', async () => {
    const anonymous = await fetch(`${product.url}/api/analytics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    for (const range of ['1y', '', '24H']) {
      const bad = await fetch(`${product.url}/api/analytics?range=${range}`, { headers: { cookie: viewer } });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { code: 'validation_failed', message: expect.stringMatching(/^range: /) } });
    }
    for (const cookie of [viewer, responder, supervisor]) {
      for (const range of ['24h', '7d', '30d']) expect((await analytics(cookie, range)).range).toBe(range);
    }
    const byDefault = await fetch(`${product.url}/api/analytics`, { headers: { cookie: viewer } });
    expect(((await byDefault.json()) as Analytics).series).toHaveLength(24);
  });

  it('counts new complaints, their emergencies, categories and trains as the queue shows them, and first responses', async () => {
    const texts = [
      'Train 12951 coach B3: a man is harassing women, please send RPF now',
      'Train 12951 coach S4 toilets are dirty and there is no water',
      'Train 22691 pantry food was stale and cold',
    ];
    const ids: string[] = [];
    for (const text of texts) {
      const res = await postJson(`${product.url}/api/complaints`, { text });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { complaint_id: string }).complaint_id);
    }
    const classified = async () => {
      const tweets = (await (await fetch(`${product.url}/api/tweets?limit=500`, { headers: { cookie: viewer } })).json()) as TweetJson[];
      return tweets.filter((t) => ids.includes(t.tweet_id) && t.classified_at !== null);
    };
    await until(async () => (await classified()).length === 3, 'the complaints are classified', 60_000, 50);
    const tweets = await classified();
    const emergencies = tweets.filter((t) => t.prediction === 1).length;
    const review = tweets.filter((t) => t.triage === 'review').length;
    await until(covered, 'the analytics projection to read as far as the tweets projection', 60_000, 50);

    const day = await analytics(viewer);
    expect(day.totals).toEqual({ complaints: 3, emergencies, review });
    const sum = (series: Analytics['series'], key: 'complaints' | 'emergencies' | 'first_responses') => series.reduce((n, b) => n + b[key], 0);
    expect([sum(day.series, 'complaints'), sum(day.series, 'emergencies')]).toEqual([3, emergencies]);
    const categories = new Map<string, number>();
    for (const t of tweets) categories.set(t.category!, (categories.get(t.category!) ?? 0) + 1);
    expect(new Map(day.top_categories.map((c) => [c.category, c.complaints]))).toEqual(categories);
    const trains = new Map<string, number>();
    for (const t of tweets) if (t.train) trains.set(t.train, (trains.get(t.train) ?? 0) + 1);
    expect(new Map(day.top_trains.map((t) => [t.train, t.complaints]))).toEqual(trains);
    expect(day.sources).toEqual([{ source: 'web', complaints: 3 }]);
    expect(day.first_response).toEqual({ count: 0, mean_seconds: null });

    expect((await postJson(`${product.url}/api/tweets/${ids[0]}/acknowledge`, {}, responder)).status).toBe(202);
    await until(async () => (await analytics(viewer)).first_response.count === 1, 'the first response is counted', 60_000, 50);
    const after = await analytics(supervisor);
    expect(after.first_response.mean_seconds).toEqual(expect.any(Number));
    expect(after.series.filter((b) => b.first_responses > 0)).toEqual([
      expect.objectContaining({ first_responses: 1, first_response_mean_seconds: after.first_response.mean_seconds }),
    ]);
    // A response after the acknowledgement is not a second first response.
    expect((await postJson(`${product.url}/api/respond`, { tweet_id: ids[0], response: 'RPF is on the way.' }, responder)).status).toBe(202);
    await until(
      async () => ((await (await fetch(`${product.url}/api/tweets/${ids[0]}`, { headers: { cookie: viewer } })).json()) as TweetJson).response_status === 1,
      'the response is projected',
      60_000,
      50,
    );
    await until(covered, 'the analytics projection to read as far as the tweets projection', 60_000, 50);
    expect((await analytics(viewer)).first_response.count).toBe(1);
    expect((await analytics(viewer)).totals.complaints).toBe(3);
  });
});

describe('analytics:changed on the socket', () => {
  const connect = async (url: string, cookie: string): Promise<Socket<ServerToClientEvents>> => {
    const socket: Socket<ServerToClientEvents> = io(url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };

  /** Submits a complaint and resolves once the socket was told the analytics changed and they count it. */
  const signalled = async (url: string, cookie: string): Promise<number> => {
    const socket = await connect(url, cookie);
    try {
      let signals = 0;
      socket.on('analytics:changed', () => signals++);
      expect((await postJson(`${url}/api/complaints`, { text: 'Coach B3 of 12951 has no water since Nagpur' })).status).toBe(201);
      await until(() => signals > 0, 'an analytics:changed signal', 60_000, 50);
      const res = await fetch(`${url}/api/analytics`, { headers: { cookie } });
      return ((await res.json()) as Analytics).totals.complaints;
    } finally {
      socket.close();
    }
  };

  it('is sent by railsewa serve after the analytics projection committed', async () => {
    const product = await startEmbedded();
    try {
      expect(await signalled(product.url, await product.login())).toBe(1);
    } finally {
      await product.stop();
    }
  });

  it('is sent by an api process while the projector runs in another process (Kafka, the registry and MariaDB)', async () => {
    const deployment = await newDeployment('analytics_feed');
    try {
      await createAdmin(deployment.runtime.store, 'ops.super', PASSWORD);
      await Promise.all([deployment.start('classifier'), deployment.start('projector')]);
      const api = await deployment.start('api');
      const login = await postJson(`${api.url}/api/login`, { username: 'ops.super', password: PASSWORD });
      expect(await signalled(api.url, (login.headers.get('set-cookie') ?? '').split(';')[0])).toBe(1);
    } finally {
      await deployment.dispose();
    }
  }, 120_000);
});
