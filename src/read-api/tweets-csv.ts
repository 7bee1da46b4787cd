import { once } from 'node:events';
import { Router } from 'express';
import { stringify } from 'csv-stringify';
import type { Logger } from '../logger';
import { listTweets, type StoredTweet } from '../projections/tweets';
import type { ReadStore } from '../store/read-store';
import { requireAdmin, requireRole } from './auth';
import { openDayRange } from './date-range';
import { csvQuery } from './schemas';
import type { Sessions } from './session';
import { toTweetJson } from './tweet-json';
import type { TweetJson } from './socket-events';

/** Rows read from the store per query: the export never holds more than a page. */
const PAGE = 500;

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return before one) is
 * prefixed with `'`, so it is shown as text (OWASP's advice against CSV injection).
 */
export const neutraliseCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** The export's columns: header and value. Every string passes through neutraliseCell. */
export const CSV_COLUMNS: [string, (t: TweetJson) => string | number | null][] = [
  ['reference', (t) => t.reference ?? t.tweet_id],
  ['tweet_id', (t) => t.tweet_id],
  ['received_at', (t) => t.received_at],
  ['source', (t) => t.source],
  ['name', (t) => t.name],
  ['username', (t) => t.username],
  ['text', (t) => t.tweet],
  ['prediction', (t) => (t.prediction === 1 ? 'Emergency' : t.prediction === 0 ? 'Feedback' : null)],
  ['triage', (t) => t.triage],
  ['category', (t) => t.category],
  ['confidence', (t) => t.confidence],
  ['pnr', (t) => (t.pnr === null ? null : String(t.pnr))],
  ['train', (t) => t.train],
  ['coach', (t) => t.coach],
  ['berth', (t) => t.berth],
  ['status', (t) => t.status],
  ['first_response_at', (t) => t.first_response_at],
  ['due_at', (t) => t.due_at],
  ['breached', (t) => yesNo(t.breached)],
  ['assigned_to', (t) => t.assigned_to],
  ['responded_at', (t) => t.responded_at],
  ['responded_by', (t) => t.responded_by],
  ['response', (t) => t.response],
  ['resolved_at', (t) => t.resolved_at],
];

export const csvRecord = (row: StoredTweet, now: Date): (string | number | null)[] => {
  const tweet = toTweetJson(row, now);
  return CSV_COLUMNS.map(([, value]) => value(tweet));
};

/** `GET /api/tweets.csv`: the list's filter and search over a range of days, streamed page by page (supervisors). */
export const tweetsCsvRouter = (deps: { store: ReadStore; sessions: Sessions; logger: Logger }) => {
  const router = Router();
  router.get('/api/tweets.csv', requireAdmin(deps.sessions), requireRole('supervisor'), async (req, res) => {
    const query = csvQuery.parse(req.query);
    const received = openDayRange(query);
    const now = new Date();
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="railsewa-complaints-${now.toISOString().slice(0, 10)}.csv"`);
    const csv = stringify({ header: true, columns: CSV_COLUMNS.map(([name]) => name), cast: { string: neutraliseCell } });
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    csv.pipe(res);
    try {
      let before: number | undefined;
      for (;;) {
        const rows = await listTweets(deps.store, { filter: query.filter, q: query.q, limit: PAGE, before, received });
        for (const row of rows) {
          if (!csv.write(csvRecord(row, now))) await once(csv, 'drain', { signal: gone.signal });
        }
        if (rows.length < PAGE || gone.signal.aborted) break;
        before = rows[rows.length - 1].id;
      }
      csv.end();
    } catch (error) {
      // The status is sent: a failure half-way can only cut the download short (the client sees it incomplete).
      if (!gone.signal.aborted) deps.logger.error({ err: error }, 'the CSV export failed half-way');
      csv.destroy();
      res.destroy();
    }
  });
  return router;
};
