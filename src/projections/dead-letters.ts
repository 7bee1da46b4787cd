import type { ComplaintEvent } from '../events/complaint';
import { topicOf, type Topics } from '../events/topics';
import type { ReadStore, SqlExecutor } from '../store/read-store';
import type { AnyProjection } from './projection';

/**
 * A message a projection could not apply, and why. It is written on the transaction that moves the projection's
 * checkpoint past it, so it is recorded exactly once: never lost, never again after a restart. (A `.dlq` topic
 * cannot share that transaction: the checkpoint lives in the read store.)
 */
export interface ProjectionDeadLetter {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer | null;
  /** a DecodeError's code, `unexpected_type` or `rejected` */
  code: string;
  reason: string;
}

export const DEAD_LETTERS_TABLE = 'projection_dead_letters';
const MAX_REASON = 1000;

/**
 * Why a decoded event is not for this projection, or null: its type does not belong on the topic it was read from
 * (a producer wrote it to the wrong one), or the projection refuses it (`rejects`).
 */
export const rejectionOf = (projection: AnyProjection, topics: Topics, topic: string, event: ComplaintEvent): { code: string; reason: string } | null => {
  if (topicOf(topics, event.type) !== topic) return { code: 'unexpected_type', reason: `${event.type} does not belong on ${topic}` };
  const reason = projection.rejects?.(event) ?? null;
  return reason === null ? null : { code: 'rejected', reason };
};

/** One table for every projection and generation: a rebuild meeting a dead letter again writes the same row. */
export const createDeadLettersTable = (store: ReadStore): Promise<unknown> =>
  store.execute(
    store.dialect === 'sqlite'
      ? `CREATE TABLE IF NOT EXISTS ${DEAD_LETTERS_TABLE} (
          projection TEXT NOT NULL,
          topic TEXT NOT NULL,
          partition_no INTEGER NOT NULL,
          offset_no INTEGER NOT NULL,
          code TEXT NOT NULL,
          reason TEXT NOT NULL,
          message_key TEXT,
          message_value BLOB,
          dead_lettered_at TEXT NOT NULL,
          PRIMARY KEY (projection, topic, partition_no, offset_no)
        )`
      : `CREATE TABLE IF NOT EXISTS ${DEAD_LETTERS_TABLE} (
          projection VARCHAR(64) NOT NULL,
          topic VARCHAR(255) NOT NULL,
          partition_no INT NOT NULL,
          offset_no BIGINT NOT NULL,
          code VARCHAR(40) NOT NULL,
          reason TEXT NOT NULL,
          message_key TEXT,
          message_value LONGBLOB,
          dead_lettered_at VARCHAR(32) NOT NULL,
          PRIMARY KEY (projection, topic, partition_no, offset_no)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  );

/** Records dead letters on the projection's transaction; one already recorded keeps its row and its time. */
export const saveDeadLetters = (store: ReadStore, tx: SqlExecutor, projection: string, letters: readonly ProjectionDeadLetter[], at: string): Promise<void> =>
  store.upsert(tx, {
    table: DEAD_LETTERS_TABLE,
    columns: ['projection', 'topic', 'partition_no', 'offset_no', 'code', 'reason', 'message_key', 'message_value', 'dead_lettered_at'],
    rows: letters.map((l) => [projection, l.topic, l.partition, l.offset, l.code, l.reason.slice(0, MAX_REASON), l.key, l.value, at]),
    key: ['projection', 'topic', 'partition_no', 'offset_no'],
    update: ['code', 'reason'],
  });

export interface DeadLetterRow {
  projection: string;
  topic: string;
  partition: number;
  offset: number;
  code: string;
  reason: string;
  key: string | null;
  at: string;
}

export const countDeadLetters = async (store: ReadStore, projection: string): Promise<number> =>
  Number((await store.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${DEAD_LETTERS_TABLE} WHERE projection = ?`, [projection]))[0].n);

/** A projection's dead letters, in the order of the log. */
export const listDeadLetters = async (store: ReadStore, projection: string): Promise<DeadLetterRow[]> => {
  const rows = await store.query<{
    projection: string;
    topic: string;
    partition_no: number;
    offset_no: number;
    code: string;
    reason: string;
    message_key: string | null;
    dead_lettered_at: string;
  }>(
    `SELECT projection, topic, partition_no, offset_no, code, reason, message_key, dead_lettered_at FROM ${DEAD_LETTERS_TABLE}
     WHERE projection = ? ORDER BY topic, partition_no, offset_no`,
    [projection],
  );
  return rows.map((r) => ({
    projection: r.projection,
    topic: r.topic,
    partition: Number(r.partition_no),
    offset: Number(r.offset_no),
    code: r.code,
    reason: r.reason,
    key: r.message_key,
    at: r.dead_lettered_at,
  }));
};
