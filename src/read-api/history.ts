import { Router } from 'express';
import { NotFoundError } from '../errors';
import { readComplaintHistory } from '../projections/complaint-history';
import type { HistoryEntry } from '../projections/history-entry';
import { findTweet } from '../projections/tweets';
import type { ReadStore } from '../store/read-store';
import { requireAdmin } from './auth';
import { tweetIdParams } from './schemas';
import type { Sessions } from './session';

const toHistoryJson = (entry: HistoryEntry) => ({ event_id: entry.eventId, type: entry.type, at: entry.at, by: entry.by, changes: entry.changes });

/** A complaint's history, from the complaint_history projection: every role may read it. */
export const historyRouter = (deps: { store: ReadStore; sessions: Sessions }) => {
  const router = Router();
  router.get('/api/tweets/:id/history', requireAdmin(deps.sessions), async (req, res) => {
    const { id } = tweetIdParams.parse(req.params);
    const row = await findTweet(deps.store, id);
    if (!row) throw new NotFoundError(`complaint ${id} not found`);
    res.json((await readComplaintHistory(deps.store, row.tweet_id)).map(toHistoryJson));
  });
  return router;
};
