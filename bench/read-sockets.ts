/**
 * The read benchmark's live-push side: dashboards (worker threads of raw Socket.IO clients, read-dashboards.ts)
 * connected while complaints are appended to the product's log at a steady rate.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { ComplaintEvent } from '../src/events/complaint';
import type { DashboardsData, DashboardsReport, FromDashboards, ToDashboards } from './read-dashboards';
import { Histogram } from './read-histogram';

const TICK_MS = 10;
export const DRAIN_MS = 15_000;
const WORKERS = 2;

/** utime + stime of a process, in seconds of CPU, from /proc. */
export const cpuSeconds = (pid: number): number => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // after the command name: state is field 3, utime field 14 and stime field 15 (clock ticks of 1/100 s on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

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
  /** one client's complaints: due -> classified_at, and classified_at -> arrival (p50, p99) */
  toClassified: [number, number];
  classifiedToClient: [number, number];
  messagesPerClientSecond: number;
  bytesPerClientSecond: number;
  resyncs: number;
  clientsResynced: number;
  cpu: { name: string; percentOfCore: number }[];
  benchCpuPercent: number;
  /** event-loop delay p99 of the appending thread and of the dashboards' threads (the worst) */
  appenderLoopDelayP99: number;
  dashboardsLoopDelayP99: number;
}

class Dashboards {
  readonly worker: Worker;
  pairs = 0;
  private readonly connected: Promise<void>;
  private report: ((report: DashboardsReport) => void) | undefined;

  constructor(data: DashboardsData) {
    // The worker runs TypeScript through tsx, as this process does.
    this.worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(require.resolve('./read-dashboards'))});`, { eval: true, workerData: data });
    this.connected = new Promise((resolve, reject) => {
      this.worker.on('error', reject);
      this.worker.on('message', (message: FromDashboards) => {
        if (message.type === 'connected') resolve();
        else if (message.type === 'failed') reject(new Error(message.message));
        else if (message.type === 'pairs') this.pairs = message.pairs;
        else this.report?.(message);
      });
    });
  }

  ready(): Promise<void> {
    return this.connected;
  }

  send(message: ToDashboards): void {
    this.worker.postMessage(message);
  }

  collect(): Promise<DashboardsReport> {
    return new Promise((resolve) => {
      this.report = resolve;
      this.send({ type: 'report' });
    });
  }
}

/**
 * Connects the dashboards, appends complaints at the rate and measures, for every (client, complaint) pair, the time
 * from the moment the complaint fell due (just before its append) to its arrival at the client.
 */
export const runLive = async (options: LiveOptions): Promise<LiveResult> => {
  const warmUp = Math.round(options.ratePerSecond * options.warmUpSeconds);
  const measured = Math.round(options.ratePerSecond * options.seconds);
  const total = warmUp + measured;
  const tag = randomBytes(4).toString('hex');
  const idOf = (n: number) => `${tag}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const dueAtBuffer = new SharedArrayBuffer(total * Float64Array.BYTES_PER_ELEMENT);
  const dueAt = new Float64Array(dueAtBuffer).fill(NaN);
  const appendLatency = new Histogram();
  const now = () => performance.timeOrigin + performance.now();

  const workers: Dashboards[] = [];
  try {
    for (let w = 0; w < WORKERS; w++) {
      const clients = Math.floor(options.clients / WORKERS) + (w < options.clients % WORKERS ? 1 : 0);
      if (clients > 0) {
        workers.push(new Dashboards({ url: options.url, cookie: options.cookie, clients, warmUp, total, tag, dueAt: dueAtBuffer, split: w === 0 }));
      }
    }
    await Promise.all(workers.map((w) => w.ready()));

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    let cpuAtStart = options.processes.map((p) => cpuSeconds(p.pid));
    let benchCpuAtStart = process.cpuUsage();
    let windowStarted = performance.now();
    let measuring = false;
    // Complaints fall due with the clock; one append is in flight at a time and takes every complaint due meanwhile
    // (the embedded log commits concurrent appends together anyway; Kafka's idempotent producer sends one at a time).
    let waiting: { n: number; event: ComplaintEvent }[] = [];
    let sending: Promise<void> | undefined;
    const send = (): void => {
      if (sending || waiting.length === 0) return;
      const batch = waiting;
      waiting = [];
      sending = options.append(batch.map((w) => w.event)).then(() => {
        const durable = now();
        for (const { n } of batch) if (n >= warmUp) appendLatency.record(durable - dueAt[n]);
        sending = undefined;
        send();
      });
    };
    const began = performance.now();
    let next = 0;
    for (let tick = 1; next < total; tick++) {
      if (!measuring && next >= warmUp) {
        measuring = true;
        for (const w of workers) w.send({ type: 'measure', on: true });
        loopDelay.enable();
        cpuAtStart = options.processes.map((p) => cpuSeconds(p.pid));
        benchCpuAtStart = process.cpuUsage();
        windowStarted = performance.now();
      }
      const due = Math.min(total, Math.floor(((performance.now() - began) * options.ratePerSecond) / 1000));
      const at = new Date().toISOString();
      const fellDue = now();
      for (; next < due; next++) {
        waiting.push({ n: next, event: options.complaint(next, idOf(next), at) });
        dueAt[next] = fellDue;
      }
      send();
      const wait = began + tick * TICK_MS - performance.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    }
    while (sending) await sending;
    const windowSeconds = (performance.now() - windowStarted) / 1000;
    const cpu = options.processes.map((p, i) => ({ name: p.name, percentOfCore: ((cpuSeconds(p.pid) - cpuAtStart[i]) / windowSeconds) * 100 }));
    const benchCpu = process.cpuUsage(benchCpuAtStart);
    for (const w of workers) w.send({ type: 'measure', on: false });
    loopDelay.disable();

    const expected = measured * options.clients;
    const pairs = () => workers.reduce((sum, w) => sum + w.pairs, 0);
    const drainUntil = performance.now() + DRAIN_MS;
    while (pairs() < expected && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 100));

    const reports = await Promise.all(workers.map((w) => w.collect()));
    const merged = (pick: (r: DashboardsReport) => Float64Array) => {
      const histogram = new Histogram();
      for (const r of reports) histogram.add(pick(r));
      return histogram;
    };
    const latency = merged((r) => r.latency);
    const toClassified = merged((r) => r.toClassified);
    const classifiedToClient = merged((r) => r.classifiedToClient);
    const sum = (pick: (r: DashboardsReport) => number) => reports.reduce((s, r) => s + pick(r), 0);
    return {
      clients: options.clients,
      complaints: measured,
      seconds: windowSeconds,
      p50: latency.percentile(50),
      p99: latency.percentile(99),
      max: Math.round(Math.max(...reports.map((r) => r.max))),
      pairs: sum((r) => r.pairs),
      missingPairs: expected - sum((r) => r.pairs),
      appendP50: appendLatency.percentile(50),
      appendP99: appendLatency.percentile(99),
      toClassified: [toClassified.percentile(50), toClassified.percentile(99)],
      classifiedToClient: [classifiedToClient.percentile(50), classifiedToClient.percentile(99)],
      messagesPerClientSecond: sum((r) => r.messages) / options.clients / windowSeconds,
      bytesPerClientSecond: sum((r) => r.bytes) / options.clients / windowSeconds,
      resyncs: sum((r) => r.resyncs),
      clientsResynced: sum((r) => r.clientsResynced),
      cpu,
      benchCpuPercent: ((benchCpu.user + benchCpu.system) / 1e6 / windowSeconds) * 100,
      appenderLoopDelayP99: loopDelay.percentile(99) / 1e6,
      dashboardsLoopDelayP99: Math.max(...reports.map((r) => r.loopDelayP99)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
};
