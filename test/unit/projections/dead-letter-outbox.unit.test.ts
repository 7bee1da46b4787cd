import { deadLetterChunks, deadLetterOutboxRecords, type UnpublishedDeadLetter } from '../../../src/projections/dead-letter-outbox';
import { MAX_STORED_VALUE, storedValue } from '../../../src/projections/dead-letters';

const aRow = (over: Partial<UnpublishedDeadLetter> = {}): UnpublishedDeadLetter => ({
  projection: 'complaint_history',
  topic: 'classified_tweets',
  partition: 2,
  offset: 41,
  code: 'unknown_schema',
  reason: 'schema id 9 is not registered',
  key: 'c-1',
  value: Buffer.from([0, 0, 0, 0, 9, 1]),
  size: 6,
  at: '2026-12-05T01:00:00.000Z',
  ...over,
});

describe('the dead-letter outbox', () => {
  it('makes one message per row on the source topic’s .dlq, under the original key with the original bytes and the classifier’s headers plus the projection', () => {
    const row = aRow();
    expect(deadLetterOutboxRecords([row, aRow({ projection: 'tweets' }), aRow({ topic: 'tweet_responses', key: null, value: null, size: null })])).toEqual([
      {
        topic: 'classified_tweets.dlq',
        messages: ['complaint_history', 'tweets'].map((projection) => ({
          key: 'c-1',
          value: row.value,
          headers: {
            'dlq-reason': 'schema id 9 is not registered',
            'dlq-code': 'unknown_schema',
            'dlq-source-topic': 'classified_tweets',
            'dlq-source-partition': '2',
            'dlq-source-offset': '41',
            'dlq-at': '2026-12-05T01:00:00.000Z',
            'dlq-projection': projection,
          },
        })),
      },
      { topic: 'tweet_responses.dlq', messages: [expect.objectContaining({ key: '', value: Buffer.alloc(0) })] },
    ]);
  });

  it('keeps at most MAX_STORED_VALUE bytes of a message, and says in a header what it left out', () => {
    const big = Buffer.alloc(MAX_STORED_VALUE + 1);
    expect(storedValue(big)).toEqual({ value: null, size: MAX_STORED_VALUE + 1 });
    const largest = Buffer.alloc(MAX_STORED_VALUE);
    const kept = storedValue(largest);
    // Compared by identity: a deep comparison of a megabyte is slow.
    expect(kept.value === largest && kept.size === MAX_STORED_VALUE).toBe(true);
    expect(storedValue(null)).toEqual({ value: null, size: null });
    const [{ messages }] = deadLetterOutboxRecords([aRow({ value: null, size: MAX_STORED_VALUE + 1 })]);
    expect(messages[0].value).toEqual(Buffer.alloc(0));
    expect(messages[0].headers?.['dlq-value-omitted']).toBe(`${MAX_STORED_VALUE + 1} bytes, over the ${MAX_STORED_VALUE}-byte limit`);
    // A row an older release wrote kept every byte and no size.
    const [{ messages: older }] = deadLetterOutboxRecords([aRow({ value: big, size: null })]);
    expect(older[0].value).toEqual(Buffer.alloc(0));
    expect(older[0].headers?.['dlq-value-omitted']).toBe(`${MAX_STORED_VALUE + 1} bytes, over the ${MAX_STORED_VALUE}-byte limit`);
  });

  it('cuts rows into appends of at most so many message bytes, a larger row alone, in order', () => {
    const rows = [3, 4, 2, 9, 1, 1].map((n, offset) => aRow({ offset, value: Buffer.alloc(n) }));
    const offsets = (chunks: UnpublishedDeadLetter[][]) => chunks.map((c) => c.map((r) => r.offset));
    expect(offsets(deadLetterChunks(rows, 8))).toEqual([[0, 1], [2], [3], [4, 5]]);
    expect(offsets(deadLetterChunks([aRow({ value: null }), aRow({ value: null, offset: 42 })], 8))).toEqual([[41, 42]]);
    expect(deadLetterChunks([], 8)).toEqual([]);
  });
});
