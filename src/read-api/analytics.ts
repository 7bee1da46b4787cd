import { Router } from 'express';
import { readAnalytics } from '../projections/analytics';
import type { ReadStore } from '../store/read-store';
import { requireAdmin, requireRole } from './auth';
import { analyticsQuery } from './schemas';
import type { Sessions } from './session';

/** The Trends view's figures, for any logged-in admin. */
export const analyticsRouter = (deps: { store: ReadStore; sessions: Sessions; now?: () => Date }) => {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  router.get('/api/analytics', requireAdmin(deps.sessions), requireRole('viewer'), async (req, res) => {
    const { range } = analyticsQuery.parse(req.query);
    res.json(await readAnalytics(deps.store, range, now()));
  });
  return router;
};
