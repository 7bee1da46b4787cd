import { storedTweet, type StoredTweet } from '../projections/tweets';
import type { RowsEncoder } from '../store/read-store';
import { toTweetJson } from './tweet-json';

export interface PageSummary {
  /** complaints on the page */
  count: number;
  /** the last one's cursor values (X-Next-Before), null on an empty page */
  last: { id: number; waitingDueAt: string | null } | null;
}

/**
 * A page of complaints as GET /api/tweets answers it: the JSON array, and what the next page's cursor needs. It runs
 * where the rows are read (a SQLite reader thread), so the event loop gets bytes to write.
 */
export const encodeTweetsPage = (rows: unknown[]): { json: string; summary: PageSummary } => {
  const now = new Date();
  const tweets = (rows as StoredTweet[]).map(storedTweet);
  const last = tweets.at(-1);
  return {
    json: JSON.stringify(tweets.map((tweet) => toTweetJson(tweet, now))),
    summary: { count: tweets.length, last: last ? { id: last.id, waitingDueAt: last.waiting_due_at } : null },
  };
};

export const TWEETS_PAGE: RowsEncoder<PageSummary> = { module: __filename, name: 'encodeTweetsPage', encode: encodeTweetsPage };
