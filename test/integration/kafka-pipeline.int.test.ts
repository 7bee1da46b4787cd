import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { findTweet, readStats, recountStats } from '../../src/projections/tweets';
import { newDeployment, type StackDeployment } from '../support/stack';
import { aComplaintReceived } from '../support/fixtures';
import { until } from '../support/until';


describe('pipeline on Kafka, the Schema Registry and MariaDB (serve: every role in one process)', () => {
  let deployment: StackDeployment;
  let producer: Producer;
  let raw: string;

  beforeAll(async () => {
    deployment = await newDeployment('pipeline');
    await deployment.start('serve');
    raw = deployment.runtime.topics.raw;
    producer = deployment.kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await deployment?.dispose();
  });

  it("projects a complaint in the original design's JSON shape, produced by a plain kafkajs producer", async () => {
    const complaintId = String(Date.now());
    await producer.send({
      topic: raw,
      messages: [
        {
          key: complaintId,
          value: JSON.stringify({
            complaint_id: Number(complaintId),
            text: 'Train 12951 coach B3: passenger fainted, need doctor. PNR 4512791357',
            user_id: 6491883832,
            username: 'user_6491883832',
            first_name: 'John',
            last_name: 'Doe',
            chat_id: 6491883832,
            timestamp: '2025-11-17T18:00:00Z',
          }),
        },
      ],
    });
    await until(async () => (await findTweet(deployment.runtime.store, complaintId))?.prediction != null, 'the legacy complaint', 120_000);
    expect(await findTweet(deployment.runtime.store, complaintId)).toMatchObject({
      tweet_id: complaintId,
      pnr: 4512791357,
      prediction: 1,
      chat_id: 6491883832,
      username: 'user_6491883832',
      time: '2025-11-17T18:00:00.000Z',
    });
  });

  it('projects an Avro ComplaintReceived in the Confluent wire format', async () => {
    const event = aComplaintReceived({ text: 'Coach S7 toilet dirty, PNR 2345678901', complaintId: randomUUID() });
    const value = deployment.runtime.events.codec.encode(event);
    expect(value[0]).toBe(0);
    await producer.send({ topic: raw, messages: [{ key: event.data.complaintId, value }] });
    await until(async () => (await findTweet(deployment.runtime.store, event.data.complaintId))?.prediction != null, 'the Avro complaint', 120_000);
    expect(await findTweet(deployment.runtime.store, event.data.complaintId)).toMatchObject({ pnr: 2345678901, prediction: 0, category: 'cleanliness' });
  });

  it('dead-letters 10,000 malformed messages with their reasons and projects every good one around them', async () => {
    const codec = deployment.runtime.events.codec;
    const goodIds: string[] = [];
    const kinds = ['bad_magic_byte', 'unknown_schema', 'bad_avro', 'bad_shape', 'bad_json'] as const;
    const bad = (i: number): Buffer => {
      switch (kinds[i % kinds.length]) {
        case 'bad_magic_byte':
          return Buffer.from([7, 0, 0, 0, 1, 2, 3]);
        case 'unknown_schema':
          return Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 3]);
        case 'bad_avro':
          return codec.encode(aComplaintReceived()).subarray(0, 9);
        case 'bad_shape':
          return Buffer.from(JSON.stringify({ hello: 'world', i }));
        default:
          return Buffer.from('{"complaint_id": 12, "text": ');
      }
    };
    const BAD = 10_000;
    const HUGE = 3;
    const messages: { key: string; value: Buffer }[] = [];
    const expected = new Map<string, number>([['unusable_complaint', HUGE]]);
    for (let i = 0; i < BAD - HUGE; i++) {
      messages.push({ key: `bad-${i}`, value: bad(i) });
      expected.set(kinds[i % kinds.length], (expected.get(kinds[i % kinds.length]) ?? 0) + 1);
      if (i % 5 === 0) {
        const event = aComplaintReceived({ complaintId: randomUUID(), text: `Fan broken in coach S${i % 9}, complaint ${i}` });
        goodIds.push(event.data.complaintId);
        messages.push({ key: event.data.complaintId, value: codec.encode(event) });
      }
    }
    for (let i = 0; i < messages.length; i += 1000) await producer.send({ topic: raw, messages: messages.slice(i, i + 1000) });
    for (let i = 0; i < HUGE; i++) {
      // About 1 MB of complaint text in the original JSON shape.
      const text = 'x'.repeat(1_000_000);
      await producer.send({ topic: raw, messages: [{ key: `huge-${i}`, value: JSON.stringify({ complaint_id: 900000 + i, text }) }] });
    }

    await until(async () => {
      const rows = await deployment.runtime.store.query<{ n: number }>(
        `SELECT COUNT(*) AS n FROM tweets WHERE prediction IS NOT NULL AND tweet_id IN (${goodIds.map(() => '?').join(',')})`,
        goodIds,
      );
      return Number(rows[0].n) === goodIds.length;
    }, 'every good complaint projected', 120_000);

    // The classifier's dead letters, and those of each projection that reads raw_tweets and cannot decode a message
    // (complaint_history and analytics; tweets leaves raw_tweets' to the classifier), one per projection.
    const bySource = new Map<string, Map<string, number>>([['classifier', expected]]);
    const undecodable = new Map([...expected].filter(([code]) => code !== 'unusable_complaint'));
    bySource.set('analytics', undecodable);
    // complaint_history keeps the huge complaints, cut to a storable length.
    bySource.set('complaint_history', undecodable);
    const ALL = BAD + 2 * (BAD - HUGE);
    const dlq = `${raw}.dlq`;
    const consumer = deployment.kafka.consumer({ groupId: `${deployment.namespace}dlq-check` });
    const reasons = new Map<string, Map<string, number>>();
    let total = 0;
    await consumer.connect();
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const code = message.headers?.['dlq-code']?.toString() ?? 'none';
          expect(message.headers?.['dlq-reason']?.toString()).toBeTruthy();
          expect(message.headers?.['dlq-source-topic']?.toString()).toBe(raw);
          expect(Number(message.headers?.['dlq-source-offset']?.toString())).toBeGreaterThanOrEqual(0);
          expect(message.headers?.['dlq-source-partition']).toBeDefined();
          const source = message.headers?.['dlq-projection']?.toString() ?? 'classifier';
          const codes = reasons.get(source) ?? new Map<string, number>();
          codes.set(code, (codes.get(code) ?? 0) + 1);
          reasons.set(source, codes);
          total += 1;
          if (total === ALL) resolve();
        },
      });
    });
    await Promise.race([done, until(async () => false, 'the dead letters', 60_000)]);
    await consumer.disconnect();
    expect(total).toBe(ALL);
    const plain = (m: Map<string, Map<string, number>>) => Object.fromEntries([...m].map(([source, codes]) => [source, Object.fromEntries(codes)]));
    expect(plain(reasons)).toEqual(plain(bySource));
    const cut = await deployment.runtime.store.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM complaint_history WHERE type = 'ComplaintReceived' AND changes LIKE ?`,
      ['%"text_length":1000000%'],
    );
    expect(Number(cut[0].n)).toBe(HUGE);
    expect(await readStats(deployment.runtime.store)).toEqual(await recountStats(deployment.runtime.store));
  });
});
