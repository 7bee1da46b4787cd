import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { TrustProxy } from '../config';
import type { CommandDeps, ResponseDeps } from '../commands/handlers';
import type { Logger } from '../logger';
import type { ReadStore } from '../store/read-store';
import { adminsRouter } from './admins-router';
import { analyticsRouter } from './analytics';
import { authRouter } from './auth';
import { complaintsRouter } from './complaints';
import { errorMiddleware, notFoundRoute } from './errors';
import { fixedHeaders } from './fixed-headers';
import { RateLimiter } from '../rate-limit';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type LoginThrottleOptions } from './login-throttle';
import { sameOriginWrites } from './origin';
import type { PasswordHasher } from './passwords';
import type { Sessions } from './session';
import { metricsRouter, requestMetrics, type MetricsDeps } from './metrics';
import { buildOpenApiDocument, methodNotAllowed, openApiRouter } from './openapi';
import { reportsRouter } from './reports';
import { historyRouter } from './history';
import { tweetsRouter } from './tweets';
import { tweetsCsvRouter } from './tweets-csv';

export interface AppDeps {
  store: ReadStore;
  commands: CommandDeps & ResponseDeps;
  sessions: Sessions;
  hasher: PasswordHasher;
  logger: Logger;
  intakeRatePerMinute: number;
  loginThrottle?: LoginThrottleOptions;
  webDir: string;
  /** answers whether the engines behind the API can serve (for /readyz) */
  ready: () => Promise<boolean>;
  /** the dashboard's origin (PUBLIC_URL); https turns on Secure cookies and HSTS */
  publicOrigin?: string;
  /** which proxies' X-Forwarded-For to believe for the client address (TRUST_PROXY); false: none */
  trustProxy: TrustProxy;
  /** more routes served by this app (the Telegram webhook) */
  routers?: express.Router[];
  metrics: MetricsDeps;
}

export const securityHeaders = (https: boolean) =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only makes sense on https; on http browsers ignore it, and it would pin a wrong promise.
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
  });

const noStore: express.RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** The dashboard: its page, stylesheet and icon, and the compiled scripts of web/dist (no TypeScript, no source maps). */
const dashboardAssets = (webDir: string): express.Router => {
  const router = express.Router();
  const file = (name: string): express.RequestHandler => (_req, res) => res.sendFile(path.join(webDir, name));
  router.get(['/', '/index.html'], file('index.html'));
  router.get('/styles.css', file('styles.css'));
  router.get('/favicon.svg', file('favicon.svg'));
  const scripts = express.static(path.join(webDir, 'dist'), { index: false, dotfiles: 'deny', fallthrough: true });
  router.use('/dist', (req, res, next) => (req.path.endsWith('.js') ? scripts(req, res, next) : next()));
  return router;
};

export const createApp = (deps: AppDeps): express.Express => {
  const https = deps.publicOrigin?.startsWith('https:') ?? false;
  const app = express();
  app.disable('x-powered-by');
  // API answers are no-store: an ETag (a SHA-1 of every JSON body) would cost CPU and serve no cache.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy);
  app.use(requestMetrics);
  app.use(fixedHeaders(securityHeaders(https)));
  app.use('/api', noStore);
  app.use(sameOriginWrites(deps.publicOrigin, ['/api/complaints']));
  app.use(express.json({ limit: '64kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await deps.ready().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable' });
  });
  app.use(metricsRouter(deps.metrics));

  // The dashboard's reads first: a request walks the routers in order, and these are most of them.
  app.use(tweetsRouter({ store: deps.store, sessions: deps.sessions, commands: deps.commands }));
  app.use(complaintsRouter({ commands: deps.commands, limiter: new RateLimiter(deps.intakeRatePerMinute, 60_000) }));
  app.use(
    authRouter({
      store: deps.store,
      sessions: deps.sessions,
      hasher: deps.hasher,
      throttle: new LoginThrottle(deps.loginThrottle ?? DEFAULT_LOGIN_THROTTLE),
      secureCookies: https,
    }),
  );
  app.use(tweetsCsvRouter({ store: deps.store, sessions: deps.sessions, logger: deps.logger }));
  app.use(reportsRouter({ store: deps.store, sessions: deps.sessions }));
  app.use(historyRouter({ store: deps.store, sessions: deps.sessions }));
  app.use(analyticsRouter({ store: deps.store, sessions: deps.sessions }));
  app.use(adminsRouter({ store: deps.store, sessions: deps.sessions, hasher: deps.hasher }));
  const openapi = buildOpenApiDocument();
  app.use(openApiRouter({ sessions: deps.sessions, webDir: deps.webDir, document: openapi }));
  for (const router of deps.routers ?? []) app.use(router);

  app.use(dashboardAssets(deps.webDir));
  app.use(methodNotAllowed(openapi));
  app.use(notFoundRoute);
  app.use(errorMiddleware(deps.logger));
  return app;
};
