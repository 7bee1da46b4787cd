/**
 * A worker thread of dashboards for the read benchmark: raw `ws` clients that speak just enough Engine.IO v4 /
 * Socket.IO v5 (answer the open packet with `40`, each ping `2` with `3`) and find each complaint's id in a
 * `tweets:changed` frame with Buffer.indexOf (every id of the run starts with its tag), without parsing its JSON. socket.io-client parsing every batch for 500
 * clients in one process would measure the load generator's JSON parsing rather than the server; and the clients run
 * apart from the thread that appends complaints, so an append's fsync does not delay their clocks.
 *
 * Times are epoch milliseconds (performance.timeOrigin + performance.now()), comparable across threads.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { Histogram } from './read-histogram';

export interface DashboardsData {
  url: string;
  cookie: string;
  clients: number;
  /** complaint numbers below warmUp are not measured; total is one past the last */
  warmUp: number;
  total: number;
  /** the 8 hex digits that start every complaint id of this run; the last 12 are its number */
  tag: string;
  /** when each complaint fell due, epoch ms (NaN until then), written by the appending thread */
  dueAt: SharedArrayBuffer;
  /** whether this worker's first client also splits its latency at the complaint's classified_at */
  split: boolean;
}

export type ToDashboards = { type: 'measure'; on: boolean } | { type: 'report' };

export interface DashboardsReport {
  type: 'report';
  latency: Float64Array;
  toClassified: Float64Array;
  classifiedToClient: Float64Array;
  pairs: number;
  max: number;
  messages: number;
  bytes: number;
  resyncs: number;
  clientsResynced: number;
  loopDelayP99: number;
}

export type FromDashboards = { type: 'connected' } | { type: 'failed'; message: string } | { type: 'pairs'; pairs: number } | DashboardsReport;

const RESYNC = Buffer.from('42["resync"');
const ID_LENGTH = 36;

/** complaint id -> classified_at of a `tweets:changed` frame (`42["tweets:changed",{columns,rows,stats}]`) */
const classifiedAtOf = (frame: Buffer): Map<string, number> => {
  const [, batch] = JSON.parse(frame.toString('utf8', 2)) as [string, { columns: string[]; rows: unknown[][] }];
  const id = batch.columns.indexOf('tweet_id');
  const classified = batch.columns.indexOf('classified_at');
  return new Map(batch.rows.map((row) => [String(row[id]), Date.parse(String(row[classified]))]));
};

interface Client {
  ws: WebSocket;
  /** complaints this client has seen, one bit each */
  seen: Uint8Array;
  messages: number;
  bytes: number;
  resyncs: number;
}

const hexValue = (byte: number): number => (byte <= 0x39 ? byte - 0x30 : (byte | 0x20) - 0x57);
const now = () => performance.timeOrigin + performance.now();

const run = async (data: DashboardsData, port: NonNullable<typeof parentPort>): Promise<void> => {
  const dueAt = new Float64Array(data.dueAt);
  const tag = Buffer.from(data.tag);
  const idStart = Buffer.from(`"${data.tag}`);
  const latency = new Histogram();
  const toClassified = new Histogram();
  const classifiedToClient = new Histogram();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const clients: Client[] = [];
  let measuring = false;
  let pairs = 0;
  let max = 0;

  const onFrame = (client: Client, frame: Buffer) => {
    const arrived = now();
    if (measuring) {
      client.messages += 1;
      client.bytes += frame.length;
    }
    let classifiedAt: Map<string, number> | undefined;
    for (let at = frame.indexOf(idStart); at >= 0; at = frame.indexOf(idStart, at + 1 + ID_LENGTH)) {
      const start = at + 1;
      if (start + ID_LENGTH > frame.length || frame.compare(tag, 0, 8, start, start + 8) !== 0) continue;
      let n = 0;
      for (let i = start + 24; i < start + ID_LENGTH; i++) n = n * 16 + hexValue(frame[i]);
      if (n < data.warmUp || n >= data.total) continue;
      const bit = 1 << (n & 7);
      if ((client.seen[n >> 3] & bit) !== 0) continue;
      client.seen[n >> 3] |= bit;
      const ms = arrived - dueAt[n];
      if (Number.isNaN(ms)) continue;
      latency.record(ms);
      if (ms > max) max = ms;
      pairs += 1;
      if (data.split && client === clients[0]) {
        classifiedAt ??= classifiedAtOf(frame);
        const classified = classifiedAt.get(frame.toString('latin1', start, start + ID_LENGTH)) ?? NaN;
        if (!Number.isNaN(classified)) {
          toClassified.record(classified - dueAt[n]);
          classifiedToClient.record(arrived - classified);
        }
      }
    }
  };

  const connect = (): Promise<Client> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${data.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
        headers: { cookie: data.cookie, origin: data.url },
        perMessageDeflate: false,
      });
      const client: Client = { ws, seen: new Uint8Array(Math.ceil(data.total / 8)), messages: 0, bytes: 0, resyncs: 0 };
      let connected = false;
      ws.on('message', (frame: Buffer) => {
        const type = frame[0];
        if (type === 0x34 && frame[1] === 0x32) {
          if (frame.length < 40 && frame.subarray(0, RESYNC.length).equals(RESYNC)) client.resyncs += 1;
          else onFrame(client, frame);
        } else if (type === 0x32) ws.send('3');
        else if (type === 0x30) ws.send('40');
        else if (type === 0x34 && frame[1] === 0x30 && !connected) {
          connected = true;
          resolve(client);
        } else if (type === 0x34 && frame[1] === 0x34) reject(new Error(`the server refused the socket: ${frame.toString()}`));
      });
      ws.on('error', (error) => (connected ? undefined : reject(error)));
      ws.on('close', () => (connected ? undefined : reject(new Error('the socket closed before it connected'))));
    });

  port.on('message', (message: ToDashboards) => {
    if (message.type === 'measure') {
      measuring = message.on;
      if (message.on) loopDelay.enable();
      else loopDelay.disable();
      return;
    }
    const report: DashboardsReport = {
      type: 'report',
      latency: latency.counts,
      toClassified: toClassified.counts,
      classifiedToClient: classifiedToClient.counts,
      pairs,
      max,
      messages: clients.reduce((sum, c) => sum + c.messages, 0),
      bytes: clients.reduce((sum, c) => sum + c.bytes, 0),
      resyncs: clients.reduce((sum, c) => sum + c.resyncs, 0),
      clientsResynced: clients.filter((c) => c.resyncs > 0).length,
      loopDelayP99: loopDelay.percentile(99) / 1e6,
    };
    for (const client of clients) client.ws.terminate();
    port.postMessage(report);
  });

  try {
    for (let i = 0; i < data.clients; i += 25) {
      clients.push(...(await Promise.all(Array.from({ length: Math.min(25, data.clients - i) }, connect))));
    }
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).message } satisfies FromDashboards);
    return;
  }
  port.postMessage({ type: 'connected' } satisfies FromDashboards);
  setInterval(() => port.postMessage({ type: 'pairs', pairs } satisfies FromDashboards), 250).unref();
};

if (parentPort) void run(workerData as DashboardsData, parentPort);
