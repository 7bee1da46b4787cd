import { io, type Socket } from 'socket.io-client';
import { rebuildTweets } from '../../src/roles/rebuild';
import { TWEET_COLUMNS } from '../../src/projections/tweet-row';
import { findTweet, listTweets, readStats, recountStats } from '../../src/projections/tweets';
import { createAdmin } from '../../src/read-api/admins';
import type { ServerToClientEvents, TweetJson } from '../../src/read-api/socket-events';
import { tweetsOf } from '../support/live';
import type { ServeProcess } from '../support/serve-process';
import { newDeployment, type StackDeployment } from '../support/stack';
import { until } from '../support/until';

const ADMIN = { username: 'scale.admin', password: 'a long enough password 42' };


const post = (url: string, body: unknown, cookie?: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

describe('several API processes and a rebuild on Kafka and MariaDB', () => {
  let deployment: StackDeployment;
  let apis: ServeProcess[];
  let cookie: string;

  beforeAll(async () => {
    deployment = await newDeployment('scale');
    await createAdmin(deployment.runtime.store, ADMIN.username, ADMIN.password);
    await deployment.start('classifier');
    await deployment.start('projector');
    apis = [await deployment.start('api'), await deployment.start('api')];
    const login = await post(`${apis[0].url}/api/login`, ADMIN);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  });
  afterAll(() => deployment?.dispose());

  it('pushes every change to every API process, after the projection committed it', async () => {
    const sockets: Socket<ServerToClientEvents>[] = apis.map((api) => io(api.url, { extraHeaders: { cookie }, transports: ['websocket'] }));
    await Promise.all(sockets.map((s) => new Promise<void>((resolve, reject) => { s.once('connect', () => resolve()); s.once('connect_error', reject); })));
    const seen = sockets.map(() => new Map<string, TweetJson>());
    const committedWhenPushed: boolean[] = [];
    sockets.forEach((socket, i) =>
      socket.on('tweets:changed', (batch) => {
        for (const tweet of tweetsOf(batch)) {
          seen[i].set(tweet.tweet_id, tweet);
          void findTweet(deployment.runtime.store, tweet.tweet_id).then((row) => committedWhenPushed.push(row !== null));
        }
      }),
    );
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await post(`${apis[i % 2].url}/api/complaints`, { text: `Coach S${i % 9} fan not working, complaint ${i}` });
      ids.push(((await res.json()) as { complaint_id: string }).complaint_id);
    }
    await until(() => seen.every((m) => ids.every((id) => m.get(id)?.prediction != null)), 'both API processes to push every classified complaint');
    expect(committedWhenPushed.every(Boolean)).toBe(true);
    sockets.forEach((s) => s.close());
  });

  it('rebuilds tweets while complaints keep arriving, ending with the table a fresh rebuild gives', async () => {
    const store = deployment.runtime.store;
    let stop = false;
    const arrived: string[] = [];
    const arriving = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await post(`${apis[i % 2].url}/api/complaints`, { text: `Passenger fell ill in coach B${i % 5}, during rebuild ${i}` });
        arrived.push(((await res.json()) as { complaint_id: string }).complaint_id);
      }
    })();
    await until(() => arrived.length >= 50, 'complaints arriving');
    const progress: number[] = [];
    await rebuildTweets({ ...deployment.runtime, onProgress: (p) => progress.push(p.applied) });
    await until(() => arrived.length >= 150, 'complaints arriving after the swap');
    stop = true;
    await arriving;
    await until(async () => {
      const rows = await store.query<{ tweet_id: string }>('SELECT tweet_id FROM tweets WHERE prediction IS NOT NULL');
      const projected = new Set(rows.map((r) => r.tweet_id));
      return arrived.every((id) => projected.has(id));
    }, 'every complaint projected by the live projector after the swap');

    const snapshot = async () =>
      store.query<Record<string, unknown>>(`SELECT ${TWEET_COLUMNS.join(', ')} FROM tweets ORDER BY tweet_id`);
    const indexes = async () =>
      store.query<{ name: string; column_name: string }>(
        `SELECT index_name AS name, column_name FROM information_schema.statistics
         WHERE table_schema = DATABASE() AND table_name = 'tweets' ORDER BY index_name, seq_in_index`,
      );
    const searched = async () => (await listTweets(store, { filter: 'all', limit: 500, q: 'ill during' })).map((row) => row.tweet_id).sort();
    const live = await snapshot();
    const liveIndexes = await indexes();
    const liveSearch = await searched();
    expect(liveSearch).toEqual(expect.arrayContaining(arrived));
    await rebuildTweets(deployment.runtime);
    expect(await snapshot()).toEqual(live);
    // the term index moves with its generation: the search finds the same rows in the swapped-in table
    expect(await searched()).toEqual(liveSearch);
    // The rebuild fills its table before building the secondary indexes: the swapped-in table has them all.
    expect(liveIndexes.map((i) => i.name)).toEqual(expect.arrayContaining(['idx_prediction', 'idx_status', 'idx_chat_id']));
    expect(await indexes()).toEqual(liveIndexes);
    expect(await readStats(store)).toEqual(await recountStats(store));
    expect(progress.length).toBeGreaterThan(0);
  });
});
