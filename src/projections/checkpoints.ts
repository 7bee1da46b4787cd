import type { Positions } from '../eventlog/event-log';
import type { ReadStore, SqlExecutor } from '../store/read-store';

/** A projection's position per topic partition, kept in its own table beside its rows. */
export const loadCheckpoints = async (db: SqlExecutor, table: string, topic: string, forUpdate = false): Promise<Positions> => {
  const rows = await db.query<{ partition_no: number; next_offset: number }>(
    `SELECT partition_no, next_offset FROM ${table} WHERE topic = ?${forUpdate ? ' FOR UPDATE' : ''}`,
    [topic],
  );
  return new Map(rows.map((r) => [Number(r.partition_no), Number(r.next_offset)]));
};

export const saveCheckpoint = (
  store: ReadStore,
  tx: SqlExecutor,
  table: string,
  topic: string,
  partition: number,
  nextOffset: number,
): Promise<void> =>
  store.upsert(tx, {
    table,
    columns: ['topic', 'partition_no', 'next_offset'],
    rows: [[topic, partition, nextOffset]],
    key: ['topic', 'partition_no'],
    update: ['next_offset'],
  });
