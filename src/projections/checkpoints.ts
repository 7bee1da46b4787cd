import { SeekRequest, type Positions } from '../eventlog/event-log';
import type { ReadStore, SqlExecutor } from '../store/read-store';

/** A projection's position per topic partition, kept in its own table beside its rows. */
export const loadCheckpoints = async (db: SqlExecutor, table: string, topic: string): Promise<Positions> => {
  const rows = await db.query<{ partition_no: number; next_offset: number }>(`SELECT partition_no, next_offset FROM ${table} WHERE topic = ?`, [topic]);
  return new Map(rows.map((r) => [Number(r.partition_no), Number(r.next_offset)]));
};

/** Every topic's positions in one read: topic -> partition -> next offset. */
export const loadAllCheckpoints = async (db: SqlExecutor, table: string): Promise<Map<string, Positions>> => {
  const rows = await db.query<{ topic: string; partition_no: number; next_offset: number }>(`SELECT topic, partition_no, next_offset FROM ${table}`);
  const all = new Map<string, Positions>();
  for (const r of rows) {
    const positions = all.get(r.topic) ?? new Map<number, number>();
    positions.set(Number(r.partition_no), Number(r.next_offset));
    all.set(r.topic, positions);
  }
  return all;
};

export interface PartitionCheckpoint {
  topic: string;
  partition: number;
  nextOffset: number;
}

export const slotOf = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * The checkpoints of just these partitions, by `slotOf`; locked for the transaction when `forUpdate` (only these
 * rows: other partitions' transactions go on side by side).
 */
export const lockCheckpoints = async (
  tx: SqlExecutor,
  table: string,
  partitions: { topic: string; partition: number }[],
  forUpdate: boolean,
): Promise<Map<string, number>> => {
  const found = new Map<string, number>();
  if (partitions.length === 0) return found;
  const rows = await tx.query<{ topic: string; partition_no: number; next_offset: number }>(
    `SELECT topic, partition_no, next_offset FROM ${table} WHERE ${partitions.map(() => '(topic = ? AND partition_no = ?)').join(' OR ')}${forUpdate ? ' FOR UPDATE' : ''}`,
    partitions.flatMap((p) => [p.topic, p.partition]),
  );
  for (const row of rows) found.set(slotOf(row.topic, Number(row.partition_no)), Number(row.next_offset));
  return found;
};

export const saveCheckpoints = (store: ReadStore, tx: SqlExecutor, table: string, checkpoints: PartitionCheckpoint[]): Promise<void> =>
  store.upsert(tx, {
    table,
    columns: ['topic', 'partition_no', 'next_offset'],
    rows: checkpoints.map((c) => [c.topic, c.partition, c.nextOffset]),
    key: ['topic', 'partition_no'],
    update: ['next_offset'],
  });

/** A projection's checkpoint table: one row per topic partition, the offset of the next event to apply. */
export const createCheckpointsTable = async (store: ReadStore, table: string): Promise<void> => {
  await store.execute(
    store.dialect === 'sqlite'
      ? `CREATE TABLE IF NOT EXISTS ${table} (
          topic TEXT NOT NULL,
          partition_no INTEGER NOT NULL,
          next_offset INTEGER NOT NULL,
          PRIMARY KEY (topic, partition_no)
        )`
      : `CREATE TABLE IF NOT EXISTS ${table} (
          topic VARCHAR(255) NOT NULL,
          partition_no INT NOT NULL,
          next_offset BIGINT NOT NULL,
          PRIMARY KEY (topic, partition_no)
        ) ENGINE=InnoDB`,
  );
};

/** One partition's events as fetched: they advance its checkpoint to `nextOffset`. */
export interface FetchedSlice<P extends { offset: number }> {
  topic: string;
  partition: number;
  nextOffset: number;
  /** where the events were read from, none missing after it: a checkpoint below it means the table is behind */
  startOffset?: number;
  events: P[];
}

/**
 * Locks the slices' checkpoints and sorts out what is new: the events at or above their partition's checkpoint, the
 * checkpoints they advance, and per slice, in order, a seek back to the checkpoint when the table is behind what the
 * consumer read (a rebuild swapped it in; the slice is then left out).
 */
export const freshOfSlices = async <P extends { offset: number }>(
  store: ReadStore,
  tx: SqlExecutor,
  table: string,
  slices: FetchedSlice<P>[],
): Promise<{ fresh: P[]; advanced: PartitionCheckpoint[]; seeks: (SeekRequest | null)[] }> => {
  const stored = await lockCheckpoints(tx, table, slices, store.dialect === 'mysql');
  const seeks: (SeekRequest | null)[] = [];
  const advanced: PartitionCheckpoint[] = [];
  const fresh: P[] = [];
  for (const slice of slices) {
    const checkpoint = stored.get(slotOf(slice.topic, slice.partition)) ?? 0;
    const behind = slice.startOffset !== undefined && checkpoint < slice.startOffset;
    seeks.push(behind ? new SeekRequest(slice.topic, slice.partition, checkpoint) : null);
    if (behind || slice.nextOffset <= checkpoint) continue;
    advanced.push({ topic: slice.topic, partition: slice.partition, nextOffset: slice.nextOffset });
    for (const positioned of slice.events) if (positioned.offset >= checkpoint) fresh.push(positioned);
  }
  return { fresh, advanced, seeks };
};
