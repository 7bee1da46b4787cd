import { randomBytes } from 'node:crypto';
import { deadLetterTopic } from '../../src/events/topics';
import type { EventLog, LogMessage, Subscription } from '../../src/eventlog/event-log';
import { loadCheckpoints } from '../../src/projections/checkpoints';
import { complaintHistoryProjection } from '../../src/projections/complaint-history';
import { createDeadLettersTable, DEAD_LETTERS_TABLE } from '../../src/projections/dead-letters';
import { liveTables } from '../../src/projections/projection';
import { projectionStatuses } from '../../src/projections/status';
import { startProjectionRunner } from '../../src/roles/projection-runner';
import { startTweetsProjector } from '../../src/roles/projector';
import type { Runtime } from '../../src/runtime';
import { LIVE_TWEETS_TABLES } from '../../src/store/tweets-tables';
import { aComplaintReceived } from '../support/fixtures';
import { aPoisonedClassification, UNKNOWN_SCHEMA_ID, wire } from '../support/poison-messages';
import { logEngines } from '../support/runtime-on';
import { until } from '../support/until';

const history = liveTables(complaintHistoryProjection);

/** Every message on `topic`, as a consumer group of its own reads them, until `stop`. */
const readTopic = async (log: EventLog, topic: string): Promise<{ messages: LogMessage[]; stop: () => Promise<void> }> => {
  const messages: LogMessage[] = [];
  const subscription: Subscription = await log.subscribe({
    groupId: `dlq-reader-${randomBytes(4).toString('hex')}`,
    topics: [topic],
    fromBeginning: true,
    eachBatch: async (batch) => {
      messages.push(...batch.messages);
    },
  });
  return { messages, stop: () => subscription.stop() };
};

const endOf = async (log: EventLog, topic: string): Promise<number> => [...(await log.endOffsets(topic)).values()].reduce((a, b) => a + b, 0);

const publishedAt = async (runtime: Runtime, projection: string, topic: string, partition: number, offset: number): Promise<string | null> =>
  (
    await runtime.store.query<{ published_at: string | null }>(
      `SELECT published_at FROM ${DEAD_LETTERS_TABLE} WHERE projection = ? AND topic = ? AND partition_no = ? AND offset_no = ?`,
      [projection, topic, partition, offset],
    )
  )[0]?.published_at ?? null;

/** What a DLQ consumer sees of a message: its key, bytes and the headers it de-duplicates and triages by. */
const seen = (m: LogMessage) => ({
  key: m.key,
  value: m.value?.toString('hex'),
  projection: m.headers['dlq-projection'],
  code: m.headers['dlq-code'],
  reason: m.headers['dlq-reason'],
  source: `${m.headers['dlq-source-topic']}[${m.headers['dlq-source-partition']}]@${m.headers['dlq-source-offset']}`,
});

describe.each(logEngines('dlqrelay'))('the dead-letter relay, on %s', (_, open) => {
  let runtime: Runtime;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ runtime, dispose } = await open());
  }, 120_000);
  afterAll(() => dispose?.());

  it('publishes a poison message between good ones to <topic>.dlq once per projection, with the original key, bytes and reason, and not again after a restart', async () => {
    const { classified } = runtime.topics;
    const dlq = deadLetterTopic(classified);
    const { key, poison, bad, last } = await aPoisonedClassification(runtime);
    const reader = await readTopic(runtime.events.log, dlq);
    try {
      const readPast = (checkpoints: string, offset: number) => async () =>
        ((await loadCheckpoints(runtime.store, checkpoints, classified)).get(bad.partition) ?? 0) > offset;

      let running = await startProjectionRunner({ ...runtime, projection: complaintHistoryProjection });
      try {
        await until(readPast(history.checkpoints, last.offset), 'complaint_history to read past the poison');
        await until(async () => reader.messages.length >= 1, 'the dead letter on the .dlq topic');
      } finally {
        await running.stop();
      }
      const expected = {
        key,
        value: poison.toString('hex'),
        code: 'unknown_schema',
        reason: `schema id ${UNKNOWN_SCHEMA_ID} is not registered`,
        source: `${classified}[${bad.partition}]@${bad.offset}`,
      };
      expect(reader.messages.map(seen)).toEqual([{ ...expected, projection: 'complaint_history' }]);
      expect(reader.messages[0].headers['dlq-at']).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await publishedAt(runtime, 'complaint_history', classified, bad.partition, bad.offset)).not.toBeNull();

      // The tweets projector meets it too: a row of its own, and a message of its own.
      running = await startTweetsProjector({ ...runtime });
      try {
        await until(readPast(LIVE_TWEETS_TABLES.checkpoints, last.offset), 'the tweets projector to read past the poison');
        await until(async () => reader.messages.length >= 2, 'its dead letter on the .dlq topic');
      } finally {
        await running.stop();
      }
      expect(reader.messages.map(seen)).toEqual([
        { ...expected, projection: 'complaint_history' },
        { ...expected, projection: 'tweets' },
      ]);

      // Restarted, with a second poison after the first in the same partition: the relay publishes in the order of
      // the log, so the first one would come again before the second if it had not been marked published.
      const again = wire(UNKNOWN_SCHEMA_ID, [0x03]);
      const [second] = await runtime.events.log.append(classified, [{ key, value: again }]);
      running = await startProjectionRunner({ ...runtime, projection: complaintHistoryProjection });
      try {
        await until(async () => reader.messages.length >= 3, 'the second dead letter on the .dlq topic');
      } finally {
        await running.stop();
      }
      expect(reader.messages.slice(2).map(seen)).toEqual([
        { ...expected, value: again.toString('hex'), source: `${classified}[${second.partition}]@${second.offset}`, projection: 'complaint_history' },
      ]);
      // stop() waits for the relay's run in hand: nothing more is on its way.
      expect(await endOf(runtime.events.log, dlq)).toBe(3);
    } finally {
      await reader.stop();
    }
  }, 120_000);

  it('publishes at the next start a row committed but not published (the process stopped between the two), and marks it', async () => {
    const { raw } = runtime.topics;
    const dlq = deadLetterTopic(raw);
    const key = aComplaintReceived().data.complaintId;
    // As the runner leaves it when it dies right after its transaction: the row, unpublished.
    const value = Buffer.from([0x00, 0x7f, 0xff, 0xff, 0xf1, 0x09]);
    await runtime.store.execute(
      `INSERT INTO ${DEAD_LETTERS_TABLE} (projection, topic, partition_no, offset_no, code, reason, message_key, message_value, message_size, dead_lettered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ['complaint_history', raw, 0, 123_456, 'unknown_schema', 'schema id 2147483633 is not registered', key, value, value.length, '2026-12-05T00:00:00.000Z'],
    );
    const statusOf = async () => (await projectionStatuses(runtime.events, runtime.store, [complaintHistoryProjection]))[0];
    expect((await statusOf()).unpublishedDeadLetters).toBe(1);
    const before = await endOf(runtime.events.log, dlq);
    const reader = await readTopic(runtime.events.log, dlq);
    try {
      const running = await startProjectionRunner({ ...runtime, projection: complaintHistoryProjection });
      try {
        await until(async () => reader.messages.length > before, 'the left row on the .dlq topic');
      } finally {
        await running.stop();
      }
      expect(reader.messages.slice(before).map(seen)).toEqual([
        { key, value: value.toString('hex'), projection: 'complaint_history', code: 'unknown_schema', reason: 'schema id 2147483633 is not registered', source: `${raw}[0]@123456` },
      ]);
      expect(reader.messages[before].headers['dlq-at']).toBe('2026-12-05T00:00:00.000Z');
      expect(await publishedAt(runtime, 'complaint_history', raw, 0, 123_456)).not.toBeNull();
      expect((await statusOf()).unpublishedDeadLetters).toBe(0);
    } finally {
      await reader.stop();
    }
  }, 120_000);

  it('gives a table an older release made its new columns, and publishes the rows it holds at the next start', async () => {
    const { responses } = runtime.topics;
    const dlq = deadLetterTopic(responses);
    const key = aComplaintReceived().data.complaintId;
    const blob = runtime.store.dialect === 'sqlite' ? 'BLOB' : 'LONGBLOB';
    await runtime.store.execute(`DROP TABLE ${DEAD_LETTERS_TABLE}`);
    // The table as the release before the relay made it.
    await runtime.store.execute(`CREATE TABLE ${DEAD_LETTERS_TABLE} (
      projection VARCHAR(64) NOT NULL, topic VARCHAR(255) NOT NULL, partition_no INT NOT NULL, offset_no BIGINT NOT NULL,
      code VARCHAR(40) NOT NULL, reason TEXT NOT NULL, message_key TEXT, message_value ${blob}, dead_lettered_at VARCHAR(32) NOT NULL,
      PRIMARY KEY (projection, topic, partition_no, offset_no))`);
    await runtime.store.execute(
      `INSERT INTO ${DEAD_LETTERS_TABLE} (projection, topic, partition_no, offset_no, code, reason, message_key, message_value, dead_lettered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ['tweets', responses, 0, 7, 'bad_magic_byte', 'not the wire format', key, Buffer.from('{}'), '2026-12-04T00:00:00.000Z'],
    );
    await createDeadLettersTable(runtime.store);
    await createDeadLettersTable(runtime.store);
    expect(await publishedAt(runtime, 'tweets', responses, 0, 7)).toBeNull();

    const reader = await readTopic(runtime.events.log, dlq);
    try {
      const running = await startTweetsProjector({ ...runtime });
      try {
        await until(async () => reader.messages.length >= 1, 'the upgraded row on the .dlq topic');
      } finally {
        await running.stop();
      }
      expect(reader.messages.map(seen)).toEqual([
        { key, value: Buffer.from('{}').toString('hex'), projection: 'tweets', code: 'bad_magic_byte', reason: 'not the wire format', source: `${responses}[0]@7` },
      ]);
      expect(await publishedAt(runtime, 'tweets', responses, 0, 7)).not.toBeNull();
    } finally {
      await reader.stop();
    }
  }, 120_000);
});
