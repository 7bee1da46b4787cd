import { Router } from 'express';
import { z } from 'zod';
import { CATEGORIES } from '../classify/types';
import { giveResponse, relabelComplaint, type ResponseDeps } from '../commands/handlers';
import { NotFoundError } from '../errors';
import { TWEET_FILTERS, findTweet, listTweets, readStats } from '../projections/tweets';
import type { ReadStore } from '../store/read-store';
import { adminOf, requireAdmin } from './auth';
import type { Sessions } from './session';
import { toTweetJson } from './tweet-json';

const listQuery = z.object({
  filter: z.enum(TWEET_FILTERS).default('all'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  q: z.string().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
});

const relabelBody = z.object({
  tweet_id: z.union([z.string().min(1).max(64), z.number().int().nonnegative()]),
  emergency: z.union([z.literal(0), z.literal(1)]),
  category: z.enum(CATEGORIES),
});

const respondBody = z.object({
  tweet_id: z.union([z.string().min(1).max(64), z.number().int().nonnegative()]),
  response: z.string().max(10_000),
});

/** The original design's endpoints, with their shapes, behind an admin session. */
export const tweetsRouter = (deps: { store: ReadStore; sessions: Sessions; commands: ResponseDeps }) => {
  const router = Router();
  const admin = requireAdmin(deps.sessions);

  router.get('/api/stats', admin, async (_req, res) => {
    res.json(await readStats(deps.store));
  });

  router.get('/api/tweets', admin, async (req, res) => {
    const query = listQuery.parse(req.query);
    const rows = await listTweets(deps.store, query);
    if (rows.length === query.limit) res.setHeader('X-Next-Before', String(rows[rows.length - 1].id));
    res.json(rows.map(toTweetJson));
  });

  router.get('/api/tweets/:id', admin, async (req, res) => {
    const id = String(req.params.id);
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
