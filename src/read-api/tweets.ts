import { Router, type Request, type Response } from 'express';
import { giveResponse, relabelComplaint, runWorkflow, type ResponseDeps } from '../commands/handlers';
import type { WorkflowCommand } from '../commands/complaint';
import { NotFoundError, ValidationError } from '../errors';
import { findTweet, listTweetsEncoded, readStats, type TweetSort } from '../projections/tweets';
import type { ReadStore } from '../store/read-store';
import { adminOf, requireAdmin, requireRole, roleOf } from './auth';
import { assignBody, DUE_CURSOR, listTweetsQuery, noteBody, relabelBody, respondBody, tweetIdParams } from './schemas';
import type { Sessions } from './session';
import { toTweetJson } from './tweet-json';
import { TWEETS_PAGE } from './tweets-page';

/** `before` as the sort reads it: an id for newest first, the last row's due time and id for the time-left order. */
const pageCursor = (sort: TweetSort, before: number | string | undefined): { before?: number; after?: { due: string; id: number } } => {
  if (before === undefined) return {};
  const due = typeof before === 'string' ? DUE_CURSOR.exec(before) : null;
  if (sort === 'due') {
    if (!due) throw new ValidationError('before: with sort=due, the X-Next-Before of the last page (due_at_id)');
    return { after: { due: due[1], id: Number(due[2]) } };
  }
  if (typeof before !== 'number') throw new ValidationError('before: with sort=newest, an id (the X-Next-Before of the last page)');
  return { before };
};

/** The original design's endpoints, with their shapes, and the admins' workflow, behind an admin session and a role. */
export const tweetsRouter = (deps: { store: ReadStore; sessions: Sessions; commands: ResponseDeps }) => {
  const router = Router();
  const admin = requireAdmin(deps.sessions);
  const responder = requireRole('responder');
  const supervisor = requireRole('supervisor');

  router.get('/api/stats', admin, async (_req, res) => {
    res.json(await readStats(deps.store));
  });

  router.get('/api/tweets', admin, async (req, res) => {
    const query = listTweetsQuery.parse(req.query);
    const { before, ...rest } = query;
    const page = await listTweetsEncoded(deps.store, { ...rest, ...pageCursor(query.sort, before), admin: adminOf(req) }, TWEETS_PAGE);
    const { count, last } = page.summary;
    if (count === query.limit && last) res.setHeader('X-Next-Before', query.sort === 'due' ? `${last.waitingDueAt}_${last.id}` : String(last.id));
    res.type('json').send(page.body);
  });

  router.get('/api/tweets/:id', admin, async (req, res) => {
    const { id } = tweetIdParams.parse(req.params);
    const row = await findTweet(deps.store, id);
    if (!row) throw new NotFoundError(`complaint ${id} not found`);
    res.json(toTweetJson(row));
  });

  router.post('/api/respond', admin, responder, async (req, res) => {
    const body = respondBody.parse(req.body);
    const result = await giveResponse(deps.commands, {
      type: 'GiveResponse',
      data: { complaintId: String(body.tweet_id), response: body.response, respondedBy: adminOf(req) },
    });
    res.status(202).json({ success: true, tweet_id: result.complaintId, response_id: result.responseId, responded_at: result.respondedAt });
  });

  router.post('/api/relabel', admin, responder, async (req, res) => {
    const body = relabelBody.parse(req.body);
    const result = await relabelComplaint(deps.commands, {
      type: 'RelabelComplaint',
      data: { complaintId: String(body.tweet_id), emergency: body.emergency, category: body.category, relabeledBy: adminOf(req) },
    });
    res.status(202).json({ success: true, tweet_id: result.complaintId });
  });

  /** One workflow step on the complaint named in the path (its id or reference). */
  const step = (build: (complaintId: string, by: string, req: Request) => WorkflowCommand) =>
    async (req: Request, res: Response) => {
      const command = build(tweetIdParams.parse(req.params).id, adminOf(req), req);
      const result = await runWorkflow(deps.commands, command);
      res.status(202).json({ success: true, tweet_id: result.complaintId, event: result.type, event_id: result.eventId, at: result.at });
    };

  router.post('/api/tweets/:id/acknowledge', admin, responder, step((complaintId, by) => ({ type: 'AcknowledgeComplaint', data: { complaintId, by } })));
  router.post(
    '/api/tweets/:id/assign',
    admin,
    responder,
    step((complaintId, by, req) => ({
      type: 'AssignComplaint',
      data: { complaintId, by, assignee: assignBody.parse(req.body).admin, byRole: roleOf(req) === 'supervisor' ? 'supervisor' : 'responder' },
    })),
  );
  router.post(
    '/api/tweets/:id/notes',
    admin,
    responder,
    step((complaintId, by, req) => ({ type: 'AddComplaintNote', data: { complaintId, by, text: noteBody.parse(req.body).text } })),
  );
  router.post('/api/tweets/:id/resolve', admin, responder, step((complaintId, by) => ({ type: 'ResolveComplaint', data: { complaintId, by } })));
  router.post('/api/tweets/:id/reopen', admin, supervisor, step((complaintId, by) => ({ type: 'ReopenComplaint', data: { complaintId, by } })));

  return router;
};
