import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dotenv from 'dotenv';
import { z } from 'zod';
import { CURRENT_MODEL_VERSION, isModelVersion } from './classify';
import { DEFAULT_RESPONSE_TARGETS, MAX_TARGET_MINUTES, parseCategoryTargets, type ResponseTargets } from './projections/first-response';
import { PROJECTIONS } from './projections/registry';

/** Every setting, read once from the environment (or `.env`) and validated. Nothing else reads process.env. */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const targetMinutes = (fallback: number) =>
  optionalText.pipe(
    z.coerce
      .number({ message: 'a whole number of minutes' })
      .int('a whole number of minutes')
      .min(1, 'at least 1 minute')
      .max(MAX_TARGET_MINUTES, `at most ${MAX_TARGET_MINUTES} minutes (a week)`)
      .default(fallback),
  );

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Accepted for older deployments and ignored: sessions are server-side now (the read store holds them).
  SESSION_SECRET: optionalText,
  /** the former name of SESSION_ABSOLUTE_HOURS */
  SESSION_TTL_HOURS: optionalText.pipe(z.coerce.number().positive().optional()),
  SESSION_ABSOLUTE_HOURS: optionalText.pipe(z.coerce.number().positive().optional()),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(60),
  PUBLIC_URL: optionalText.pipe(
    z
      .string()
      .url()
      .refine((url) => /^https?:$/.test(new URL(url).protocol), 'PUBLIC_URL: an http: or https: URL')
      .optional(),
  ),
  TRUST_PROXY: optionalText,
  INTAKE_RATE_PER_MINUTE: z.coerce.number().int().positive().default(30),
  KAFKA_BROKERS: optionalText,
  KAFKA_TOPIC: optionalText,
  KAFKA_NAMESPACE: z.string().regex(/^[A-Za-z0-9._-]{0,100}$/, 'KAFKA_NAMESPACE: letters, digits, dot, dash, underscore').default(''),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'INSTANCE_ID: letters, digits, dot, dash, underscore').default(os.hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100) || 'railsewa'),
  SCHEMA_REGISTRY_URL: optionalText,
  DB_HOST: optionalText,
  DB_PORT: z.coerce.number().int().min(1).max(65535).default(3306),
  DB_USER: optionalText,
  DB_PASSWORD: optionalText,
  DB_NAME: z.string().default('railsewa'),
  SEARCH_TIME_LIMIT_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
  DB_READ_WORKERS: z.coerce.number().int().min(0).max(16).default(2),
  TELEGRAM_BOT_TOKEN: optionalText,
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.string().url().optional()),
  TELEGRAM_WEBHOOK_SECRET: optionalText.pipe(
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'TELEGRAM_WEBHOOK_SECRET: 16 to 256 letters, digits, _ or -').optional(),
  ),
  BOT_RATE_PER_MINUTE: z.coerce.number().int().positive().default(5),
  CLASSIFIER_MODEL: optionalText,
  METRICS_TOKEN: optionalText.pipe(
    z.string().regex(/^[A-Za-z0-9._~+/=-]{16,256}$/, 'METRICS_TOKEN: 16 to 256 letters, digits or ._~+/=-').optional(),
  ),
  METRICS_PORT: optionalText.pipe(z.coerce.number().int().min(0).max(65535).optional()),
  FIRST_RESPONSE_TARGET_MINUTES: targetMinutes(DEFAULT_RESPONSE_TARGETS.triage.routine),
  FIRST_RESPONSE_TARGET_REVIEW_MINUTES: targetMinutes(DEFAULT_RESPONSE_TARGETS.triage.review),
  FIRST_RESPONSE_TARGET_EMERGENCY_MINUTES: targetMinutes(DEFAULT_RESPONSE_TARGETS.triage.emergency),
  FIRST_RESPONSE_TARGETS: optionalText,
  PROJECTIONS: optionalText,
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: string;
  /** admin sessions: ended after `idleMs` without a request, and `absoluteMs` after the login in any case */
  session: { idleMs: number; absoluteMs: number };
  /** the dashboard's own origin (`https://ops.example.org`), from PUBLIC_URL; unset: the origin it is reached at */
  publicOrigin?: string;
  /** Express's `trust proxy`: which peers' X-Forwarded-For / -Proto to believe (false: none, the default) */
  trustProxy: TrustProxy;
  intakeRatePerMinute: number;
  partitions: number;
  /** KAFKA_TOPIC, when set; otherwise `<namespace>raw_tweets` */
  rawTopic?: string;
  namespace: string;
  eventLog: { engine: 'embedded'; file: string } | { engine: 'kafka'; brokers: string[]; schemaRegistryUrl: string };
  /** names this process (its live-push consumer group) */
  instanceId: string;
  readStore:
    | { engine: 'sqlite'; file: string }
    | {
        engine: 'mysql';
        host: string;
        port: number;
        user: string;
        password: string;
        database: string;
        /** a search query is stopped by the server after this long and answered 503 */
        searchTimeLimitMs: number;
        /** threads that read pages of complaints and encode their JSON (0: the event loop does) */
        readWorkers: number;
      };
  telegram: { token?: string; apiRoot: string; webhookUrl?: string; webhookSecret?: string; ratePerMinute: number };
  /** the model version that classifies new complaints (CURRENT_MODEL_VERSION unless CLASSIFIER_MODEL says another) */
  classifierModel: string;
  /** Prometheus metrics: on the read API's port, and on `port` for the other roles; off without a token */
  metrics: { token?: string; port?: number };
  /** first-response targets in minutes, per triage and per category (the stricter applies) */
  responseTargets: ResponseTargets;
  /** the registered projections this process runs live (serve, projector): PROJECTIONS, or every one */
  projections: string[];
}

export class ConfigError extends Error {}

export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as Express takes it: `false` (default), a hop count, or addresses, subnets and names, comma-separated. */
export const parseTrustProxy = (value: string | undefined): TrustProxy => {
  if (value === undefined || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((v) => v.trim()).filter(Boolean);
  const address = /^[0-9A-Fa-f:.]+(\/\d{1,3})?$/;
  const bad = entries.find((entry) => !PROXY_NAMES.has(entry) && !address.test(entry));
  if (entries.length === 0 || bad !== undefined) {
    throw new ConfigError(
      `invalid configuration:\n  TRUST_PROXY: false, a hop count, or addresses/subnets/loopback, comma-separated (not ${JSON.stringify(bad ?? value)})`,
    );
  }
  return entries;
};

/** FIRST_RESPONSE_TARGETS replaces the default category targets; `none` sets none. */
const categoryTargets = (value: string | undefined): ResponseTargets['category'] => {
  if (value === undefined) return DEFAULT_RESPONSE_TARGETS.category;
  if (value === 'none') return {};
  try {
    return parseCategoryTargets(value);
  } catch (error) {
    throw new ConfigError(
      `invalid configuration:\n  FIRST_RESPONSE_TARGETS: ${(error as Error).message}; write category=minutes pairs, comma-separated (medical=8,security=8), or none`,
    );
  }
};

export const loadConfig = (env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config => {
  const fromFile = fs.existsSync(envFile) ? dotenv.parse(fs.readFileSync(envFile)) : {};
  const parsed = schema.safeParse({ ...fromFile, ...env });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.KAFKA_BROKERS) !== Boolean(e.SCHEMA_REGISTRY_URL)) {
    throw new ConfigError('invalid configuration:\n  KAFKA_BROKERS and SCHEMA_REGISTRY_URL select Kafka together: set both or neither');
  }
  if (e.DB_HOST && (!e.DB_USER || e.DB_PASSWORD === undefined)) {
    throw new ConfigError('invalid configuration:\n  DB_HOST selects MySQL: DB_USER and DB_PASSWORD are required too');
  }
  const classifierModel = e.CLASSIFIER_MODEL ?? CURRENT_MODEL_VERSION;
  if (!isModelVersion(classifierModel)) {
    throw new ConfigError(`invalid configuration:\n  CLASSIFIER_MODEL: there is no model ${JSON.stringify(classifierModel)} (rules-1 or a file in src/classify/models)`);
  }
  const registered = PROJECTIONS.map((p) => p.name);
  const projections = e.PROJECTIONS === undefined ? registered : [...new Set(e.PROJECTIONS.split(',').map((name) => name.trim()).filter(Boolean))];
  const unknown = projections.find((name) => !registered.includes(name));
  if (unknown !== undefined || projections.length === 0) {
    throw new ConfigError(`invalid configuration:\n  PROJECTIONS: comma-separated names of ${registered.join(', ')} (not ${JSON.stringify(unknown ?? e.PROJECTIONS)})`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    responseTargets: {
      triage: {
        emergency: e.FIRST_RESPONSE_TARGET_EMERGENCY_MINUTES,
        review: e.FIRST_RESPONSE_TARGET_REVIEW_MINUTES,
        routine: e.FIRST_RESPONSE_TARGET_MINUTES,
      },
      category: categoryTargets(e.FIRST_RESPONSE_TARGETS),
    },
    port: e.PORT,
    host: e.HOST,
    dataDir,
    logLevel: e.LOG_LEVEL,
    session: {
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: (e.SESSION_ABSOLUTE_HOURS ?? e.SESSION_TTL_HOURS ?? 12) * 3600_000,
    },
    publicOrigin: e.PUBLIC_URL === undefined ? undefined : new URL(e.PUBLIC_URL).origin,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    intakeRatePerMinute: e.INTAKE_RATE_PER_MINUTE,
    partitions: e.KAFKA_PARTITIONS,
    rawTopic: e.KAFKA_TOPIC,
    namespace: e.KAFKA_NAMESPACE,
    instanceId: e.INSTANCE_ID,
    eventLog:
      e.KAFKA_BROKERS && e.SCHEMA_REGISTRY_URL
        ? { engine: 'kafka', brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()), schemaRegistryUrl: e.SCHEMA_REGISTRY_URL }
        : { engine: 'embedded', file: path.join(dataDir, 'events.db') },
    readStore: e.DB_HOST
      ? { engine: 'mysql', host: e.DB_HOST, port: e.DB_PORT, user: e.DB_USER ?? '', password: e.DB_PASSWORD ?? '', database: e.DB_NAME, searchTimeLimitMs: e.SEARCH_TIME_LIMIT_MS, readWorkers: e.DB_READ_WORKERS }
      : { engine: 'sqlite', file: path.join(dataDir, 'read.db') },
    telegram: {
      token: e.TELEGRAM_BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT,
      webhookUrl: e.TELEGRAM_WEBHOOK_URL,
      webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
      ratePerMinute: e.BOT_RATE_PER_MINUTE,
    },
    classifierModel,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    projections,
  };
};
