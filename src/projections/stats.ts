import type { TweetRow } from './tweet-row';

/** The stats read model, in the original design's shape. */
export interface Stats {
  total: number;
  emergency: number;
  feedback: number;
  responded: number;
  pending: number;
  /** Feedback the model flagged for a person to look at ("Needs review"), not yet settled by an admin */
  review: number;
}

export const zeroStats = (): Stats => ({ total: 0, emergency: 0, feedback: 0, responded: 0, pending: 0, review: 0 });

/** What one row contributes to the stats; a complaint counts once it has been received. */
export const statsOfRow = (row: TweetRow | null): Stats => {
  if (!row || row.received_event_id === null) return zeroStats();
  const responded = row.response_status === 1 ? 1 : 0;
  return {
    total: 1,
    emergency: row.prediction === 1 ? 1 : 0,
    feedback: row.prediction === 0 ? 1 : 0,
    responded,
    pending: 1 - responded,
    review: row.prediction === 0 && row.review === 1 ? 1 : 0,
  };
};

export const addStats = (a: Stats, b: Stats, sign: 1 | -1 = 1): Stats => ({
  total: a.total + sign * b.total,
  emergency: a.emergency + sign * b.emergency,
  feedback: a.feedback + sign * b.feedback,
  responded: a.responded + sign * b.responded,
  pending: a.pending + sign * b.pending,
  review: a.review + sign * b.review,
});

/** The change a row transition makes to the stats. */
export const statsDelta = (before: TweetRow | null, after: TweetRow): Stats =>
  addStats(statsOfRow(after), statsOfRow(before), -1);
