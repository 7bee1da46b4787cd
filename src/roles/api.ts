import http from 'node:http';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import type { Router } from 'express';
import { commandDeps } from './command-deps';
import { findTweet } from '../projections/tweets';
import { createApp } from '../read-api/app';
import { LiveGateway } from '../read-api/gateway';
import { Sessions } from '../read-api/session';
import type { Runtime } from '../runtime';

export interface ApiRole {
  server: http.Server;
  gateway: LiveGateway;
  url: string;
  stop(): Promise<void>;
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

/** The read API and the live gateway on one HTTP server. */
export const startApi = async (runtime: Runtime, options: { routers?: Router[] } = {}): Promise<ApiRole> => {
  const { config, logger, store } = runtime;
  let secret = config.sessionSecret;
  if (!secret) {
    // Sessions then last as long as this process; several API processes need SESSION_SECRET set alike.
    secret = randomBytes(32).toString('hex');
    logger.warn('SESSION_SECRET is not set: sessions end when this process stops');
  }
  const sessions = new Sessions(secret, config.sessionTtlMs);
  const commands = {
    ...commandDeps(runtime),
    findComplaint: async (idOrReference: string) => {
      const row = await findTweet(store, idOrReference);
      return row ? { complaintId: row.tweet_id, chatId: row.chat_id } : null;
    },
  };
  const app = createApp({
    store,
    commands,
    sessions,
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
  const server = http.createServer(app);
  const gateway = new LiveGateway(server, store, sessions, logger);
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
