import { timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { EventStore } from '../eventlog/event-store';
import { metrics, registry } from '../metrics';
import { PROJECTIONS } from '../projections/registry';
import { projectionStatuses } from '../projections/status';
import type { ReadStore } from '../store/read-store';
import { NotFoundError, UnauthorizedError } from '../errors';

export interface MetricsDeps {
  /** METRICS_TOKEN: scrapers send it as a bearer token; without one the endpoint is off */
  token?: string;
  events: EventStore;
  store: ReadStore;
}

const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * How far each registered projection's checkpoints are behind each topic's end: the figures `railsewa projections
 * list` prints, read the same way.
 */
const updateProjectionLag = async ({ events, store }: MetricsDeps): Promise<void> => {
  for (const status of await projectionStatuses(events, store, PROJECTIONS)) {
    for (const { topic, lag } of status.topics) metrics.projectionLag.set({ projection: status.name, topic }, lag);
  }
};

/** `GET /metrics` in Prometheus' text format, for a scraper holding METRICS_TOKEN. */
export const metricsRouter = (deps: MetricsDeps): express.Router => {
  const router = express.Router();
  router.get('/metrics', async (req, res, next) => {
    try {
      if (!deps.token) throw new NotFoundError('metrics are off: set METRICS_TOKEN to serve them');
      const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
      if (!sameToken(given, deps.token)) throw new UnauthorizedError('metrics need the bearer token METRICS_TOKEN');
      // The lag is a view of the engines; when they cannot be read the other metrics are still served.
      await updateProjectionLag(deps).catch(() => undefined);
      res.type(registry.contentType).send(await registry.metrics());
    } catch (error) {
      next(error);
    }
  });
  return router;
};

/** Times every request; the route is the matched pattern, so ids never become label values. */
export const requestMetrics: express.RequestHandler = (req, res, next) => {
  const end = metrics.httpRequests.startTimer();
  res.once('finish', () => {
    // no route: 404, or 405 for a known path with another method; otherwise a dashboard asset
    const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : res.statusCode === 404 || res.statusCode === 405 ? 'unmatched' : 'static';
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
};
