import type { ReadStore, SqlExecutor } from './read-store';

/**
 * Start-up backfills give rows an older release wrote what a newer one added. Each records here, per table, the last
 * row id it has committed and when it finished: a finished one is skipped at every later start (no scan of a table
 * that only grows), an interrupted one resumes after the last row it committed. A table is named by what it is
 * called now, so a rebuild's swap carries its generation's marks with its renames (projections/generations.ts).
 */
export const BACKFILLS_TABLE = 'backfills';

export interface BackfillMark {
  name: string;
  table: string;
  /** every row up to this id has been filled */
  afterId: number;
  /** null until a run found nothing more after afterId */
  finishedAt: string | null;
}

export const createBackfillsTable = async (store: ReadStore): Promise<void> => {
  await store.execute(
    store.dialect === 'sqlite'
      ? `CREATE TABLE IF NOT EXISTS ${BACKFILLS_TABLE} (
          name TEXT NOT NULL,
          table_name TEXT NOT NULL,
          after_id INTEGER NOT NULL DEFAULT 0,
          finished_at TEXT,
          PRIMARY KEY (name, table_name)
        )`
      : `CREATE TABLE IF NOT EXISTS ${BACKFILLS_TABLE} (
          name VARCHAR(64) NOT NULL,
          table_name VARCHAR(64) NOT NULL,
          after_id BIGINT NOT NULL DEFAULT 0,
          finished_at VARCHAR(32),
          PRIMARY KEY (name, table_name)
        ) ENGINE=InnoDB`,
  );
};

interface MarkRow {
  name: string;
  table_name: string;
  after_id: number;
  finished_at: string | null;
}

const markOf = (row: MarkRow): BackfillMark => ({ name: row.name, table: row.table_name, afterId: Number(row.after_id), finishedAt: row.finished_at });

export const readBackfill = async (store: SqlExecutor, name: string, table: string): Promise<BackfillMark | null> => {
  const rows = await store.query<MarkRow>(`SELECT name, table_name, after_id, finished_at FROM ${BACKFILLS_TABLE} WHERE name = ? AND table_name = ?`, [name, table]);
  return rows.length === 0 ? null : markOf(rows[0]);
};

const upsertSql = (dialect: ReadStore['dialect'], set: string): string =>
  dialect === 'sqlite'
    ? `INSERT INTO ${BACKFILLS_TABLE} (name, table_name, after_id, finished_at) VALUES (?, ?, ?, ?) ON CONFLICT (name, table_name) DO UPDATE SET ${set}`
    : `INSERT INTO ${BACKFILLS_TABLE} (name, table_name, after_id, finished_at) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE ${set}`;

/** Saved on the batch's own transaction. Never moves back: processes starting together may fill side by side. */
export const saveBackfillProgress = async (tx: SqlExecutor, dialect: ReadStore['dialect'], name: string, table: string, afterId: number): Promise<void> => {
  const newer = dialect === 'sqlite' ? 'excluded.after_id' : 'VALUES(after_id)';
  await tx.execute(upsertSql(dialect, `after_id = CASE WHEN after_id < ${newer} THEN ${newer} ELSE after_id END`), [name, table, afterId, null]);
};

/** Recorded only once a run has found nothing left to fill; the first finish keeps its time. */
export const finishBackfills = async (store: ReadStore, table: string, names: readonly string[], at: string): Promise<void> => {
  const newer = store.dialect === 'sqlite' ? 'excluded.finished_at' : 'VALUES(finished_at)';
  for (const name of names) await store.execute(upsertSql(store.dialect, `finished_at = COALESCE(finished_at, ${newer})`), [name, table, 0, at]);
};

/** A table that already had rows has just been given a backfill's columns: that backfill starts over from its first row. */
export const resetBackfills = async (store: ReadStore, table: string, names: readonly string[]): Promise<void> => {
  for (const name of names) await store.execute(`DELETE FROM ${BACKFILLS_TABLE} WHERE name = ? AND table_name = ?`, [name, table]);
};

/** The marks of `marks` after renaming tables by `pairs`, applied in order as one RENAME TABLE applies them. */
export const renamedBackfills = (marks: readonly BackfillMark[], pairs: readonly [string, string][]): BackfillMark[] =>
  marks.map((mark) => ({ ...mark, table: pairs.reduce((table, [from, to]) => (table === from ? to : table), mark.table) }));

/** Reads and deletes the marks of `tables`, on `tx`: a swap puts them back under the tables' new names once renamed. */
export const takeBackfills = async (tx: SqlExecutor, tables: readonly string[]): Promise<BackfillMark[]> => {
  if (tables.length === 0) return [];
  const list = tables.map(() => '?').join(', ');
  const rows = await tx.query<MarkRow>(`SELECT name, table_name, after_id, finished_at FROM ${BACKFILLS_TABLE} WHERE table_name IN (${list})`, [...tables]);
  await tx.execute(`DELETE FROM ${BACKFILLS_TABLE} WHERE table_name IN (${list})`, [...tables]);
  return rows.map(markOf);
};

export const putBackfills = async (store: ReadStore, marks: readonly BackfillMark[]): Promise<void> => {
  const set = store.dialect === 'sqlite'
    ? 'after_id = excluded.after_id, finished_at = excluded.finished_at'
    : 'after_id = VALUES(after_id), finished_at = VALUES(finished_at)';
  for (const mark of marks) await store.execute(upsertSql(store.dialect, set), [mark.name, mark.table, mark.afterId, mark.finishedAt]);
};

/** One batched backfill of a table: which rows may need it, and how they are filled. */
export interface BatchedBackfill<Row extends { id: number }> {
  name: string;
  /** up to `limit` rows after `afterId` that may need filling, in id order */
  select(table: string, afterId: number, limit: number): Promise<Row[]>;
  /** fills those of `rows` still without the value (another process may have filled some), on `tx`; how many it filled */
  fill(tx: SqlExecutor, table: string, rows: Row[]): Promise<number>;
}

export interface BackfillOptions {
  /** rows per transaction (default 1000) */
  batch?: number;
  now?: () => Date;
}

/**
 * Runs a backfill of `table` unless it has finished: from the row after the last one committed, a batch per
 * transaction with its progress, and marked finished once nothing is left. Returns how many rows it filled.
 */
export const runBackfill = async <Row extends { id: number }>(
  store: ReadStore,
  table: string,
  backfill: BatchedBackfill<Row>,
  options: BackfillOptions = {},
): Promise<number> => {
  const mark = await readBackfill(store, backfill.name, table);
  if (mark?.finishedAt) return 0;
  const batch = options.batch ?? 1000;
  let after = mark?.afterId ?? 0;
  let filled = 0;
  for (;;) {
    const rows = await backfill.select(table, after, batch);
    if (rows.length === 0) break;
    const last = Number(rows[rows.length - 1].id);
    filled += await store.transaction(async (tx) => {
      const n = await backfill.fill(tx, table, rows);
      await saveBackfillProgress(tx, store.dialect, backfill.name, table, last);
      return n;
    });
    after = last;
  }
  await finishBackfills(store, table, [backfill.name], (options.now ?? (() => new Date()))().toISOString());
  return filled;
};

/**
 * A backfill done by one statement (`work`), idempotent: run unless it has finished, then marked. Interrupted, it
 * runs whole again at the next start.
 */
export const runBackfillOnce = async (store: ReadStore, table: string, name: string, work: () => Promise<void>, now: () => Date = () => new Date()): Promise<boolean> => {
  if ((await readBackfill(store, name, table))?.finishedAt) return false;
  await work();
  await finishBackfills(store, table, [name], now().toISOString());
  return true;
};
