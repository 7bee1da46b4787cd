import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import type { Router } from 'express';
import { commandDeps } from './command-deps';
import { RecentDecisions } from '../commands/recent-decisions';
import { findTweet, type StoredTweet } from '../projections/tweets';
import type { FoundComplaint } from '../commands/handlers';
import { createApp } from '../read-api/app';
import { defaultHasher, findAdminByName, prepareLogins } from '../read-api/admins';
import { LiveGateway } from '../read-api/gateway';
import type { LoginThrottleOptions } from '../read-api/login-throttle';
import type { PasswordHasher } from '../read-api/passwords';
import { Sessions } from '../read-api/session';
import type { Runtime } from '../runtime';

export interface ApiRole {
  server: http.Server;
  gateway: LiveGateway;
  url: string;
  stop(): Promise<void>;
}

/** A request's headers must arrive within this, and its whole body within REQUEST_TIMEOUT_MS (slow senders are cut). */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** how often Node looks for requests past those limits (its default, 30 s, would let them run twice as long) */
const TIMEOUT_CHECK_MS = 2_000;

export interface ApiOptions {
  routers?: Router[];
  /** tests count its calls */
  hasher?: PasswordHasher;
  loginThrottle?: LoginThrottleOptions;
  sessionCheckEveryMs?: number;
}

const findWebDir = (): string => {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'web', 'index.html'))) return path.join(dir, 'web');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('web/ folder not found above ' + __dirname);
    dir = parent;
  }
};

/** A complaint's place in the workflow as the read model knows it: what the workflow decider judges a step against. */
const workflowOf = (row: StoredTweet): FoundComplaint['workflow'] => ({
  status: row.status === 'incomplete' ? (row.workflow_status ?? 'new') : row.status,
  assignedTo: row.assigned_to,
  lastNote: row.last_note === null || row.last_note_by === null ? null : { text: row.last_note, by: row.last_note_by },
  lastAt: row.workflow_at === null || (row.last_note_at !== null && row.last_note_at > row.workflow_at) ? row.last_note_at : row.workflow_at,
});

/** The read API and the live gateway on one HTTP server. */
export const startApi = async (runtime: Runtime, options: ApiOptions = {}): Promise<ApiRole> => {
  const { config, logger, store } = runtime;
  // Sessions live in the read store: every API process on it shares them, and they outlive restarts.
  const sessions = new Sessions(store, config.session);
  const hasher = options.hasher ?? defaultHasher;
  await prepareLogins(hasher);
  const commands = {
    ...commandDeps(runtime),
    findComplaint: async (idOrReference: string) => {
      const row = await findTweet(store, idOrReference);
      return row ? { complaintId: row.tweet_id, chatId: row.chat_id, workflow: workflowOf(row) } : null;
    },
    findAdmin: (username: string) => findAdminByName(store, username),
    recent: new RecentDecisions(),
  };
  const app = createApp({
    store,
    commands,
    sessions,
    hasher,
    loginThrottle: options.loginThrottle,
    publicOrigin: config.publicOrigin,
    trustProxy: config.trustProxy,
    logger,
    intakeRatePerMinute: config.intakeRatePerMinute,
    webDir: findWebDir(),
    routers: options.routers,
    metrics: { token: config.metrics.token, events: runtime.events, store },
    ready: async () => {
      await store.query('SELECT 1 AS ok');
      return true;
    },
  });
  const server = http.createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    app,
  );
  const gateway = new LiveGateway(server, store, sessions, logger, {
    publicOrigin: config.publicOrigin,
    sessionCheckEveryMs: options.sessionCheckEveryMs,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}/`;
  return {
    server,
    gateway,
    url,
    stop: async () => {
      await gateway.close();
      server.closeAllConnections();
    },
  };
};
