import type { ReadStore } from '../store/read-store';
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

/** The UTC days from `from` up to (not including) `to`, as YYYY-MM-DD. */
const daysOf = (range: ReceivedRange): string[] => {
  const days: string[] = [];
  for (let t = Date.parse(range.from.slice(0, 10)); t < Date.parse(range.to); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
};

interface Group {
  day: string;
  category: string;
  triage: string;
  source: string;
  n: number | string;
  answered: number | string | null;
  breached: number | string | null;
}

const add = (counts: Record<string, number>, key: string, n: number): void => {
  if (n > 0) counts[key] = (counts[key] ?? 0) + n;
};

/**
 * The summary of complaints received in a range, counted by SQL on the tweets read model in two passes over the
 * range (through its received_at index): one GROUP BY day, category, triage and source (a few thousand groups at
 * most, added up here), and one that ranks the first-response times. Percentiles are nearest-rank: the value at rank
 * ceil(p/100 x n) of the times in order.
 */
export const summaryReport = async (store: ReadStore, range: ReceivedRange, now: Date, table = LIVE_TWEETS_TABLES.tweets): Promise<SummaryReport> => {
  const inRange = 'received_event_id IS NOT NULL AND received_at >= ? AND received_at < ?';
  const keys = {
    day: 'SUBSTR(received_at, 1, 10)',
    category: "COALESCE(category, 'unclassified')",
    triage: TRIAGE_SQL,
    source: "COALESCE(source, 'unknown')",
  };
  const groups = await store.query<Group>(
    `SELECT ${Object.entries(keys).map(([name, sql]) => `${sql} AS ${name}`).join(', ')}, COUNT(*) AS n,
       SUM(CASE WHEN first_response_seconds IS NOT NULL THEN 1 ELSE 0 END) AS answered,
       SUM(CASE WHEN ${BREACHED_SQL} THEN 1 ELSE 0 END) AS breached
     FROM ${table} WHERE ${inRange} GROUP BY ${Object.values(keys).join(', ')}`,
    [now.toISOString(), range.from, range.to],
  );
  const report: SummaryReport = {
    total: 0,
    by_day: [],
    by_category: {},
    by_triage: {},
    by_source: {},
    first_response: { count: 0, p50: null, p90: null },
    breaches: { count: 0, by_category: {} },
  };
  const perDay: Record<string, number> = {};
  for (const g of groups) {
    const n = Number(g.n);
    const breached = Number(g.breached ?? 0);
    report.total += n;
    report.first_response.count += Number(g.answered ?? 0);
    report.breaches.count += breached;
    add(perDay, g.day, n);
    add(report.by_category, g.category, n);
    add(report.by_triage, g.triage, n);
    add(report.by_source, g.source, n);
    add(report.breaches.by_category, g.category, breached);
  }
  report.by_day = daysOf(range).map((day) => ({ day, count: perDay[day] ?? 0 }));
  const answered = report.first_response.count;
  if (answered > 0) {
    const ranks = [percentileRank(answered, 50), percentileRank(answered, 90)];
    const ranked = await store.query<{ r: number | string; s: number | string }>(
      `SELECT r, s FROM (SELECT first_response_seconds AS s, ROW_NUMBER() OVER (ORDER BY first_response_seconds) AS r
         FROM ${table} WHERE ${inRange} AND first_response_seconds IS NOT NULL) ranked WHERE r IN (?, ?)`,
      [range.from, range.to, ...ranks],
    );
    const at = (rank: number) => {
      const row = ranked.find((x) => Number(x.r) === rank);
      return row ? Number(row.s) : null;
    };
    report.first_response.p50 = at(ranks[0]);
    report.first_response.p90 = at(ranks[1]);
  }
  return report;
};
