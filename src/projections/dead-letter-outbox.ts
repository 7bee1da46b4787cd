import { deadLetterHeaders } from '../eventlog/dead-letter';
import type { Headers, TopicRecords } from '../eventlog/event-log';
import { deadLetterTopic } from '../events/topics';
import type { ReadStore } from '../store/read-store';
import { DEAD_LETTERS_TABLE, deadLetterRowOf, MAX_STORED_VALUE, type DeadLetterRow, type StoredDeadLetter } from './dead-letters';

/**
 * projection_dead_letters as an outbox: a row written on a projection's transaction is published to
 * `<topic>.dlq` once that transaction has committed, then marked published.
 */
export interface UnpublishedDeadLetter extends DeadLetterRow {
  value: Buffer | null;
  /** the original message's size in bytes; more than `value` holds when it was too large to keep */
  size: number | null;
}

interface Row extends StoredDeadLetter {
  message_value: Buffer | Uint8Array | null;
  message_size: number | null;
}

/** A projection's rows not published yet, in the order of the log, at most `limit`. */
export const unpublishedDeadLetters = async (store: ReadStore, projection: string, limit: number): Promise<UnpublishedDeadLetter[]> => {
  const rows = await store.query<Row>(
    `SELECT projection, topic, partition_no, offset_no, code, reason, message_key, message_value, message_size, dead_lettered_at
     FROM ${DEAD_LETTERS_TABLE} WHERE projection = ? AND published_at IS NULL
     ORDER BY topic, partition_no, offset_no LIMIT ${Math.floor(limit)}`,
    [projection],
  );
  return rows.map((r) => ({
    ...deadLetterRowOf(r),
    value: r.message_value === null ? null : Buffer.from(r.message_value),
    size: r.message_size === null ? null : Number(r.message_size),
  }));
};

/** Marks rows published, in one transaction; a row marked already keeps its first time. */
export const markDeadLettersPublished = (store: ReadStore, letters: readonly UnpublishedDeadLetter[], at: string): Promise<void> =>
  store.transaction(async (tx) => {
    for (const l of letters) {
      await tx.execute(
        `UPDATE ${DEAD_LETTERS_TABLE} SET published_at = ?
         WHERE projection = ? AND topic = ? AND partition_no = ? AND offset_no = ? AND published_at IS NULL`,
        [at, l.projection, l.topic, l.partition, l.offset],
      );
    }
  });

/**
 * The `.dlq` messages of dead-letter rows: one per row (several projections meeting one message each publish it,
 * told apart by `dlq-projection`), under the original key with the original bytes, and the classifier's headers. A
 * message too large to keep goes without its bytes, saying so in `dlq-value-omitted`.
 */
export const deadLetterOutboxRecords = (letters: readonly UnpublishedDeadLetter[]): TopicRecords[] => {
  const byTopic = new Map<string, TopicRecords>();
  for (const letter of letters) {
    const topic = deadLetterTopic(letter.topic);
    const records = byTopic.get(topic) ?? { topic, messages: [] };
    const kept = letter.value !== null && letter.value.length <= MAX_STORED_VALUE ? letter.value : null;
    // A row an older release wrote has no size: its bytes tell it.
    const size = letter.size ?? letter.value?.length ?? 0;
    const omitted: Headers = kept === null && size > MAX_STORED_VALUE ? { 'dlq-value-omitted': `${size} bytes, over the ${MAX_STORED_VALUE}-byte limit` } : {};
    records.messages.push({
      key: letter.key ?? '',
      value: kept ?? Buffer.alloc(0),
      headers: { ...deadLetterHeaders(letter, letter.code, letter.reason, letter.at), 'dlq-projection': letter.projection, ...omitted },
    });
    byTopic.set(topic, records);
  }
  return [...byTopic.values()];
};

/**
 * Rows in publishing order, cut into groups of at most `maxBytes` of message bytes (a larger row alone), so that
 * one append to a `.dlq` topic's single partition stays within what the broker takes in one request.
 */
export const deadLetterChunks = (letters: readonly UnpublishedDeadLetter[], maxBytes: number): UnpublishedDeadLetter[][] => {
  const chunks: UnpublishedDeadLetter[][] = [];
  let bytes = 0;
  for (const letter of letters) {
    const size = letter.value?.length ?? 0;
    const last = chunks[chunks.length - 1];
    if (last && bytes + size <= maxBytes) {
      last.push(letter);
      bytes += size;
    } else {
      chunks.push([letter]);
      bytes = size;
    }
  }
  return chunks;
};
