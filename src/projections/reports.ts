import type { ReadStore, SqlValue } from '../store/read-store';
import { LIVE_TWEETS_TABLES } from '../store/tweets-tables';
import { percentileRank } from './first-response';

/** Complaints received in [from, to): ISO 8601 instants. */
export interface ReceivedRange {
  from: string;
  to: string;
}

export interface SummaryReport {
  total: number;
  /** every day of the range (UTC), in order, with its count (0 included) */
  by_day: { day: string; count: number }[];
  by_category: Record<string, number>;
  by_triage: Record<string, number>;
  by_source: Record<string, number>;
  /** seconds from received to first response, over the complaints that had one */
  first_response: { count: number; p50: number | null; p90: number | null };
  /** complaints answered after their due time, or unanswered past it */
  breaches: { count: number; by_category: Record<string, number> };
}

const TRIAGE_SQL = `CASE WHEN prediction = 1 THEN 'emergency' WHEN prediction = 0 AND review = 1 THEN 'review'
  WHEN prediction = 0 THEN 'routine' ELSE 'unclassified' END`;

const BREACHED_SQL = '(due_at IS NOT NULL AND ((first_response_at IS NOT NULL AND first_response_at > due_at) OR (first_response_at IS NULL AND due_at < ?)))';

const counts = (rows: { k: string | null; n: number | string }[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.k ?? 'unknown', Number(r.n)]));

/** The UTC days from `from` up to (not including) `to`, as YYYY-MM-DD. */
const daysOf = (range: ReceivedRange): string[] => {
  const days: string[] = [];
  for (let t = Date.parse(range.from.slice(0, 10)); t < Date.parse(range.to); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

/**
 * The summary of complaints received in a range, counted by SQL on the tweets read model (through its received_at
 * index). Percentiles are nearest-rank: the value at rank ceil(p/100 x n) of the first-response times in order.
 */
export const summaryReport = async (store: ReadStore, range: ReceivedRange, now: Date, table = LIVE_TWEETS_TABLES.tweets): Promise<SummaryReport> => {
  const inRange = 'received_event_id IS NOT NULL AND received_at >= ? AND received_at < ?';
  const params: SqlValue[] = [range.from, range.to];
  const grouped = (expression: string) =>
    store.query<{ k: string | null; n: number }>(
      `SELECT ${expression} AS k, COUNT(*) AS n FROM ${table} WHERE ${inRange} GROUP BY ${expression}`,
      params,
    );
  const [byDay, byCategory, byTriage, bySource, answered, breaches] = await Promise.all([
    grouped('SUBSTR(received_at, 1, 10)'),
    grouped("COALESCE(category, 'unclassified')"),
    grouped(TRIAGE_SQL),
    grouped("COALESCE(source, 'unknown')"),
    store.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE ${inRange} AND first_response_seconds IS NOT NULL`, params),
    store.query<{ k: string | null; n: number }>(
      `SELECT COALESCE(category, 'unclassified') AS k, COUNT(*) AS n FROM ${table} WHERE ${inRange} AND ${BREACHED_SQL}
       GROUP BY COALESCE(category, 'unclassified')`,
      [...params, now.toISOString()],
    ),
  ]);
  const responses = Number(answered[0]?.n ?? 0);
  const percentileOf = async (p: number): Promise<number | null> => {
    if (responses === 0) return null;
    const rows = await store.query<{ s: number }>(
      `SELECT first_response_seconds AS s FROM ${table} WHERE ${inRange} AND first_response_seconds IS NOT NULL
       ORDER BY first_response_seconds LIMIT 1 OFFSET ${percentileRank(responses, p) - 1}`,
      params,
    );
    return rows[0] ? Number(rows[0].s) : null;
  };
  const [p50, p90] = await Promise.all([percentileOf(50), percentileOf(90)]);
  const perDay = counts(byDay);
  const byBreachCategory = counts(breaches);
  return {
    total: byTriage.reduce((sum, r) => sum + Number(r.n), 0),
    by_day: daysOf(range).map((day) => ({ day, count: perDay[day] ?? 0 })),
    by_category: counts(byCategory),
    by_triage: counts(byTriage),
    by_source: counts(bySource),
    first_response: { count: responses, p50, p90 },
    breaches: { count: Object.values(byBreachCategory).reduce((a, b) => a + b, 0), by_category: byBreachCategory },
  };
};
