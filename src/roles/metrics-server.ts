import http from 'node:http';
import express from 'express';
import { errorMiddleware, notFoundRoute } from '../read-api/errors';
import { metricsRouter } from '../read-api/metrics';
import type { Runtime } from '../runtime';

export interface MetricsServer {
  url: string;
  stop(): Promise<void>;
}

/** `/metrics` on METRICS_PORT, for the roles that serve no read API (classifier, projector, bot). */
export const startMetricsServer = async (runtime: Runtime, port: number): Promise<MetricsServer> => {
  const { config, events, store, logger } = runtime;
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsRouter({ token: config.metrics.token, events, store }));
  app.use(notFoundRoute);
  app.use(errorMiddleware(logger));
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${config.host}:${bound}/metrics`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
