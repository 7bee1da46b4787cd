import type { ComplaintEvent } from '../events/complaint';
import { topicOf, type Topics } from '../events/topics';
import { ensureIndex } from '../store/indexes';
import type { ReadStore, SqlExecutor } from '../store/read-store';
import type { AnyProjection } from './projection';

/**
 * A message a projection could not apply, and why. It is written on the transaction that moves the projection's
 * checkpoint past it, so it is recorded exactly once: never lost, never again after a restart. (A `.dlq` topic
 * cannot share that transaction: the checkpoint lives in the read store; the row is the outbox the dead-letter relay
 * publishes to `<topic>.dlq` from once it has committed, roles/dead-letter-relay.ts.)
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
 * The most bytes of a message a row keeps: 900 KiB, so that with its key and headers it fits in Kafka's default
 * largest message (1 MB) on its `.dlq` topic. A larger one keeps its size and no bytes, and is read from its source
 * offset.
 */
export const MAX_STORED_VALUE = 921_600;

/** The bytes a row keeps of a message, and its size; null bytes when there were none or too many. */
export const storedValue = (value: Buffer | null): { value: Buffer | null; size: number | null } =>
  value === null ? { value: null, size: null } : { value: value.length <= MAX_STORED_VALUE ? value : null, size: value.length };

/**
 * Why a decoded event is not for this projection, or null: its type does not belong on the topic it was read from
 * (a producer wrote it to the wrong one), or the projection refuses it (`rejects`).
 */
export const rejectionOf = (projection: AnyProjection, topics: Topics, topic: string, event: ComplaintEvent): { code: string; reason: string } | null => {
  if (topicOf(topics, event.type) !== topic) return { code: 'unexpected_type', reason: `${event.type} does not belong on ${topic}` };
  const reason = projection.rejects?.(event) ?? null;
  return reason === null ? null : { code: 'rejected', reason };
};

/** Columns added after the table's first release, with their types on SQLite and on MySQL/MariaDB. */
const ADDED_COLUMNS: [string, string, string][] = [
  ['message_size', 'INTEGER', 'INT'],
  // Rows written before the relay get NULL: never published, so the relay publishes them at the next start.
  ['published_at', 'TEXT', 'VARCHAR(32)'],
];

const columnsOf = async (store: ReadStore): Promise<Set<string>> =>
  new Set(
    (store.dialect === 'sqlite'
      ? await store.query<{ name: string }>(`SELECT name FROM pragma_table_info('${DEAD_LETTERS_TABLE}')`)
      : await store.query<{ name: string }>(
          'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
          [DEAD_LETTERS_TABLE],
        )
    ).map((c) => c.name.toLowerCase()),
  );

/** Gives a table an older release made the columns added since, and the index the relay finds unpublished rows by. */
const upgradeDeadLettersTable = async (store: ReadStore): Promise<void> => {
  const existing = await columnsOf(store);
  for (const [column, sqliteType, mysqlType] of ADDED_COLUMNS) {
    if (!existing.has(column)) await store.execute(`ALTER TABLE ${DEAD_LETTERS_TABLE} ADD COLUMN ${column} ${store.dialect === 'sqlite' ? sqliteType : mysqlType}`);
  }
  await ensureIndex(store, DEAD_LETTERS_TABLE, 'idx_unpublished', ['projection', 'published_at']);
};

/** One table for every projection and generation: a rebuild meeting a dead letter again writes the same row. */
export const createDeadLettersTable = async (store: ReadStore): Promise<void> => {
  await store.execute(
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
          message_size INTEGER,
          dead_lettered_at TEXT NOT NULL,
          published_at TEXT,
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
          message_size INT,
          dead_lettered_at VARCHAR(32) NOT NULL,
          published_at VARCHAR(32),
          PRIMARY KEY (projection, topic, partition_no, offset_no)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  );
  await upgradeDeadLettersTable(store);
};

/**
 * Records dead letters on the projection's transaction, unpublished; one already recorded keeps its row, its time
 * and whether it was published.
 */
export const saveDeadLetters = (store: ReadStore, tx: SqlExecutor, projection: string, letters: readonly ProjectionDeadLetter[], at: string): Promise<void> =>
  store.upsert(tx, {
    table: DEAD_LETTERS_TABLE,
    columns: ['projection', 'topic', 'partition_no', 'offset_no', 'code', 'reason', 'message_key', 'message_value', 'message_size', 'dead_lettered_at'],
    rows: letters.map((l) => {
      const { value, size } = storedValue(l.value);
      return [projection, l.topic, l.partition, l.offset, l.code, l.reason.slice(0, MAX_REASON), l.key, value, size, at];
    }),
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

/** A projection's dead letters not published to their `.dlq` topic yet. */
export const countUnpublishedDeadLetters = async (store: ReadStore, projection: string): Promise<number> =>
  Number((await store.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${DEAD_LETTERS_TABLE} WHERE projection = ? AND published_at IS NULL`, [projection]))[0].n);

/** A projection_dead_letters row as the store answers it. */
export interface StoredDeadLetter {
  projection: string;
  topic: string;
  partition_no: number;
  offset_no: number;
  code: string;
  reason: string;
  message_key: string | null;
  dead_lettered_at: string;
}

export const deadLetterRowOf = (r: StoredDeadLetter): DeadLetterRow => ({
  projection: r.projection,
  topic: r.topic,
  partition: Number(r.partition_no),
  offset: Number(r.offset_no),
  code: r.code,
  reason: r.reason,
  key: r.message_key,
  at: r.dead_lettered_at,
});

/** A projection's dead letters, in the order of the log. */
export const listDeadLetters = async (store: ReadStore, projection: string): Promise<DeadLetterRow[]> => {
  const rows = await store.query<StoredDeadLetter>(
    `SELECT projection, topic, partition_no, offset_no, code, reason, message_key, dead_lettered_at FROM ${DEAD_LETTERS_TABLE}
     WHERE projection = ? ORDER BY topic, partition_no, offset_no`,
    [projection],
  );
  return rows.map(deadLetterRowOf);
};
