import { createAnalyticsTables, LIVE_ANALYTICS_TABLES, type AnalyticsTables } from '../store/analytics-tables';
import type { ReadStore, SqlExecutor, SqlValue } from '../store/read-store';
import {
  ANALYTICS_COMPLAINT_COLUMNS,
  addMove,
  emptyDeltas,
  evolveAnalyticsComplaint,
  type AnalyticsComplaint,
  type BucketDeltas,
} from './analytics-complaint';
import type { Projection } from './projection';

export const ANALYTICS_PROJECTION = { name: 'analytics', version: 1 } as const;

const IN_CHUNK = 500;
/** buckets per multi-row statement on MySQL (one round trip each) */
const BUCKETS_PER_STATEMENT = 500;

/**
 * The rows of the complaints a batch touches, locked on MySQL in sorted order: a transaction of another projector
 * process on the same complaints (during a rebalance) waits for this one instead of losing a move.
 */
const loadComplaints = async (store: ReadStore, tx: SqlExecutor, table: string, ids: string[]): Promise<Map<string, AnalyticsComplaint>> => {
  const lock = store.dialect === 'mysql' ? ' FOR UPDATE' : '';
  const sorted = [...ids].sort();
  const rows = new Map<string, AnalyticsComplaint>();
  for (let i = 0; i < sorted.length; i += IN_CHUNK) {
    const chunk = sorted.slice(i, i + IN_CHUNK);
    const found = await tx.query<AnalyticsComplaint>(
      `SELECT ${ANALYTICS_COMPLAINT_COLUMNS.join(', ')} FROM ${table} WHERE complaint_id IN (${chunk.map(() => '?').join(', ')})${lock}`,
      chunk,
    );
    for (const row of found) rows.set(row.complaint_id, normalise(row));
  }
  return rows;
};

const zeroOrOne = (value: unknown): 0 | 1 | null => (value === null || value === undefined ? null : Number(value) === 1 ? 1 : 0);

const normalise = (row: AnalyticsComplaint): AnalyticsComplaint => ({
  ...row,
  prediction: zeroOrOne(row.prediction),
  review: Number(row.review) === 1 ? 1 : 0,
  relabeled_prediction: zeroOrOne(row.relabeled_prediction),
});

const HOURLY_KEY = ['hour', 'category', 'triage', 'source', 'language'] as const;
const HOURLY_COUNTS = ['complaints', 'emergencies', 'review', 'first_responses', 'first_response_seconds'] as const;
const TRAIN_KEY = ['hour', 'train'] as const;
const TRAIN_COUNTS = ['complaints', 'emergencies'] as const;

/**
 * Adds the entries (key values, then count changes) to a bucket table, in key order (two transactions adding to the same
 * buckets take their locks in one order), then deletes the buckets a move emptied, so a table holds only buckets
 * that count something whatever the order its events came in.
 */
const addToBuckets = async (
  store: ReadStore,
  tx: SqlExecutor,
  table: string,
  keyColumns: readonly string[],
  countColumns: readonly string[],
  entries: { id: string; values: SqlValue[]; emptied: boolean }[],
): Promise<void> => {
  if (entries.length === 0) return;
  const sorted = [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const columns = [...keyColumns, ...countColumns];
  const row = `(${columns.map(() => '?').join(', ')})`;
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES`;
  if (store.dialect === 'sqlite') {
    // In-process SQLite has no round trips to save: one prepared single-row statement per bucket.
    const sql = `${insert} ${row} ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${countColumns.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
    for (const entry of sorted) await tx.execute(sql, entry.values);
  } else {
    const update = `ON DUPLICATE KEY UPDATE ${countColumns.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`;
    for (let i = 0; i < sorted.length; i += BUCKETS_PER_STATEMENT) {
      const chunk = sorted.slice(i, i + BUCKETS_PER_STATEMENT);
      await tx.execute(`${insert} ${chunk.map(() => row).join(', ')} ${update}`, chunk.flatMap((entry) => entry.values));
    }
  }
  const emptied = sorted.filter((entry) => entry.emptied);
  const where = keyColumns.map((c) => `${c} = ?`).join(' AND ');
  for (const entry of emptied) {
    await tx.execute(`DELETE FROM ${table} WHERE ${where} AND complaints = 0`, entry.values.slice(0, keyColumns.length));
  }
};

const writeDeltas = async (store: ReadStore, tx: SqlExecutor, tables: Readonly<AnalyticsTables>, deltas: BucketDeltas): Promise<void> => {
  await addToBuckets(
    store,
    tx,
    tables.hourly,
    HOURLY_KEY,
    HOURLY_COUNTS,
    [...deltas.hourly].map(([id, { key, counts }]) => ({
      id,
      values: [...HOURLY_KEY.map((c) => key[c]), ...HOURLY_COUNTS.map((c) => counts[c])],
      emptied: counts.complaints < 0,
    })),
  );
  await addToBuckets(
    store,
    tx,
    tables.trains,
    TRAIN_KEY,
    TRAIN_COUNTS,
    [...deltas.trains].map(([id, { key, counts }]) => ({
      id,
      values: [...TRAIN_KEY.map((c) => key[c]), ...TRAIN_COUNTS.map((c) => counts[c])],
      emptied: counts.complaints < 0,
    })),
  );
};

/**
 * The analytics read model: per complaint a small row (analytics-complaint.ts) and the bucket tables it counts in.
 * A batch's complaints are read (locked on MySQL), evolved, and each one's move from its old buckets to its new ones
 * is added to the counts; so an event applied twice, or events in any order across topics and partitions, leave the
 * same rows, and a reclassification moves a complaint instead of counting it twice. The runner saves the
 * checkpoints on the same transaction.
 */
export const analyticsProjection: Projection<keyof AnalyticsTables> = {
  name: ANALYTICS_PROJECTION.name,
  version: ANALYTICS_PROJECTION.version,
  tables: LIVE_ANALYTICS_TABLES,
  createTables: (store, tables) => createAnalyticsTables(store, tables),
  apply: async ({ store, tx, tables }, events) => {
    const before = await loadComplaints(store, tx, tables.complaints, [...new Set(events.map((e) => e.event.data.complaintId))]);
    const after = new Map(before);
    for (const { event } of events) {
      const id = event.data.complaintId;
      after.set(id, evolveAnalyticsComplaint(after.get(id) ?? null, event));
    }
    const added: AnalyticsComplaint[] = [];
    const updated: AnalyticsComplaint[] = [];
    const deltas = emptyDeltas();
    for (const [id, row] of after) {
      const previous = before.get(id) ?? null;
      if (row === previous) continue;
      (previous === null ? added : updated).push(row);
      addMove(deltas, previous, row);
    }
    const values = (rows: AnalyticsComplaint[]) => rows.map((row) => ANALYTICS_COMPLAINT_COLUMNS.map((c) => row[c] as SqlValue));
    // A new row inserted meanwhile by another partition's transaction makes this one run again (RowConflictError).
    if (added.length > 0) await store.insert(tx, { table: tables.complaints, columns: ANALYTICS_COMPLAINT_COLUMNS, rows: values(added) });
    if (updated.length > 0) {
      await store.upsert(tx, {
        table: tables.complaints,
        columns: ANALYTICS_COMPLAINT_COLUMNS,
        rows: values(updated),
        key: ['complaint_id'],
        update: ANALYTICS_COMPLAINT_COLUMNS.filter((c) => c !== 'complaint_id'),
      });
    }
    await writeDeltas(store, tx, tables, deltas);
  },
};

// ---- queries ----

export const ANALYTICS_RANGES = ['24h', '7d', '30d'] as const;
export type AnalyticsRange = (typeof ANALYTICS_RANGES)[number];

/** 24 h and 7 d are drawn per hour, 30 d per day (UTC). */
const RANGE_SHAPE: Record<AnalyticsRange, { buckets: number; bucket: 'hour' | 'day' }> = {
  '24h': { buckets: 24, bucket: 'hour' },
  '7d': { buckets: 7 * 24, bucket: 'hour' },
  '30d': { buckets: 30, bucket: 'day' },
};

const TOP = 10;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface AnalyticsBucket {
  /** the bucket's start (UTC) */
  start: string;
  complaints: number;
  emergencies: number;
  review: number;
  first_responses: number;
  /** null when no complaint of the bucket has had a first response */
  first_response_mean_seconds: number | null;
}

export interface Analytics {
  range: AnalyticsRange;
  bucket: 'hour' | 'day';
  /** the first bucket's start and the end of the last one */
  from: string;
  to: string;
  totals: { complaints: number; emergencies: number; review: number };
  series: AnalyticsBucket[];
  top_categories: { category: string; complaints: number; emergencies: number }[];
  top_trains: { train: string; complaints: number; emergencies: number }[];
  sources: { source: string; complaints: number }[];
  languages: { language: string; complaints: number }[];
  first_response: { count: number; mean_seconds: number | null };
}

const mean = (sum: number, count: number): number | null => (count === 0 ? null : Math.round(sum / count));

const startOf = (now: Date, bucket: 'hour' | 'day'): number => {
  const ms = now.getTime();
  return bucket === 'hour' ? ms - (ms % HOUR_MS) : ms - (ms % DAY_MS);
};

/**
 * The Trends view's figures over the last 24 hours, 7 days or 30 days up to `now`: complaints per bucket with
 * emergencies, review and first-response times, the top categories and trains, sources and languages. Read from the
 * bucket tables only (at most 720 hours of rows per category, triage, source and language).
 */
export const readAnalytics = async (
  store: ReadStore,
  range: AnalyticsRange,
  now: Date,
  tables: Readonly<AnalyticsTables> = LIVE_ANALYTICS_TABLES,
): Promise<Analytics> => {
  const { buckets, bucket } = RANGE_SHAPE[range];
  const step = bucket === 'hour' ? HOUR_MS : DAY_MS;
  const last = startOf(now, bucket);
  const first = last - (buckets - 1) * step;
  const from = new Date(first).toISOString();
  const to = new Date(last + step).toISOString();
  const window = [from, to];

  const hours = await store.query<Record<string, string | number>>(
    `SELECT hour, SUM(complaints) AS complaints, SUM(emergencies) AS emergencies, SUM(review) AS review,
            SUM(first_responses) AS first_responses, SUM(first_response_seconds) AS first_response_seconds
     FROM ${tables.hourly} WHERE hour >= ? AND hour < ? GROUP BY hour`,
    window,
  );
  const sums = Array.from({ length: buckets }, () => ({ complaints: 0, emergencies: 0, review: 0, first_responses: 0, seconds: 0 }));
  for (const row of hours) {
    const index = Math.floor((Date.parse(String(row.hour)) - first) / step);
    const sum = sums[index];
    if (!sum) continue;
    sum.complaints += Number(row.complaints);
    sum.emergencies += Number(row.emergencies);
    sum.review += Number(row.review);
    sum.first_responses += Number(row.first_responses);
    sum.seconds += Number(row.first_response_seconds);
  }
  const series = sums.map((sum, i) => ({
    start: new Date(first + i * step).toISOString(),
    complaints: sum.complaints,
    emergencies: sum.emergencies,
    review: sum.review,
    first_responses: sum.first_responses,
    first_response_mean_seconds: mean(sum.seconds, sum.first_responses),
  }));
  const total = (name: 'complaints' | 'emergencies' | 'review' | 'first_responses' | 'seconds') => sums.reduce((n, sum) => n + sum[name], 0);

  const top = <K extends string>(column: K, table: string, limit: number) =>
    store.query<Record<K | 'complaints' | 'emergencies', string | number>>(
      `SELECT ${column}, SUM(complaints) AS complaints, SUM(emergencies) AS emergencies FROM ${table}
       WHERE hour >= ? AND hour < ? GROUP BY ${column} ORDER BY SUM(complaints) DESC, ${column} LIMIT ${limit}`,
      window,
    );
  const [categories, trains, sources, languages] = await Promise.all([
    top('category', tables.hourly, TOP),
    top('train', tables.trains, TOP),
    top('source', tables.hourly, TOP),
    top('language', tables.hourly, TOP),
  ]);
  const firstResponses = total('first_responses');
  return {
    range,
    bucket,
    from,
    to,
    totals: { complaints: total('complaints'), emergencies: total('emergencies'), review: total('review') },
    series,
    top_categories: categories.map((r) => ({ category: String(r.category), complaints: Number(r.complaints), emergencies: Number(r.emergencies) })),
    top_trains: trains.map((r) => ({ train: String(r.train), complaints: Number(r.complaints), emergencies: Number(r.emergencies) })),
    sources: sources.map((r) => ({ source: String(r.source), complaints: Number(r.complaints) })),
    languages: languages.map((r) => ({ language: String(r.language), complaints: Number(r.complaints) })),
    first_response: { count: firstResponses, mean_seconds: mean(total('seconds'), firstResponses) },
  };
};

/** Every row of a generation, in key order: what a rebuild, or a replay in another order, must give again. */
export const dumpAnalytics = async (store: ReadStore, tables: Readonly<AnalyticsTables> = LIVE_ANALYTICS_TABLES) => ({
  complaints: (await store.query<AnalyticsComplaint>(`SELECT ${ANALYTICS_COMPLAINT_COLUMNS.join(', ')} FROM ${tables.complaints} ORDER BY complaint_id`)).map(normalise),
  hourly: (
    await store.query<Record<string, string | number>>(
      `SELECT ${[...HOURLY_KEY, ...HOURLY_COUNTS].join(', ')} FROM ${tables.hourly} ORDER BY ${HOURLY_KEY.join(', ')}`,
    )
  ).map((row) => ({ ...row, ...Object.fromEntries(HOURLY_COUNTS.map((c) => [c, Number(row[c])])) })),
  trains: (
    await store.query<Record<string, string | number>>(`SELECT ${[...TRAIN_KEY, ...TRAIN_COUNTS].join(', ')} FROM ${tables.trains} ORDER BY hour, train`)
  ).map((row) => ({ ...row, ...Object.fromEntries(TRAIN_COUNTS.map((c) => [c, Number(row[c])])) })),
});
