import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Router } from 'express';
import { stringify } from 'csv-stringify';
import type { Logger } from '../logger';
import { listTweets, listTweetsByReceived, type StoredTweet, type TweetFilter } from '../projections/tweets';
import type { ReadStore } from '../store/read-store';
import { adminOf, requireAdmin, requireRole } from './auth';
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

export interface CsvExport {
  filter: TweetFilter;
  q?: string;
  /** received in [from, to), ISO 8601 instants; an end not given is open */
  received: { from?: string; to?: string };
  /** the admin asking: `mine` exports what is assigned to them */
  admin?: string;
}

/**
 * Writes the export to `out` page by page (PAGE rows per query; newest received first, or with a search newest
 * first by id), waiting whenever `out` is full, and ends it. Stops early, without an error, once `gone` is aborted (the client left).
 */
export const writeTweetsCsv = async (store: ReadStore, query: CsvExport, out: Writable, gone: AbortSignal, now = new Date()): Promise<number> => {
  const csv = stringify({ header: true, columns: CSV_COLUMNS.map(([name]) => name), cast: { string: neutraliseCell } });
  csv.pipe(out);
  let written = 0;
  try {
    let last: StoredTweet | undefined;
    for (;;) {
      // A search pages through its own index by id; otherwise the received_at index gives the range in order.
      const rows = query.q
        ? await listTweets(store, { filter: query.filter, q: query.q, limit: PAGE, before: last?.id, received: query.received, admin: query.admin })
        : await listTweetsByReceived(store, {
            filter: query.filter,
            admin: query.admin,
            limit: PAGE,
            received: query.received,
            after: last && last.received_at !== null ? { receivedAt: last.received_at, id: last.id } : undefined,
          });
      for (const row of rows) {
        if (!csv.write(csvRecord(row, now))) await once(csv, 'drain', { signal: gone });
      }
      written += rows.length;
      if (rows.length < PAGE || gone.aborted) break;
      last = rows[rows.length - 1];
    }
    csv.end();
    return written;
  } catch (error) {
    csv.destroy();
    if (gone.aborted) return written;
    throw error;
  }
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
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    try {
      await writeTweetsCsv(deps.store, { filter: query.filter, q: query.q, received, admin: adminOf(req) }, res, gone.signal, now);
    } catch (error) {
      // The status is sent: a failure half-way can only cut the download short (the client sees it incomplete).
      deps.logger.error({ err: error }, 'the CSV export failed half-way');
      res.destroy();
    }
  });
  return router;
};
