import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CURRENT_MODEL_VERSION } from '../../src/classify';
import { PROJECTIONS } from '../../src/projections/registry';
import { allTopics } from '../../src/events/topics';
import { assertBuilt, REPO_ROOT } from '../support/serve-process';
import { aComplaintReceived } from '../support/fixtures';
import { postJson, startEmbedded, type EmbeddedProduct } from '../support/embedded';
import { freePort } from '../support/free-port';
import { newDeployment, type StackDeployment } from '../support/stack';
import { until } from '../support/until';

const TOKEN = 'metrics-token-for-the-tests-0123';

const scrape = (url: string, token?: string) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** The value of one sample (`name{labels} value`) in Prometheus' text format; 0 when it is absent. */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

describe('metrics on the read API (embedded)', () => {
  let product: EmbeddedProduct | undefined;
  afterEach(async () => {
    await product?.stop();
    product = undefined;
  });

  it('are off without METRICS_TOKEN', async () => {
    product = await startEmbedded();
    const res = await scrape(`${product.url}/metrics`, TOKEN);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: expect.stringMatching(/METRICS_TOKEN/) } });
  });

  it('need the bearer token, and count complaints, projected events, requests and the projection lag', async () => {
    product = await startEmbedded({ METRICS_TOKEN: TOKEN });
    const url = `${product.url}/metrics`;
    for (const token of [undefined, 'not-the-token-at-all-0123456789ab']) {
      const denied = await scrape(url, token);
      expect(denied.status).toBe(401);
      expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }

    const before = await (await scrape(url, TOKEN)).text();
    const ids: string[] = [];
    for (const text of ['Passenger fainted in coach A1 of 22691, need a doctor', 'Coach S7 toilet is very dirty, no water']) {
      const res = await postJson(`${product.url}/api/complaints`, { text });
      ids.push(((await res.json()) as { complaint_id: string }).complaint_id);
    }
    const cookie = await product.login();
    await until(async () => {
      const res = await fetch(`${product!.url}/api/tweets?limit=10`, { headers: { cookie } });
      const rows = (await res.json()) as { tweet_id: string; prediction: number | null }[];
      return ids.every((id) => rows.some((r) => r.tweet_id === id && r.prediction !== null));
    }, 'both complaints to be classified');

    const res = await scrape(url, TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const after = await res.text();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('railsewa_complaints_submitted_total{source="web"}')).toBe(2);
    expect(delta('railsewa_projected_events_total{type="ComplaintReceived"}')).toBe(2);
    expect(delta('railsewa_projected_events_total{type="ComplaintClassified"}')).toBe(2);
    expect(delta(`railsewa_emergencies_projected_total{model_version="${CURRENT_MODEL_VERSION}"}`)).toBe(1);
    expect(delta('railsewa_http_request_duration_seconds_count{method="POST",route="/api/complaints",status="201"}')).toBe(2);
    expect(after).toContain('railsewa_projection_lag_events{projection="tweets",topic="raw_tweets"} 0');
    expect(after).toContain('railsewa_process_cpu_seconds_total');
  });
});

/** `railsewa projections list` of a data directory: the lag per projection and topic. */
const listedLags = (dataDir: string): Map<string, number> => {
  const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'railsewa'), 'projections', 'list'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`projections list failed: ${run.stderr}`);
  const lags = new Map<string, number>();
  let projection = '';
  for (const line of run.stdout.trim().split('\n')) {
    if (!line.startsWith(' ')) projection = line.split(' ')[0];
    const topic = /^\s+(\S+)\s+checkpoint\s+\d+\s+end\s+\d+\s+lag\s+(\d+)$/.exec(line);
    if (topic) lags.set(`${projection}/${topic[1]}`, Number(topic[2]));
  }
  return lags;
};

describe('the projection lag of every registered projection (embedded)', () => {
  let product: EmbeddedProduct | undefined;
  afterAll(() => product?.stop());

  it('is reported per projection and topic, as `railsewa projections list` prints it', async () => {
    assertBuilt();
    // Only tweets runs live: the other projections stay behind by what was appended, so their lag is not 0.
    product = await startEmbedded({ METRICS_TOKEN: TOKEN, PROJECTIONS: 'tweets' });
    for (const text of ['Coach B2 AC not working since Itarsi', 'Stranger harassing a woman in S4 of 12951']) {
      expect((await postJson(`${product.url}/api/complaints`, { text })).status).toBe(201);
    }
    const url = `${product.url}/metrics`;
    const topics = allTopics(product.runtime.events.topics);
    const series = (projection: string, topic: string) => `railsewa_projection_lag_events{projection="${projection}",topic="${topic}"}`;
    // Both complaints received and classified, and tweets caught up with them.
    await until(async () => {
      const text = await (await scrape(url, TOKEN)).text();
      return sample(text, series('complaint_history', product!.runtime.events.topics.classified)) === 2 && topics.every((t) => sample(text, series('tweets', t)) === 0);
    }, 'the classifications, projected by tweets only');
    const text = await (await scrape(url, TOKEN)).text();
    const listed = listedLags(product.dataDir);
    expect(listed.size).toBe(PROJECTIONS.length * topics.length);
    for (const projection of PROJECTIONS) {
      for (const topic of topics) expect([projection.name, topic, sample(text, series(projection.name, topic))]).toEqual([projection.name, topic, listed.get(`${projection.name}/${topic}`)]);
    }
    expect(listed.get(`analytics/${product.runtime.events.topics.raw}`)).toBe(2);
    expect(listed.get(`complaint_history/${product.runtime.events.topics.raw}`)).toBe(2);
  });
});

describe('metrics of a role process on METRICS_PORT (Kafka, MariaDB)', () => {
  let deployment: StackDeployment;
  beforeAll(async () => {
    deployment = await newDeployment('metrics');
  });
  afterAll(() => deployment?.dispose());

  it('the projector serves what it projected and how far behind it is', async () => {
    const port = await freePort();
    await deployment.start('classifier');
    const projector = await deployment.start('projector', { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
    expect(projector.output()).toContain(`railsewa projector metrics: http://127.0.0.1:${port}/metrics`);
    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await scrape(url)).status).toBe(401);

    await deployment.runtime.events.append(Array.from({ length: 5 }, () => aComplaintReceived()));
    let text = '';
    await until(async () => {
      text = await (await scrape(url, TOKEN)).text();
      return sample(text, 'railsewa_projected_events_total{type="ComplaintClassified"}') === 5;
    }, 'the projector to project the five classifications');
    expect(sample(text, 'railsewa_projected_events_total{type="ComplaintReceived"}')).toBe(5);
    const lag = `railsewa_projection_lag_events{projection="tweets",topic="${deployment.runtime.events.topics.raw}"}`;
    // The checkpoint covers every raw event once the projector has caught up (a complaint may still wait a moment).
    await until(async () => (await (await scrape(url, TOKEN)).text()).includes(`${lag} 0\n`), 'the raw lag to reach 0', 30_000);
  });
});

describe('dead letters counted by a classifier process (Kafka)', () => {
  let deployment: StackDeployment;
  beforeAll(async () => {
    deployment = await newDeployment('dlqmetrics');
  });
  afterAll(() => deployment?.dispose());

  it('counts each dead letter once its transaction has committed', async () => {
    const port = await freePort();
    await deployment.start('classifier', { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
    const url = `http://127.0.0.1:${port}/metrics`;
    const raw = deployment.runtime.events.topics.raw;
    const producer = deployment.kafka.producer();
    await producer.connect();
    await producer.send({ topic: raw, messages: [1, 2, 3].map((i) => ({ key: `bad-${i}`, value: Buffer.from([7, 0, 0, 0, i]) })) });
    await producer.send({ topic: raw, messages: [{ key: 'bad-json', value: Buffer.from('{"complaint_id": 1, "text": ') }] });
    await producer.disconnect();
    const counter = (code: string) => `railsewa_dead_letters_total{topic="${raw}",code="${code}"}`;
    let text = '';
    await until(async () => {
      text = await (await scrape(url, TOKEN)).text();
      return sample(text, counter('bad_magic_byte')) === 3 && sample(text, counter('bad_json')) === 1;
    }, 'the classifier to count four dead letters');
  });
});
