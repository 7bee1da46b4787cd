import path from 'node:path';
import { Router, type RequestHandler } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodTypeAny } from 'zod';
import {
  adminJson,
  adminListJson,
  adminParams,
  adminPasswordBody,
  adminSummaryJson,
  createAdminBody,
  updateAdminBody,
  analyticsJson,
  analyticsQuery,
  assignBody,
  complaintAccepted,
  csvQuery,
  DUE_CURSOR,
  errorJson,
  healthJson,
  historyJson,
  intakeBody,
  listTweetsQuery,
  loginBody,
  logoutJson,
  noteBody,
  readyJson,
  relabelAccepted,
  relabelBody,
  respondAccepted,
  respondBody,
  statsJson,
  summaryJson,
  summaryQuery,
  tweetIdParams,
  tweetJson,
  workflowAccepted,
} from './schemas';
import { requireAdmin, sessionOf } from './auth';
import { jsonError } from './errors';
import { SESSION_COOKIE, type Sessions } from './session';

type Responses = RouteConfig['responses'];

const json = (schema: ZodTypeAny) => ({ 'application/json': { schema } });

const error = (description: string, headers?: ResponseConfig['headers']): ResponseConfig => ({
  description,
  content: json(errorJson),
  ...(headers ? { headers } : {}),
});

const retryAfter = {
  'Retry-After': { description: 'seconds to wait before the next attempt', schema: { type: 'integer' as const, minimum: 0 } },
};

/** The answers every route shares, by status. */
const ERRORS = {
  validation: { 400: error('validation_failed: the request does not match this document (or bad_request: the body is not JSON)') },
  badJson: { 400: error('bad_request: the body is not valid JSON') },
  session: { 401: error('unauthorized: no live admin session (log in first)') },
  role: { 403: error("forbidden: the admin's role does not allow this (or forbidden_origin: from another origin than the dashboard)") },
  conflict: { 409: error('conflict: the complaint is not in a state that allows this step') },
  origin: { 403: error('forbidden_origin: a state-changing request from another origin than the dashboard') },
  notFound: { 404: error('not_found: no such complaint (by tweet_id or reference)') },
  tooLarge: { 413: error('payload_too_large: the JSON body is over 64 kB') },
  rateLimited: { 429: error('rate_limited: too many attempts; wait Retry-After seconds', retryAfter) },
  unavailable: { 503: error('unavailable: the event log or the read store cannot be reached right now') },
  searchUnavailable: {
    503: error(
      'unavailable: the read store cannot be reached right now; or search_timeout: the search ran past its time limit (SEARCH_TIME_LIMIT_MS) and was stopped: narrow it',
    ),
  },
} satisfies Record<string, Responses>;

/** Every JSON body a route reads is parsed by express.json() first: bad JSON is 400, over 64 kB is 413. */
const jsonBody = (schema: ZodTypeAny) => ({ body: { required: true, content: json(schema) } });
const writeErrors = { ...ERRORS.validation, ...ERRORS.origin, ...ERRORS.tooLarge };

const SESSION = 'session';
const METRICS = 'metricsToken';
const admin = [{ [SESSION]: [] }];

/** Registers every route of the read API (app.ts) with the zod schemas the routes parse. */
const registerRoutes = (registry: OpenAPIRegistry): void => {
  registry.registerComponent('securitySchemes', SESSION, {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'the admin session: `POST /api/login` sets it (HttpOnly, SameSite=Strict)',
  });
  registry.registerComponent('securitySchemes', METRICS, {
    type: 'http',
    scheme: 'bearer',
    description: 'METRICS_TOKEN, for a Prometheus scraper',
  });

  registry.registerPath({
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    tags: ['operations'],
    summary: 'The process answers (liveness)',
    security: [],
    responses: { 200: { description: 'alive', content: json(healthJson) } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    tags: ['operations'],
    summary: 'The engines behind the API can serve (readiness)',
    security: [],
    responses: {
      200: { description: 'ready', content: json(readyJson) },
      503: { description: 'the read store or event log cannot be reached', content: json(readyJson) },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'metrics',
    tags: ['operations'],
    summary: "Prometheus metrics, for a scraper holding METRICS_TOKEN",
    security: [{ [METRICS]: [] }],
    responses: {
      200: { description: "Prometheus' text format", content: { 'text/plain': { schema: { type: 'string' } } } },
      401: error('unauthorized: missing or wrong bearer token'),
      404: error('not_found: metrics are off (METRICS_TOKEN is not set)'),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/api/complaints',
    operationId: 'submitComplaint',
    tags: ['passengers'],
    summary: 'Submit a complaint (public web intake, rate limited per client address)',
    description: 'Answers only once the complaint is durable in the event log. Open to any origin.',
    security: [],
    request: jsonBody(intakeBody),
    responses: {
      201: { description: 'received: the reference to quote', content: json(complaintAccepted) },
      ...ERRORS.validation,
      ...ERRORS.tooLarge,
      ...ERRORS.rateLimited,
      ...ERRORS.unavailable,
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/api/login',
    operationId: 'login',
    tags: ['session'],
    summary: 'Log in: sets the session cookie',
    description: 'Throttled per account and per client address; a wrong username or password is 401.',
    security: [],
    request: jsonBody(loginBody),
    responses: {
      200: {
        description: 'logged in',
        content: json(adminJson),
        headers: { 'Set-Cookie': { description: `${SESSION_COOKIE}=…; HttpOnly; SameSite=Strict; Path=/`, schema: { type: 'string' } } },
      },
      ...writeErrors,
      401: error('unauthorized: wrong username or password'),
      ...ERRORS.rateLimited,
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/logout',
    operationId: 'logout',
    tags: ['session'],
    summary: 'Log out: ends the session the cookie names (if any) and clears the cookie',
    security: [{}, ...admin],
    responses: {
      200: { description: 'logged out', content: json(logoutJson) },
      ...ERRORS.badJson,
      ...ERRORS.origin,
      ...ERRORS.tooLarge,
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/me',
    operationId: 'me',
    tags: ['session'],
    summary: 'The logged-in admin',
    security: admin,
    responses: { 200: { description: 'the admin', content: json(adminJson) }, ...ERRORS.session, ...ERRORS.unavailable },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/stats',
    operationId: 'stats',
    tags: ['complaints'],
    summary: 'Counts of complaints (a read model kept by a projection)',
    security: admin,
    responses: { 200: { description: 'the counts', content: json(statsJson) }, ...ERRORS.session, ...ERRORS.unavailable },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/analytics',
    operationId: 'analytics',
    tags: ['complaints'],
    summary: 'Trends: complaints per hour (per day for 30d), emergencies, review, top categories and trains, first-response times',
    description: 'Read from the `analytics` projection (hourly buckets by category, triage, source and language). Any role.',
    security: admin,
    request: { query: analyticsQuery },
    responses: {
      200: { description: 'the figures of the range', content: json(analyticsJson) },
      ...ERRORS.validation,
      ...ERRORS.session,
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/tweets',
    operationId: 'listTweets',
    tags: ['complaints'],
    summary: 'Complaints, newest first (or by time left to the first-response target), one lane and search at a time',
    security: admin,
    request: { query: listTweetsQuery },
    responses: {
      200: {
        description: 'a page of complaints',
        content: json(tweetJson.array()),
        headers: {
          'X-Next-Before': {
            description: 'a full page: pass this as `before` for the next one (an id; with sort=due, `due_at`_`id`)',
            schema: { type: 'string', pattern: `^[0-9]+$|${DUE_CURSOR.source}` },
          },
        },
      },
      ...ERRORS.validation,
      ...ERRORS.session,
      ...ERRORS.searchUnavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/tweets.csv',
    operationId: 'exportTweetsCsv',
    tags: ['complaints'],
    summary: "Download complaints as CSV: the list's filter and search over a range of received days (supervisor)",
    description:
      'Streamed page by page, newest first, with a header row. A cell starting with `=`, `+`, `-`, `@`, a tab or a ' +
      "carriage return is prefixed with `'` so that spreadsheets show it as text.",
    security: admin,
    request: { query: csvQuery },
    responses: {
      200: {
        description: 'the complaints, one per line',
        content: { 'text/csv': { schema: { type: 'string' } } },
        headers: {
          'Content-Disposition': { description: 'attachment; filename="railsewa-complaints-YYYY-MM-DD.csv"', schema: { type: 'string' } },
        },
      },
      ...ERRORS.validation,
      ...ERRORS.session,
      ...ERRORS.role,
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/reports/summary',
    operationId: 'reportSummary',
    tags: ['reports'],
    summary: 'Complaints received in a range of days: counts by day, category, triage and source, first-response times and breaches',
    security: admin,
    request: { query: summaryQuery },
    responses: {
      200: { description: 'the summary', content: json(summaryJson) },
      ...ERRORS.validation,
      ...ERRORS.session,
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/tweets/{id}',
    operationId: 'getTweet',
    tags: ['complaints'],
    summary: 'One complaint, by tweet_id or reference',
    security: admin,
    request: { params: tweetIdParams },
    responses: {
      200: { description: 'the complaint', content: json(tweetJson) },
      ...ERRORS.validation,
      ...ERRORS.session,
      ...ERRORS.notFound,
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/tweets/{id}/history',
    operationId: 'getTweetHistory',
    tags: ['complaints'],
    summary: "Every event of a complaint in the order they happened: type, time, who and what changed (any role)",
    security: admin,
    request: { params: tweetIdParams },
    responses: {
      200: { description: "the complaint's history (empty until the history projection has reached it)", content: json(historyJson) },
      ...ERRORS.validation,
      ...ERRORS.session,
      ...ERRORS.notFound,
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/respond',
    operationId: 'respond',
    tags: ['complaints'],
    summary: "Respond to a complaint: appends ResponseGiven; the bot delivers it to the passenger's chat",
    security: admin,
    request: jsonBody(respondBody),
    responses: {
      202: { description: 'accepted: the response is in the event log', content: json(respondAccepted) },
      ...writeErrors,
      ...ERRORS.session,
      ...ERRORS.role,
      ...ERRORS.notFound,
      409: error('conflict: the complaint is resolved (reopen it first)'),
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/relabel',
    operationId: 'relabel',
    tags: ['complaints'],
    summary: "Correct a complaint's class and category: appends ComplaintRelabeled",
    security: admin,
    request: jsonBody(relabelBody),
    responses: {
      202: { description: 'accepted: the correction is in the event log', content: json(relabelAccepted) },
      ...writeErrors,
      ...ERRORS.session,
      ...ERRORS.role,
      ...ERRORS.notFound,
      ...ERRORS.unavailable,
    },
  });

  const workflowStep = (step: string, summary: string, body?: ZodTypeAny): void => {
    registry.registerPath({
      method: 'post',
      path: `/api/tweets/{id}/${step}`,
      operationId: `${step}Complaint`,
      tags: ['workflow'],
      summary,
      security: admin,
      request: body ? { params: tweetIdParams, ...jsonBody(body) } : { params: tweetIdParams },
      responses: {
        202: { description: 'accepted: the step is in the event log', content: json(workflowAccepted) },
        ...writeErrors,
        ...ERRORS.session,
        ...ERRORS.role,
        ...ERRORS.notFound,
        ...ERRORS.conflict,
        ...ERRORS.unavailable,
      },
    });
  };
  workflowStep('acknowledge', 'Acknowledge a complaint: appends ComplaintAcknowledged (responder)');
  workflowStep('assign', 'Assign a complaint to an admin: appends ComplaintAssigned (responder to themself, supervisor to anyone)', assignBody);
  workflowStep('notes', 'Add an internal note: appends ComplaintNoteAdded, never sent to the passenger (responder)', noteBody);
  workflowStep('resolve', 'Resolve a complaint: appends ComplaintResolved (responder)');
  workflowStep('reopen', 'Reopen a resolved complaint: appends ComplaintReopened (supervisor)');

  const supervisorErrors = { ...ERRORS.session, 403: error("forbidden: only a supervisor manages admins (or forbidden_origin: from another origin than the dashboard)") };
  registry.registerPath({
    method: 'get',
    path: '/api/admins',
    operationId: 'listAdmins',
    tags: ['admins'],
    summary: 'Every admin: role, whether disabled, created, last login, live sessions (supervisor)',
    security: admin,
    responses: { 200: { description: 'the admins, by username', content: json(adminListJson) }, ...supervisorErrors, ...ERRORS.unavailable },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/admins',
    operationId: 'createAdmin',
    tags: ['admins'],
    summary: 'Create an admin with a role (supervisor)',
    description: 'The rules of `railsewa admin create`: a username that another differs from only by case or NFKC form is 409.',
    security: admin,
    request: jsonBody(createAdminBody),
    responses: {
      201: { description: 'created', content: json(adminSummaryJson) },
      ...writeErrors,
      ...supervisorErrors,
      409: error('conflict: an admin with this username exists (usernames are compared without case, NFKC-normalised)'),
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/admins/{username}',
    operationId: 'updateAdmin',
    tags: ['admins'],
    summary: "Change an admin's role, or disable or enable them; either ends their sessions (supervisor)",
    security: admin,
    request: { params: adminParams, ...jsonBody(updateAdminBody) },
    responses: {
      200: { description: 'the admin as changed', content: json(adminSummaryJson) },
      ...writeErrors,
      ...supervisorErrors,
      404: error('not_found: there is no admin of this name'),
      409: error('conflict: a supervisor cannot disable themself or change their own role, nor disable or demote the last enabled supervisor'),
      ...ERRORS.unavailable,
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/admins/{username}/password',
    operationId: 'setAdminPassword',
    tags: ['admins'],
    summary: "Set an admin's password: their sessions end (a supervisor's own: all but this one) (supervisor)",
    security: admin,
    request: { params: adminParams, ...jsonBody(adminPasswordBody) },
    responses: {
      200: { description: 'the admin', content: json(adminSummaryJson) },
      ...writeErrors,
      ...supervisorErrors,
      404: error('not_found: there is no admin of this name'),
      ...ERRORS.unavailable,
    },
  });

  registry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapi',
    tags: ['operations'],
    summary: 'This document',
    security: admin,
    responses: {
      200: { description: 'the OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } },
      ...ERRORS.session,
      ...ERRORS.unavailable,
    },
  });
};

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The read API's OpenAPI 3.1 document, generated from the zod schemas the routes parse. */
export const buildOpenApiDocument = (): OpenApiDocument => {
  const registry = new OpenAPIRegistry();
  registerRoutes(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'RailSewa read API',
      version: '1',
      description:
        'Complaints, responses and the admin session of RailSewa. Errors are `{"error": {"code", "message"}}`. ' +
        'State-changing requests other than `POST /api/complaints` must come from the dashboard\'s origin. ' +
        'Live updates are pushed over Socket.IO (`/socket.io/`), which this document does not describe.',
    },
    tags: [
      { name: 'passengers', description: 'public' },
      { name: 'session', description: 'admin login' },
      { name: 'complaints', description: 'for logged-in admins' },
      { name: 'workflow', description: "admins' steps on a complaint, by role" },
      { name: 'admins', description: 'managing admins and their roles, for supervisors' },
      { name: 'reports', description: 'figures over a range of days, for every admin' },
      { name: 'operations', description: 'health, readiness, metrics' },
    ],
  });
};

/** Where swagger-ui-dist's files are (an npm dependency; nothing is loaded from a CDN). */
const swaggerUiDir = (): string => path.dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * `GET /api/openapi.json` for logged-in admins, and the API reference page (`/api-docs`) rendered from it with
 * Swagger UI. The page itself is sent only to a live session; without one it sends the browser to the dashboard's
 * sign-in. It runs under the dashboard's strict CSP: Swagger UI's scripts and stylesheet are same-origin files and it
 * sets styles through the DOM, which style-src 'self' allows.
 */
export const openApiRouter = (deps: { sessions: Sessions; webDir: string; document: OpenApiDocument }): Router => {
  const router = Router();
  const { document } = deps;
  router.get('/api/openapi.json', requireAdmin(deps.sessions), (_req, res) => {
    res.json(document);
  });

  const assets = swaggerUiDir();
  const asset =
    (file: string): RequestHandler =>
    (_req, res) =>
      res.sendFile(path.join(assets, file));
  router.get('/api-docs', async (req, res) => {
    if (!(await sessionOf(deps.sessions, req.headers.cookie))) {
      res.redirect(303, '/');
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(path.join(deps.webDir, 'api-docs.html'));
  });
  router.get('/api-docs/swagger-ui.css', asset('swagger-ui.css'));
  router.get('/api-docs/swagger-ui-bundle.js', asset('swagger-ui-bundle.js'));
  return router;
};

/** The methods the document gives each path, as patterns matched the way Express matches (any case, optional `/`). */
const pathMethods = (document: OpenApiDocument): { pattern: RegExp; methods: string[] }[] =>
  Object.entries(document.paths ?? {}).map(([template, item]) => {
    const source = template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    const methods = ['get', 'put', 'post', 'delete', 'patch']
      .filter((method) => item !== undefined && method in item)
      .map((method) => method.toUpperCase());
    if (methods.includes('GET')) methods.splice(methods.indexOf('GET') + 1, 0, 'HEAD');
    return { pattern: new RegExp(`^${source}/?$`, 'i'), methods };
  });

/**
 * 405 with `Allow` for a documented path asked with a method it does not have (placed after every route, before
 * the 404): the path exists, so "no such route" would be wrong.
 */
export const methodNotAllowed = (document: OpenApiDocument): RequestHandler => {
  const known = pathMethods(document);
  return (req, res, next) => {
    const allowed = known.find(({ pattern }) => pattern.test(req.path))?.methods;
    if (!allowed || allowed.includes(req.method)) return next();
    res.setHeader('Allow', allowed.join(', '));
    res.status(405).json(jsonError('method_not_allowed', `${req.method} is not allowed on ${req.path}; use ${allowed.join(' or ')}`));
  };
};
