import { Router } from 'express';
import { summaryReport } from '../projections/reports';
import type { ReadStore } from '../store/read-store';
import { requireAdmin } from './auth';
import { dayRange } from './date-range';
import { summaryQuery } from './schemas';
import type { Sessions } from './session';

/** The longest range a summary counts by day. */
export const MAX_SUMMARY_DAYS = 366;
const DEFAULT_SUMMARY_DAYS = 30;

/** Reports for every admin (viewer and up): counted by SQL on the read model, never kept in memory. */
export const reportsRouter = (deps: { store: ReadStore; sessions: Sessions }) => {
  const router = Router();
  router.get('/api/reports/summary', requireAdmin(deps.sessions), async (req, res) => {
    const now = new Date();
    const range = dayRange(summaryQuery.parse(req.query), { today: now, defaultDays: DEFAULT_SUMMARY_DAYS, maxDays: MAX_SUMMARY_DAYS });
    const report = await summaryReport(deps.store, range, now);
    res.json({ from: range.fromDay, to: range.toDay, ...report });
  });
  return router;
};
