/**
 * The read side under load: complaints loaded into the tweets read model through the projection's code, then the read
 * API (its own process) driven by autocannon, then dashboards on the live push while complaints arrive. Embedded
 * SQLite first, then, when `.env.stack` (or DB_* and KAFKA_* settings) names the local services, MariaDB with the
 * `api`, `classifier` and `projector` roles on Kafka.
 *
 * Usage: npm run bench:read [-- [--push-only] COMPLAINTS [SECONDS_PER_ENDPOINT [LIVE_SECONDS [DASHBOARDS [MARIADB_COMPLAINTS]]]]]
 * (defaults 1,000,000, 10, 60, 500, COMPLAINTS; a count of 0 leaves that engine out, and 0 live seconds or dashboards
 * the live push: `-- 0 10 0 0 1000000` times MariaDB's HTTP reads alone). `--push-only` runs only the live push (no
 * endpoint probes; 100,000 complaints loaded unless given).
 * BENCH_CPU_PROF=DIR writes a V8 CPU profile of every server process into DIR. BENCH_READ_ROUTES=stats,pages,...
 * probes only those groups (healthz, stats, pages, lookups, words). BENCH_READ_BASELINE=DIR probes the API of the
 * build in DIR (another checkout, built) first, on the same data, for a comparison back to back. Needs `npm run build`
 * (the servers run from dist/).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '../src/config';
import type { ComplaintEvent } from '../src/events/complaint';
import { silentLogger } from '../src/logger';
import { readStats } from '../src/projections/tweets';
import { createAdmin } from '../src/read-api/admins';
import { openRuntime, type Runtime } from '../src/runtime';
import { freshMysqlStore, kafkaBrokers, mysqlSettings } from '../test/support/services';
import { assertBuilt, startRole, type ServeProcess } from '../test/support/serve-process';
import { schemaRegistryUrl } from '../test/support/stack';
import { tempDir } from '../test/support/temp';
import { complaintFactory, loadComplaints, type Loaded } from './read-data';
import { deepPage, login, probe, startBareServer, type ProbeResult } from './read-http';
import { DRAIN_MS, runLive, type LiveResult } from './read-sockets';

const PUSH_ONLY = process.argv.includes('--push-only');
const args = process.argv.slice(2).filter((arg) => arg !== '--push-only');
const COMPLAINTS = Number(args[0] ?? (PUSH_ONLY ? 100_000 : 1_000_000));
const SECONDS_PER_ENDPOINT = Number(args[1] ?? 10);
const LIVE_SECONDS = Number(args[2] ?? 60);
const DASHBOARDS = Number(args[3] ?? 500);
const MARIADB_COMPLAINTS = Number(args[4] ?? COMPLAINTS);
const CONNECTIONS = 32;
const PAGES_DEEP = 50;
const LIVE_RATE = 1_000;
const WARM_UP_SECONDS = 5;
const ADMIN = 'bench';
const ADMIN_PASSWORD = randomBytes(18).toString('base64url');
const ROUTES = process.env.BENCH_READ_ROUTES?.split(',');
const BASELINE = process.env.BENCH_READ_BASELINE;
/** the API builds to probe, each on the same data: the baseline's first when there is one, then this checkout's */
const builds = (): { label: string; cli?: string }[] => [
  ...(BASELINE ? [{ label: `baseline ${BASELINE}`, cli: path.resolve(BASELINE, 'dist', 'src', 'cli.js') }] : []),
  { label: 'this checkout' },
];

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/**
 * With BENCH_CPU_PROF, each phase's start and end on the monotonic clock (microseconds, the clock of V8's profiles),
 * written to DIR/phases.json so that a profile can be cut into the phases.
 */
const phases: { name: string; startUs: number; endUs: number }[] = [];
const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const startUs = Number(process.hrtime.bigint() / 1000n);
  try {
    return await work();
  } finally {
    phases.push({ name, startUs, endUs: Number(process.hrtime.bigint() / 1000n) });
    if (process.env.BENCH_CPU_PROF) fs.writeFileSync(path.join(process.env.BENCH_CPU_PROF, 'phases.json'), JSON.stringify(phases, null, 1));
  }
};
const profiling = (): string[] => (process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []);

const progress = (label: string, total: number) => (done: number) => {
  process.stderr.write(`\r  ${label}: ${fmt(done)} / ${fmt(total)}`);
  if (done >= total) process.stderr.write('\n');
};

/** Stops a server process: SIGTERM (it stops cleanly and writes its CPU profile), SIGKILL if it hangs. */
const stop = async (server: ServeProcess): Promise<void> => {
  const timer = setTimeout(() => void server.kill('SIGKILL'), 10_000);
  await server.kill('SIGTERM');
  clearTimeout(timer);
};

interface Target {
  /** no limit: a reference figure */
  limitMs?: number;
  /** what a figure without a limit is (default: the product's HTTP stack alone) */
  note?: string;
}

const TARGETS: Record<string, Target> = {
  none: {},
  floorNode: { note: 'no target: Node and autocannon alone' },
  floorExpress: { note: 'no target: the framework alone' },
  stats: { limitMs: 5 },
  page: { limitMs: 20 },
  lookup: { limitMs: 10 },
  words: { limitMs: 100 },
};

const verdict = (value: number, limit: number) => (value < limit ? 'met' : `MISSED by ${fmt(value - limit)} ms (${fmt(value / limit, 1)}x)`);

const printProbes = (results: [ProbeResult, Target][]) => {
  console.log(`  ${'endpoint'.padEnd(46)} ${'rows'.padStart(5)} ${'alone'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'req/s'.padStart(8)}  target`);
  for (const [r, target] of results) {
    const failures = r.failures > 0 ? `  (${fmt(r.failures)} of ${fmt(r.requests + r.failures)} failed)` : '';
    const answeredNone = r.requests === 0;
    const outcome =
      target.limitMs === undefined
        ? (target.note ?? 'no target: Express, no session, no query')
        : answeredNone
          ? `p99 < ${target.limitMs} ms: MISSED, no request answered within the ${SECONDS_PER_ENDPOINT} s`
          : `p99 < ${target.limitMs} ms: ${verdict(r.p99, target.limitMs)}`;
    const ms = (value: number) => (answeredNone ? '-' : fmt(value)).padStart(7);
    console.log(
      `  ${r.name.padEnd(46)} ${fmt(r.answered).padStart(5)} ${fmt(r.aloneMs).padStart(7)} ${ms(r.p50)} ${ms(r.p99)} ${fmt(r.requestsPerSecond).padStart(8)}  ${outcome}${failures}`,
    );
  }
};

const printLive = (live: LiveResult) => {
  console.log(
    `  live push: ${fmt(live.clients)} dashboards (raw ws Socket.IO clients on 2 worker threads), ${fmt(LIVE_RATE)} complaints/s for ${fmt(live.seconds, 1)} s after ${WARM_UP_SECONDS} s of warm-up`,
  );
  console.log(
    `    due -> every client              p50 ${fmt(live.p50)} ms, p99 ${fmt(live.p99)} ms, max ${fmt(live.max)} ms over ${fmt(live.pairs)} (client, complaint) pairs; p99 < 1,000 ms: ${verdict(live.p99, 1000)}`,
  );
  console.log(`    due -> durable in the log        p50 ${fmt(live.appendP50)} ms, p99 ${fmt(live.appendP99)} ms (the append resolved: its commit came no later)`);
  console.log(`    first client: due -> classified_at p50 ${fmt(live.toClassified[0])} ms, p99 ${fmt(live.toClassified[1])} ms; classified -> arrival p50 ${fmt(live.classifiedToClient[0])} ms, p99 ${fmt(live.classifiedToClient[1])} ms`);
  console.log(`    pairs not delivered              ${fmt(live.missingPairs)} (after up to ${fmt(DRAIN_MS / 1000)} s of drain)`);
  console.log(`    per client                       ${fmt(live.messagesPerClientSecond, 1)} messages/s, ${fmt(live.bytesPerClientSecond / 1024)} KiB/s`);
  console.log(`    resyncs                          ${fmt(live.resyncs)} (to ${fmt(live.clientsResynced)} clients): a client left behind gets no batches until it drains, so no buffer grows without bound`);
  console.log(`    CPU, % of one core               ${live.cpu.map((c) => `${c.name} ${fmt(c.percentOfCore)}%`).join(', ')}; bench ${fmt(live.benchCpuPercent)}% (event-loop delay p99: appender ${fmt(live.appenderLoopDelayP99)} ms, dashboards ${fmt(live.dashboardsLoopDelayP99)} ms)`);
};

/** Every endpoint of the issue, with the probe values found in the loaded data. */
const probeAll = async (url: string, loaded: Loaded): Promise<[ProbeResult, Target][]> => {
  const session = await login(url, ADMIN, ADMIN_PASSWORD);
  const deep = await deepPage(session, PAGES_DEEP);
  const { probes } = loaded;
  const q = (text: string) => `/api/tweets?q=${encodeURIComponent(text)}`;
  const groups: [string, { name: string; path: string }, Target][] = [
    ['healthz', { name: '/healthz (the HTTP stack alone)', path: '/healthz' }, TARGETS.none],
    ['stats', { name: '/api/stats', path: '/api/stats' }, TARGETS.stats],
    ['pages', { name: '/api/tweets (all, first page)', path: '/api/tweets' }, TARGETS.page],
    ['pages', { name: '/api/tweets?filter=emergency', path: '/api/tweets?filter=emergency' }, TARGETS.page],
    ['pages', { name: `/api/tweets, ${PAGES_DEEP} pages deep`, path: deep }, TARGETS.page],
    ['lookups', { name: '/api/tweets/:id', path: `/api/tweets/${probes.id}` }, TARGETS.lookup],
    ['lookups', { name: `search PNR ${probes.pnr}`, path: q(probes.pnr) }, TARGETS.lookup],
    ['lookups', { name: `search reference ${probes.reference}`, path: q(probes.reference) }, TARGETS.lookup],
    ['words', { name: `search rare word "${probes.rareWord.word}" (~${fmt(probes.rareWord.rows)} rows)`, path: q(probes.rareWord.word) }, TARGETS.words],
    ['words', { name: `search common "${probes.commonWord.word}" (~${fmt((probes.commonWord.rows / loaded.count) * 100)}% of rows)`, path: q(probes.commonWord.word) }, TARGETS.words],
    ['words', { name: `search Hindi "${probes.hindiWord.word}" (~${fmt((probes.hindiWord.rows / loaded.count) * 100)}% of rows)`, path: q(probes.hindiWord.word) }, TARGETS.words],
  ];
  const list = groups.filter(([group]) => !ROUTES || ROUTES.includes(group)).map(([, p, target]): [{ name: string; path: string }, Target] => [p, target]);
  const results: [ProbeResult, Target][] = [];
  const floors = [
    { kind: 'node:http', name: 'bare node:http (no Express, no product)', target: TARGETS.floorNode },
    { kind: 'express', name: 'bare Express: one route, no middleware', target: TARGETS.floorExpress },
  ] as const;
  for (const floor of !ROUTES || ROUTES.includes('healthz') ? floors : []) {
    const bare = await startBareServer(floor.kind);
    try {
      const measured = await phase(`${bare.url} ${floor.name}`, () => probe({ url: bare.url, cookie: '' }, { name: floor.name, path: '/' }, CONNECTIONS, SECONDS_PER_ENDPOINT));
      results.push([measured, floor.target]);
    } finally {
      bare.stop();
    }
  }
  for (const [p, target] of list) results.push([await phase(`${url} ${p.name}`, () => probe(session, p, CONNECTIONS, SECONDS_PER_ENDPOINT)), target]);
  return results;
};

const load = async (runtime: Runtime, count: number, label: string): Promise<Loaded> => {
  const loaded = await loadComplaints(runtime.store, count, progress(`loading ${label}`, count));
  const stats = await readStats(runtime.store);
  await createAdmin(runtime.store, ADMIN, ADMIN_PASSWORD);
  console.log(
    `  loaded ${fmt(loaded.count)} complaints in ${fmt(loaded.seconds, 1)} s: ${fmt(loaded.count / loaded.seconds)} complaints/s through applyTweetSlices (${fmt(5000)} per transaction); ${fmt((stats.emergency / stats.total) * 100, 1)}% emergencies`,
  );
  return loaded;
};

const liveRun = (url: string, runtime: Runtime, processes: { name: string; pid: number }[]) => {
  const factory = complaintFactory(LIVE_RATE * (LIVE_SECONDS + WARM_UP_SECONDS), 4);
  return async (): Promise<LiveResult> => {
    const session = await login(url, ADMIN, ADMIN_PASSWORD);
    return runLive({
      url,
      cookie: session.cookie,
      clients: DASHBOARDS,
      ratePerSecond: LIVE_RATE,
      seconds: LIVE_SECONDS,
      warmUpSeconds: WARM_UP_SECONDS,
      append: (events: ComplaintEvent[]) => runtime.events.append(events),
      complaint: (n, complaintId, at) => factory.pair(n, complaintId, at)[0],
      processes,
    });
  };
};

const loadAverage = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

const header = (engine: string, count: number) =>
  console.log(
    `\nread API on ${engine}: ${fmt(count)} complaints, ${PUSH_ONLY ? 'live push only' : `${CONNECTIONS} connections, ${SECONDS_PER_ENDPOINT} s per endpoint (after 1 s of warm-up)`}, node ${process.version}, ${os.cpus().length} cores, load average ${loadAverage()}`,
  );

const embedded = async (): Promise<void> => {
  header('embedded SQLite (railsewa serve)', COMPLAINTS);
  const temp = tempDir('railsewa-bench-read-');
  const runtime = await openRuntime(loadConfig({ DATA_DIR: temp.dir, LOG_LEVEL: 'silent' }, '/nonexistent/.env'), silentLogger());
  let server: ServeProcess | undefined;
  try {
    const loaded = await load(runtime, COMPLAINTS, 'SQLite');
    // Nothing in the environment may point this process at Kafka or MySQL.
    const env = { DATA_DIR: temp.dir, HOST: '127.0.0.1', KAFKA_BROKERS: '', SCHEMA_REGISTRY_URL: '', DB_HOST: '' };
    for (const build of PUSH_ONLY ? [] : builds().slice(0, -1)) {
      const baseline = await startRole('serve', env, profiling(), build.cli);
      console.log(`  ${build.label}, load average ${loadAverage()}`);
      printProbes(await probeAll(baseline.url, loaded));
      await stop(baseline);
    }
    server = await startRole('serve', env, profiling());
    if (!PUSH_ONLY) {
      if (BASELINE) console.log(`  this checkout, load average ${loadAverage()}`);
      printProbes(await probeAll(server.url, loaded));
    }
    if (LIVE_SECONDS === 0 || DASHBOARDS === 0) return;
    // The complaints are appended to the embedded log from this process, as the CLI does; serve classifies and
    // projects them and pushes the changes.
    const live = liveRun(server.url, runtime, [{ name: 'serve (API + classifier + projector)', pid: server.child.pid! }]);
    printLive(await phase(`${server.url} live push`, live));
  } finally {
    if (server) await stop(server);
    await runtime.close();
    temp.remove();
  }
};

/**
 * MariaDB goes on running a search whose HTTP client has gone (autocannon closes its connections at the end of a
 * run): waits, at most two minutes, until no query of the bench's database is running, so that the live push does not
 * share the API's connection pool with the searches' leftovers. Prints how long it waited.
 */
const untilQueriesFinish = async (runtime: Runtime, database: string): Promise<void> => {
  const started = Date.now();
  const running = async () =>
    (
      await runtime.store.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = ? AND command = 'Query' AND id <> CONNECTION_ID()",
        [database],
      )
    )[0].n;
  while (Number(await running()) > 0 && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 500));
  console.log(`  waited ${fmt((Date.now() - started) / 1000, 1)} s for MariaDB to finish the searches' leftover queries (${fmt(Number(await running()))} still running)`);
};

const mariadb = async (): Promise<void> => {
  header('MariaDB (railsewa api; classifier and projector roles on Kafka for the live push)', MARIADB_COMPLAINTS);
  const db = await freshMysqlStore('bench_read');
  const mysql = mysqlSettings();
  const env = {
    KAFKA_BROKERS: kafkaBrokers().join(','),
    SCHEMA_REGISTRY_URL: schemaRegistryUrl(),
    KAFKA_NAMESPACE: `bench_read_${randomBytes(3).toString('hex')}_`,
    DB_HOST: mysql.host,
    DB_PORT: String(mysql.port),
    DB_USER: mysql.user,
    DB_PASSWORD: mysql.password,
    DB_NAME: db.database,
    HOST: '127.0.0.1',
    SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  const runtime = await openRuntime(loadConfig({ ...env, LOG_LEVEL: 'silent' }, '/nonexistent/.env'), silentLogger());
  const servers: ServeProcess[] = [];
  try {
    const loaded = await load(runtime, MARIADB_COMPLAINTS, 'MariaDB');
    for (const build of PUSH_ONLY ? [] : builds().slice(0, -1)) {
      const baseline = await startRole('api', env, profiling(), build.cli);
      console.log(`  ${build.label}, load average ${loadAverage()}`);
      printProbes(await probeAll(baseline.url, loaded));
      await stop(baseline);
      await untilQueriesFinish(runtime, db.database);
    }
    const api = await startRole('api', env, profiling());
    servers.push(api);
    if (!PUSH_ONLY) {
      if (BASELINE) console.log(`  this checkout, load average ${loadAverage()}`);
      printProbes(await probeAll(api.url, loaded));
      await untilQueriesFinish(runtime, db.database);
    }
    if (LIVE_SECONDS === 0 || DASHBOARDS === 0) return;
    const classifier = await startRole('classifier', env, profiling());
    const projector = await startRole('projector', env, profiling());
    servers.push(classifier, projector);
    const live = liveRun(api.url, runtime, [
      { name: 'api', pid: api.child.pid! },
      { name: 'classifier', pid: classifier.child.pid! },
      { name: 'projector', pid: projector.child.pid! },
    ]);
    printLive(await phase(`${api.url} live push`, live));
  } finally {
    for (const server of servers) await stop(server);
    await runtime.close();
    await db.drop();
    const admin = new Kafka({ clientId: 'railsewa-bench', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(env.KAFKA_NAMESPACE));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    await admin.disconnect();
  }
};

const stackConfigured = (): boolean => {
  try {
    mysqlSettings();
    kafkaBrokers();
    schemaRegistryUrl();
    return true;
  } catch {
    return false;
  }
};

const main = async () => {
  assertBuilt();
  if (COMPLAINTS > 0) await embedded();
  if (MARIADB_COMPLAINTS === 0) return;
  if (stackConfigured()) await mariadb();
  else console.log('\nMariaDB: skipped, no .env.stack (run `make stack`) and no DB_* / KAFKA_BROKERS / SCHEMA_REGISTRY_URL settings');
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
