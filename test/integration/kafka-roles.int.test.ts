import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { ConfluentSchemaRegistry, IncompatibleSchemaError } from '../../src/events/confluent-registry';
import { schemaFor } from '../../src/events/schemas';
import { subjectFor } from '../../src/events/topics';
import { readStats, recountStats } from '../../src/projections/tweets';
import { aComplaintReceived } from '../support/fixtures';
import type { ServeProcess } from '../support/serve-process';
import { newDeployment, schemaRegistryUrl, type StackDeployment } from '../support/stack';
import { until } from '../support/until';


describe('schema evolution against the registry', () => {
  it('accepts a field added with a default and refuses a BACKWARD-incompatible change', async () => {
    const registry = new ConfluentSchemaRegistry(schemaRegistryUrl());
    const subject = subjectFor(`t_schema_${randomUUID().slice(0, 8)}_raw_tweets`, 'railsewa.events.ComplaintReceived');
    const current = JSON.parse(schemaFor('ComplaintReceived').definition);
    const first = await registry.register(subject, JSON.stringify(current));

    const compatible = structuredClone(current);
    compatible.fields[1].type.fields.push({ name: 'coachPosition', type: ['null', 'string'], default: null });
    expect(await registry.register(subject, JSON.stringify(compatible))).not.toBe(first);

    const breaking = structuredClone(compatible);
    breaking.fields[1].type.fields.push({ name: 'platform', type: 'string' });
    await expect(registry.register(subject, JSON.stringify(breaking))).rejects.toBeInstanceOf(IncompatibleSchemaError);
    expect(await registry.getById(first)).toContain('ComplaintReceived');
  });
});

describe('roles as separate processes on Kafka and MariaDB', () => {
  let deployment: StackDeployment;
  let producer: Producer;

  beforeAll(async () => {
    deployment = await newDeployment('roles');
    producer = deployment.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await deployment?.dispose();
  });

  it('kill -9 of projector, classifier and API, five times each, while 100,000 complaints flow: each projected once, stats equal a recount', async () => {
    const TOTAL = 100_000;
    const VIA_API = 300;
    const codec = deployment.runtime.events.codec;
    const raw = deployment.runtime.topics.raw;
    let classifier = await deployment.start('classifier');
    let projectors: ServeProcess[] = [await deployment.start('projector'), await deployment.start('projector')];
    let api = await deployment.start('api');

    const acknowledged = new Set<string>();
    let produced = 0;
    const produce = async () => {
      for (let i = 0; i < TOTAL; i += 2000) {
        const batch = Array.from({ length: Math.min(2000, TOTAL - i) }, (_, j) => {
          const n = i + j;
          const event = aComplaintReceived({
            complaintId: `load-${n}`,
            text: n % 10 === 0 ? `Passenger fainted in coach S${n % 9}, need doctor (${n})` : `Coach B${n % 5} fan not working (${n})`,
          });
          return { key: event.data.complaintId, value: codec.encode(event) };
        });
        await producer.send({ topic: raw, acks: -1, messages: batch });
        produced += batch.length;
      }
    };
    const intake = async () => {
      for (let i = 0; i < VIA_API; i++) {
        try {
          const res = await fetch(`${api.url}/api/complaints`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text: `Web complaint ${i}: no water in coach S2` }),
          });
          if (res.status === 201) acknowledged.add(((await res.json()) as { complaint_id: string }).complaint_id);
        } catch {
          // the API process was killed mid-request: not acknowledged
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const kills = async () => {
      for (let round = 0; round < 5; round++) {
        await until(async () => produced >= ((round + 1) * TOTAL) / 6, `round ${round} of the load`, 600_000, 250);
        await Promise.all([classifier.kill('SIGKILL'), ...projectors.map((p) => p.kill('SIGKILL')), api.kill('SIGKILL')]);
        [classifier, projectors, api] = await Promise.all([
          deployment.start('classifier'),
          Promise.all([deployment.start('projector'), deployment.start('projector')]),
          deployment.start('api'),
        ]);
      }
    };
    await Promise.all([produce(), intake(), kills()]);

    const store = deployment.runtime.store;
    // Complaints whose request was cut by a kill may also have been filed, so a row count alone could be reached
    // early: wait for the load and for every acknowledged complaint by id.
    const missing = new Set(acknowledged);
    await until(async () => {
      const rows = await store.query<{ n: number }>("SELECT COUNT(*) AS n FROM tweets WHERE tweet_id LIKE 'load-%' AND prediction IS NOT NULL");
      const web = await store.query<{ tweet_id: string }>("SELECT tweet_id FROM tweets WHERE source = 'Web' AND prediction IS NOT NULL");
      for (const row of web) missing.delete(row.tweet_id);
      return Number(rows[0].n) >= TOTAL && missing.size === 0;
    }, 'every complaint projected and classified', 600_000, 250);

    const load = await store.query<{ n: number; d: number }>("SELECT COUNT(*) AS n, COUNT(DISTINCT tweet_id) AS d FROM tweets WHERE tweet_id LIKE 'load-%'");
    expect(load[0]).toEqual({ n: TOTAL, d: TOTAL });
    const web = await store.query<{ tweet_id: string }>("SELECT tweet_id FROM tweets WHERE source = 'Web'");
    const webIds = new Set(web.map((r) => r.tweet_id));
    for (const id of acknowledged) expect(webIds.has(id)).toBe(true);
    expect(await readStats(store)).toEqual(await recountStats(store));
    const emergencies = await store.query<{ n: number }>("SELECT COUNT(*) AS n FROM tweets WHERE tweet_id LIKE 'load-%' AND prediction = 1");
    expect(Number(emergencies[0].n)).toBe(TOTAL / 10);
  });
});
