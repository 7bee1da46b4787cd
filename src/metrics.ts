import client from 'prom-client';

/**
 * The process's Prometheus metrics. Counters are bumped where the fact is durable: a complaint once appended, an
 * event once its projection transaction has committed, a delivery once its outcome event is appended.
 */
export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'railsewa_' });

export const metrics = {
  complaintsSubmitted: new client.Counter({
    name: 'railsewa_complaints_submitted_total',
    help: 'Complaints appended to raw_tweets (durable, acknowledged to the passenger), by source',
    labelNames: ['source'] as const,
    registers: [registry],
  }),
  projectedEvents: new client.Counter({
    name: 'railsewa_projected_events_total',
    help: 'Events applied to the tweets read model in committed transactions, by event type',
    labelNames: ['type'] as const,
    registers: [registry],
  }),
  emergenciesProjected: new client.Counter({
    name: 'railsewa_emergencies_projected_total',
    help: 'Classifications projected as Emergency (prediction 1), by model version',
    labelNames: ['model_version'] as const,
    registers: [registry],
  }),
  deadLetters: new client.Counter({
    name: 'railsewa_dead_letters_total',
    help: 'Messages dead-lettered (to a dead-letter topic, or a projection\'s dead-letter rows), by source topic and reason code',
    labelNames: ['topic', 'code'] as const,
    registers: [registry],
  }),
  responseDeliveries: new client.Counter({
    name: 'railsewa_response_deliveries_total',
    help: "Admins' responses sent to the passenger's chat, by outcome (delivered or failed)",
    labelNames: ['outcome'] as const,
    registers: [registry],
  }),
  httpRequests: new client.Histogram({
    name: 'railsewa_http_request_duration_seconds',
    help: 'Read API requests, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  }),
  projectionLag: new client.Gauge({
    name: 'railsewa_projection_lag_events',
    help: "Events on each topic that a projection's checkpoints do not cover yet, by projection and topic (read at scrape time)",
    labelNames: ['projection', 'topic'] as const,
    registers: [registry],
  }),
};
