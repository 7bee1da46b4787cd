import http from 'node:http';
import path from 'node:path';
import type { Socket as NetSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { ComplaintEvent } from '../../src/events/complaint';
import { silentLogger } from '../../src/logger';
import { applyTweetSlices, findTweetsByIds } from '../../src/projections/tweets';
import { LiveGateway } from '../../src/read-api/gateway';
import { toTweetJson } from '../../src/read-api/tweet-json';
import { Sessions, SESSION_COOKIE } from '../../src/read-api/session';
import type { ServerToClientEvents, TweetsBatch } from '../../src/read-api/socket-events';
import { LIVE_TWEETS_TABLES as T, migrate } from '../../src/store/migrations';
import { SqliteReadStore } from '../../src/store/sqlite-store';
import { aComplaintClassified, aComplaintReceived } from '../support/fixtures';
import { tweetsOf } from '../support/live';
import { tempDir } from '../support/temp';
import { until } from '../support/until';

const ROWS = 500;
/** long complaints make every batch about 2 MB, so a client that stops reading falls behind within a few batches */
const LONG_TEXT = 'The fan in coach S4 is broken and sparking near berth 23. '.repeat(68);

describe('live push in batches, with back-pressure per socket', () => {
  const temp = tempDir();
  const store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
  const server = http.createServer();
  let gateway: LiveGateway;
  let url: string;
  let cookie: string;
  const ids: string[] = [];
  const sockets: Socket<ServerToClientEvents>[] = [];

  beforeAll(async () => {
    await migrate(store);
    await store.execute("INSERT INTO admin (username, username_key, password) VALUES ('ops', 'ops', 'not-a-login')");
    const sessions = new Sessions(store, { idleMs: 3_600_000, absoluteMs: 3_600_000 });
    cookie = `${SESSION_COOKIE}=${(await sessions.create('ops')).token}`;
    const events: ComplaintEvent[] = [];
    for (let i = 0; i < ROWS; i++) {
      const received = aComplaintReceived({ text: `${LONG_TEXT} ${i}` });
      ids.push(received.data.complaintId);
      events.push(received, aComplaintClassified(received.data.complaintId));
    }
    await store.transaction((tx) =>
      applyTweetSlices(store, tx, T, [{ topic: 'raw_tweets', partition: 0, nextOffset: events.length, events: events.map((event, offset) => ({ offset, event })) }]),
    );
    gateway = new LiveGateway(server, store, sessions, silentLogger(), { maxUnsentBatches: 4 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await gateway.close();
    server.closeAllConnections();
    await store.close();
    temp.remove();
  });

  const connect = async (): Promise<Socket<ServerToClientEvents>> => {
    const socket: Socket<ServerToClientEvents> = io(url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };

  it('sends one message per flush with every changed complaint and the stats', async () => {
    const socket = await connect();
    const batches: TweetsBatch[] = [];
    socket.on('tweets:changed', (batch) => batches.push(batch));
    gateway.changed(ids.slice(0, 300));
    await until(() => batches.length > 0, 'a batch');
    expect(batches).toHaveLength(1);
    expect(tweetsOf(batches[0]).map((t) => t.tweet_id).sort()).toEqual(ids.slice(0, 300).sort());
    // the keys travel once per batch, and each complaint comes back whole
    expect(batches[0].columns).toEqual(Object.keys(toTweetJson((await findTweetsByIds(store, [ids[0]]))[0])));
    expect(tweetsOf(batches[0]).find((t) => t.tweet_id === ids[0])).toEqual(toTweetJson((await findTweetsByIds(store, [ids[0]]))[0]));
    expect(batches[0].stats).toMatchObject({ total: ROWS, feedback: ROWS, review: 0 });
  });

  it('leaves a socket that stops reading behind with a bounded buffer, and tells it to resync once it drains', async () => {
    const keepsUp = await connect();
    const slow = await connect();
    let received = 0;
    keepsUp.on('tweets:changed', () => received++);
    let resynced = false;
    slow.on('resync', () => (resynced = true));
    // The slow client stops reading from its connection: the server's writes to it back up.
    const tcp = (slow.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
    tcp.pause();
    const serverSide = () => [...gateway.io.of('/').sockets.values()].find((s) => s.id === slow.id)!;
    const unsent = () => (serverSide().conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;

    let pushed = 0;
    let mostUnsent = 0;
    while (!serverSide().rooms.has('behind')) {
      if (pushed > 60) throw new Error(`still not left behind after ${pushed} batches of about 2 MB`);
      const before = received;
      gateway.changed(ids);
      pushed++;
      await until(() => received > before, 'the client that keeps up to get the batch');
      mostUnsent = Math.max(mostUnsent, unsent());
    }
    // Left behind: more batches do not pile up for it, while the other client still gets each one.
    for (let i = 0; i < 5; i++) {
      const before = received;
      gateway.changed(ids);
      await until(() => received > before, 'the client that keeps up to get the batch');
      mostUnsent = Math.max(mostUnsent, unsent());
    }
    expect(mostUnsent).toBeLessThanOrEqual(4);
    expect(resynced).toBe(false);

    tcp.resume();
    await until(() => resynced, 'the slow client to be told to resync');
    await until(() => !serverSide().rooms.has('behind'), 'the slow client to be back in the broadcasts');
  });
});

describe('live push while a push is slow', () => {
  const temp = tempDir();
  const store = new SqliteReadStore(path.join(temp.dir, 'read.db'));
  const server = http.createServer();
  /** reading the changed rows waits for this while closed */
  let gate: Promise<void> = Promise.resolve();
  let rowReads = 0;
  const gated = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver) as unknown;
      return async (sql: string, params?: unknown[]) => {
        if (sql.includes('WHERE tweet_id IN')) {
          rowReads++;
          await gate;
        }
        return target.query(sql, params as never);
      };
    },
  });
  let gateway: LiveGateway;
  let socket: Socket<ServerToClientEvents> | undefined;
  const ids: string[] = [];

  beforeAll(async () => {
    await migrate(store);
    await store.execute("INSERT INTO admin (username, username_key, password) VALUES ('ops', 'ops', 'not-a-login')");
    const events: ComplaintEvent[] = [];
    for (let i = 0; i < 3; i++) {
      const received = aComplaintReceived();
      ids.push(received.data.complaintId);
      events.push(received, aComplaintClassified(received.data.complaintId));
    }
    await store.transaction((tx) =>
      applyTweetSlices(store, tx, T, [{ topic: 'raw_tweets', partition: 0, nextOffset: events.length, events: events.map((event, offset) => ({ offset, event })) }]),
    );
    const sessions = new Sessions(store, { idleMs: 3_600_000, absoluteMs: 3_600_000 });
    const cookie = `${SESSION_COOKIE}=${(await sessions.create('ops')).token}`;
    gateway = new LiveGateway(server, gated, sessions, silentLogger());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    socket = io(url, { extraHeaders: { cookie }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket!.once('connect', () => resolve());
      socket!.once('connect_error', reject);
    });
  });

  afterAll(async () => {
    socket?.close();
    await gateway.close();
    server.closeAllConnections();
    await store.close();
    temp.remove();
  });

  /** longer than a flush interval: timers fire in the order they fall due, so a flush due meanwhile has run */
  const pastAFlush = () => new Promise((resolve) => setTimeout(resolve, 300));

  it('sends what was announced during a slow push in one next batch, rather than queueing a push per flush', async () => {
    const batches: string[][] = [];
    socket!.on('tweets:changed', (batch) => batches.push(tweetsOf(batch).map((t) => t.tweet_id)));
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));

    gateway.changed([ids[0]]);
    await until(() => rowReads === 1, 'the first push to read its rows', 20_000, 10);
    gateway.changed([ids[1]]);
    await pastAFlush();
    gateway.changed([ids[2]]);
    await pastAFlush();
    expect(rowReads).toBe(1);

    open();
    await until(() => batches.flat().length === 3, 'every complaint to arrive', 20_000, 10);
    expect(batches.map((b) => b.sort())).toEqual([[ids[0]], [ids[1], ids[2]].sort()]);
    expect(rowReads).toBe(2);
  });
});
