import { Router } from 'express';
import { giveResponse, relabelComplaint, type ResponseDeps } from '../commands/handlers';
import { NotFoundError } from '../errors';
import { findTweet, listTweets, readStats } from '../projections/tweets';
import type { ReadStore } from '../store/read-store';
import { adminOf, requireAdmin } from './auth';
import { listTweetsQuery, relabelBody, respondBody, tweetIdParams } from './schemas';
import type { Sessions } from './session';
import { toTweetJson } from './tweet-json';

/** The original design's endpoints, with their shapes, behind an admin session. */
export const tweetsRouter = (deps: { store: ReadStore; sessions: Sessions; commands: ResponseDeps }) => {
  const router = Router();
  const admin = requireAdmin(deps.sessions);

  router.get('/api/stats', admin, async (_req, res) => {
    res.json(await readStats(deps.store));
  });

  router.get('/api/tweets', admin, async (req, res) => {
    const query = listTweetsQuery.parse(req.query);
    const rows = await listTweets(deps.store, query);
    if (rows.length === query.limit) res.setHeader('X-Next-Before', String(rows[rows.length - 1].id));
    res.json(rows.map(toTweetJson));
  });

  router.get('/api/tweets/:id', admin, async (req, res) => {
    const { id } = tweetIdParams.parse(req.params);
    const row = await findTweet(deps.store, id);
    if (!row) throw new NotFoundError(`complaint ${id} not found`);
    res.json(toTweetJson(row));
  });

  router.post('/api/respond', admin, async (req, res) => {
    const body = respondBody.parse(req.body);
    const result = await giveResponse(deps.commands, {
      type: 'GiveResponse',
      data: { complaintId: String(body.tweet_id), response: body.response, respondedBy: adminOf(req) },
    });
    res.status(202).json({ success: true, tweet_id: result.complaintId, response_id: result.responseId, responded_at: result.respondedAt });
  });

  router.post('/api/relabel', admin, async (req, res) => {
    const body = relabelBody.parse(req.body);
    const result = await relabelComplaint(deps.commands, {
      type: 'RelabelComplaint',
      data: { complaintId: String(body.tweet_id), emergency: body.emergency, category: body.category, relabeledBy: adminOf(req) },
    });
    res.status(202).json({ success: true, tweet_id: result.complaintId });
  });

  return router;
};
