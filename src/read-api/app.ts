import express from 'express';
import type { CommandDeps, ResponseDeps } from '../commands/handlers';
import type { Logger } from '../logger';
import type { ReadStore } from '../store/read-store';
import { authRouter } from './auth';
import { complaintsRouter } from './complaints';
import { errorMiddleware, notFoundRoute } from './errors';
import { RateLimiter } from '../rate-limit';
import type { Sessions } from './session';
import { metricsRouter, requestMetrics, type MetricsDeps } from './metrics';
import { tweetsRouter } from './tweets';

export interface AppDeps {
  store: ReadStore;
  commands: CommandDeps & ResponseDeps;
  sessions: Sessions;
  logger: Logger;
  intakeRatePerMinute: number;
  webDir: string;
  /** answers whether the engines behind the API can serve (for /readyz) */
  ready: () => Promise<boolean>;
  secureCookies?: boolean;
  /** more routes served by this app (the Telegram webhook) */
  routers?: express.Router[];
  metrics: MetricsDeps;
}

const securityHeaders: express.RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  );
  next();
};

export const createApp = (deps: AppDeps): express.Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestMetrics);
  app.use(securityHeaders);
  app.use(express.json({ limit: '64kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await deps.ready().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  app.use(metricsRouter(deps.metrics));

  app.use(complaintsRouter({ commands: deps.commands, limiter: new RateLimiter(deps.intakeRatePerMinute, 60_000) }));
  app.use(
    authRouter({
      store: deps.store,
      sessions: deps.sessions,
      loginLimiter: new RateLimiter(10, 60_000),
      secureCookies: deps.secureCookies ?? false,
    }),
  );
  app.use(tweetsRouter({ store: deps.store, sessions: deps.sessions, commands: deps.commands }));
  for (const router of deps.routers ?? []) app.use(router);

  app.use(express.static(deps.webDir, { index: 'index.html' }));
  app.use(notFoundRoute);
  app.use(errorMiddleware(deps.logger));
  return app;
};
