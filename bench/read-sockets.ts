/**
 * The read benchmark's live-push side: many dashboards connected while complaints arrive at a steady rate.
 *
 * The dashboards are raw `ws` clients that speak just enough Engine.IO v4 / Socket.IO v5 (answer the open packet with
 * `40`, answer each ping `2` with `3`) and find each complaint's id in a `tweets:changed` frame with Buffer.indexOf,
 * without parsing its JSON: socket.io-client in one process would parse every batch 500 times and measure the load
 * generator's JSON parsing rather than the server.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { ComplaintEvent } from '../src/events/complaint';

const TWEET_ID = Buffer.from('"tweet_id":"');
const RESYNC = Buffer.from('42["resync"');
const CLASSIFIED_AT = Buffer.from('"classified_at":"');
const ISO_LENGTH = 24;
const ID_LENGTH = 36;
const HISTOGRAM_MS = 120_000;
const TICK_MS = 10;
const DRAIN_MS = 15_000;

/** Latencies in 1 ms buckets (the last one holds everything slower). */
class Histogram {
  readonly counts = new Float64Array(HISTOGRAM_MS + 1);
  total = 0;
  record(ms: number): void {
    this.counts[Math.min(HISTOGRAM_MS, Math.max(0, Math.round(ms)))] += 1;
    this.total += 1;
  }
  percentile(p: number): number {
    if (this.total === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.total);
    let seen = 0;
    for (let ms = 0; ms < this.counts.length; ms++) {
      seen += this.counts[ms];
      if (seen >= rank) return ms;
    }
    return HISTOGRAM_MS;
  }
}

/** utime + stime of a process, in seconds of CPU, from /proc. */
export const cpuSeconds = (pid: number): number => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after the command name: state is field 3, utime field 14 and stime field 15 (clock ticks of 1/100 s on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

interface Client {
  ws: WebSocket;
  /** complaints this client has seen, one bit each */
  seen: Uint8Array;
  messages: number;
  bytes: number;
  resyncs: number;
}

export interface LiveOptions {
  url: string;
  cookie: string;
  clients: number;
  ratePerSecond: number;
  seconds: number;
  warmUpSeconds: number;
  /** appends complaints (their ComplaintReceived events) to the product's log, resolving once durable */
  append: (events: ComplaintEvent[]) => Promise<unknown>;
  /** the n-th complaint's ComplaintReceived, with the given id and time */
  complaint: (n: number, complaintId: string, at: string) => ComplaintEvent;
  /** processes whose CPU is measured over the window */
  processes: { name: string; pid: number }[];
}

export interface LiveResult {
  clients: number;
  complaints: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  pairs: number;
  missingPairs: number;
  appendP50: number;
  appendP99: number;
  /** the first client's complaints: append start -> classified_at, and classified_at -> arrival (p50, p99) */
  toClassified: [number, number];
  classifiedToClient: [number, number];
  messagesPerClientSecond: number;
  bytesPerClientSecond: number;
  resyncs: number;
  clientsResynced: number;
  cpu: { name: string; percentOfCore: number }[];
  benchCpuPercent: number;
  benchLoopDelayP99: number;
}

const hexValue = (byte: number): number => (byte <= 0x39 ? byte - 0x30 : (byte | 0x20) - 0x57);

/** Connects the dashboards, appends complaints at the rate and measures append -> arrival at every client. */
export const runLive = async (options: LiveOptions): Promise<LiveResult> => {
  const warmUp = Math.round(options.ratePerSecond * options.warmUpSeconds);
  const measured = Math.round(options.ratePerSecond * options.seconds);
  const total = warmUp + measured;
  const tag = randomBytes(4).toString('hex');
  const tagBytes = Buffer.from(tag);
  const idOf = (n: number) => `${tag}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const appendStarted = new Float64Array(total).fill(NaN);
  const latency = new Histogram();
  const appendLatency = new Histogram();
  // where the time goes, from the first client's view: append -> classified (the classifier's clock), classified -> arrival
  const toClassified = new Histogram();
  const classifiedToClient = new Histogram();
  let measuring = false;
  let pairs = 0;
  let max = 0;

  const onFrame = (client: Client, data: Buffer) => {
    const arrived = performance.now();
    if (measuring) {
      client.messages += 1;
      client.bytes += data.length;
    }
    for (let at = data.indexOf(TWEET_ID); at >= 0; at = data.indexOf(TWEET_ID, at + TWEET_ID.length + ID_LENGTH)) {
      const start = at + TWEET_ID.length;
      if (start + ID_LENGTH > data.length || data.compare(tagBytes, 0, 8, start, start + 8) !== 0) continue;
      let n = 0;
      for (let i = start + 24; i < start + ID_LENGTH; i++) n = n * 16 + hexValue(data[i]);
      if (n < warmUp || n >= total) continue;
      const bit = 1 << (n & 7);
      if ((client.seen[n >> 3] & bit) !== 0) continue;
      client.seen[n >> 3] |= bit;
      const ms = arrived - appendStarted[n];
      if (Number.isNaN(ms)) continue;
      latency.record(ms);
      if (client === clients[0]) {
        const c = data.indexOf(CLASSIFIED_AT, start);
        const classifiedAt = c < 0 ? NaN : Date.parse(data.toString('latin1', c + CLASSIFIED_AT.length, c + CLASSIFIED_AT.length + ISO_LENGTH));
        if (!Number.isNaN(classifiedAt)) {
          toClassified.record(classifiedAt - (performance.timeOrigin + appendStarted[n]));
          classifiedToClient.record(performance.timeOrigin + arrived - classifiedAt);
        }
      }
      if (ms > max) max = ms;
      pairs += 1;
    }
  };

  const connect = (): Promise<Client> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${options.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
        headers: { cookie: options.cookie, origin: options.url },
        perMessageDeflate: false,
      });
      const client: Client = { ws, seen: new Uint8Array(Math.ceil(total / 8)), messages: 0, bytes: 0, resyncs: 0 };
      let connected = false;
      ws.on('message', (data: Buffer) => {
        const type = data[0];
        if (type === 0x34 && data[1] === 0x32) {
          if (data.length < 40 && data.subarray(0, RESYNC.length).equals(RESYNC)) client.resyncs += 1;
          else onFrame(client, data);
        } else if (type === 0x32) ws.send('3');
        else if (type === 0x30) ws.send('40');
        else if (type === 0x34 && data[1] === 0x30 && !connected) {
          connected = true;
          resolve(client);
        } else if (type === 0x34 && data[1] === 0x34) reject(new Error(`the server refused the socket: ${data.toString()}`));
      });
      ws.on('error', (error) => (connected ? undefined : reject(error)));
      ws.on('close', () => (connected ? undefined : reject(new Error('the socket closed before it connected'))));
    });

  const clients: Client[] = [];
  try {
    for (let i = 0; i < options.clients; i += 50) {
      clients.push(...(await Promise.all(Array.from({ length: Math.min(50, options.clients - i) }, connect))));
    }

    const perTick = (options.ratePerSecond * TICK_MS) / 1000;
    const inFlight = new Set<Promise<unknown>>();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    let cpuAtStart = options.processes.map((p) => cpuSeconds(p.pid));
    let benchCpuAtStart = process.cpuUsage();
    let windowStarted = performance.now();
    const began = performance.now();
    let next = 0;
    for (let tick = 0; next < total; tick++) {
      if (!measuring && next >= warmUp) {
        measuring = true;
        loopDelay.enable();
        cpuAtStart = options.processes.map((p) => cpuSeconds(p.pid));
        benchCpuAtStart = process.cpuUsage();
        windowStarted = performance.now();
      }
      const due = Math.min(total, Math.round((tick + 1) * perTick));
      const events: ComplaintEvent[] = [];
      const started = performance.now();
      const at = new Date().toISOString();
      for (; next < due; next++) {
        events.push(options.complaint(next, idOf(next), at));
        appendStarted[next] = started;
      }
      const measuredTick = next > warmUp;
      const appended = options.append(events).then(() => {
        if (measuredTick) appendLatency.record(performance.now() - started);
      });
      inFlight.add(appended);
      void appended.finally(() => inFlight.delete(appended));
      const wait = began + (tick + 1) * TICK_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await Promise.all(inFlight);
    const windowSeconds = (performance.now() - windowStarted) / 1000;
    const cpu = options.processes.map((p, i) => ({ name: p.name, percentOfCore: ((cpuSeconds(p.pid) - cpuAtStart[i]) / windowSeconds) * 100 }));
    const benchCpu = process.cpuUsage(benchCpuAtStart);
    measuring = false;
    loopDelay.disable();

    const expected = measured * clients.length;
    const drainUntil = performance.now() + DRAIN_MS;
    while (pairs < expected && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 100));

    const resyncs = clients.reduce((sum, c) => sum + c.resyncs, 0);
    return {
      clients: clients.length,
      complaints: measured,
      seconds: windowSeconds,
      p50: latency.percentile(50),
      p99: latency.percentile(99),
      max: Math.round(max),
      pairs,
      missingPairs: expected - pairs,
      appendP50: appendLatency.percentile(50),
      appendP99: appendLatency.percentile(99),
      toClassified: [toClassified.percentile(50), toClassified.percentile(99)],
      classifiedToClient: [classifiedToClient.percentile(50), classifiedToClient.percentile(99)],
      messagesPerClientSecond: clients.reduce((sum, c) => sum + c.messages, 0) / clients.length / windowSeconds,
      bytesPerClientSecond: clients.reduce((sum, c) => sum + c.bytes, 0) / clients.length / windowSeconds,
      resyncs,
      clientsResynced: clients.filter((c) => c.resyncs > 0).length,
      cpu,
      benchCpuPercent: ((benchCpu.user + benchCpu.system) / 1e6 / windowSeconds) * 100,
      benchLoopDelayP99: loopDelay.percentile(99) / 1e6,
    };
  } finally {
    for (const client of clients) client.ws.terminate();
  }
};
