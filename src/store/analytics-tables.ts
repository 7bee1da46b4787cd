import type { ReadStore } from './read-store';

/** One generation of the analytics read model: a rebuild writes a new generation beside the live one. */
export interface AnalyticsTables {
  /** one small row per complaint: what decides its buckets (projections/analytics-complaint.ts) */
  complaints: string;
  /** counts per hour, category, triage, source and language */
  hourly: string;
  /** counts per hour and train */
  trains: string;
  checkpoints: string;
}

export const LIVE_ANALYTICS_TABLES: AnalyticsTables = {
  complaints: 'analytics_complaints',
  hourly: 'analytics_hourly',
  trains: 'analytics_trains',
  checkpoints: 'analytics_checkpoints',
};

/** A generation's tables, named with its suffix (`analytics_hourly_r123`). */
export const analyticsTablesOf = (suffix: string): AnalyticsTables => ({
  complaints: `${LIVE_ANALYTICS_TABLES.complaints}_${suffix}`,
  hourly: `${LIVE_ANALYTICS_TABLES.hourly}_${suffix}`,
  trains: `${LIVE_ANALYTICS_TABLES.trains}_${suffix}`,
  checkpoints: `${LIVE_ANALYTICS_TABLES.checkpoints}_${suffix}`,
});

const sqliteDdl = (t: AnalyticsTables): string[] => [
  `CREATE TABLE IF NOT EXISTS ${t.complaints} (
    complaint_id TEXT PRIMARY KEY,
    received_at TEXT,
    source TEXT,
    classified_key TEXT,
    prediction INTEGER,
    category TEXT,
    review INTEGER NOT NULL DEFAULT 0,
    language TEXT,
    train TEXT,
    relabeled_key TEXT,
    relabeled_prediction INTEGER,
    relabeled_category TEXT,
    first_response_at TEXT
  )`,
  `CREATE TABLE IF NOT EXISTS ${t.hourly} (
    hour TEXT NOT NULL,
    category TEXT NOT NULL,
    triage TEXT NOT NULL,
    source TEXT NOT NULL,
    language TEXT NOT NULL,
    complaints INTEGER NOT NULL DEFAULT 0,
    emergencies INTEGER NOT NULL DEFAULT 0,
    review INTEGER NOT NULL DEFAULT 0,
    first_responses INTEGER NOT NULL DEFAULT 0,
    first_response_seconds INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, category, triage, source, language)
  )`,
  `CREATE TABLE IF NOT EXISTS ${t.trains} (
    hour TEXT NOT NULL,
    train TEXT NOT NULL,
    complaints INTEGER NOT NULL DEFAULT 0,
    emergencies INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, train)
  )`,
  `CREATE TABLE IF NOT EXISTS ${t.checkpoints} (
    topic TEXT NOT NULL,
    partition_no INTEGER NOT NULL,
    next_offset INTEGER NOT NULL,
    PRIMARY KEY (topic, partition_no)
  )`,
];

const mysqlDdl = (t: AnalyticsTables): string[] => [
  `CREATE TABLE IF NOT EXISTS ${t.complaints} (
    complaint_id VARCHAR(64) NOT NULL PRIMARY KEY,
    received_at VARCHAR(32),
    source VARCHAR(20),
    classified_key VARCHAR(100),
    prediction TINYINT,
    category VARCHAR(40),
    review TINYINT NOT NULL DEFAULT 0,
    language VARCHAR(10),
    train VARCHAR(10),
    relabeled_key VARCHAR(100),
    relabeled_prediction TINYINT,
    relabeled_category VARCHAR(40),
    first_response_at VARCHAR(32)
  ) ENGINE=InnoDB`,
  `CREATE TABLE IF NOT EXISTS ${t.hourly} (
    hour CHAR(24) NOT NULL,
    category VARCHAR(40) NOT NULL,
    triage VARCHAR(12) NOT NULL,
    source VARCHAR(20) NOT NULL,
    language VARCHAR(10) NOT NULL,
    complaints INT NOT NULL DEFAULT 0,
    emergencies INT NOT NULL DEFAULT 0,
    review INT NOT NULL DEFAULT 0,
    first_responses INT NOT NULL DEFAULT 0,
    first_response_seconds BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, category, triage, source, language)
  ) ENGINE=InnoDB`,
  `CREATE TABLE IF NOT EXISTS ${t.trains} (
    hour CHAR(24) NOT NULL,
    train VARCHAR(10) NOT NULL,
    complaints INT NOT NULL DEFAULT 0,
    emergencies INT NOT NULL DEFAULT 0,
    PRIMARY KEY (hour, train)
  ) ENGINE=InnoDB`,
  `CREATE TABLE IF NOT EXISTS ${t.checkpoints} (
    topic VARCHAR(255) NOT NULL,
    partition_no INT NOT NULL,
    next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, partition_no)
  ) ENGINE=InnoDB`,
];

/** Creates a generation of the analytics tables if it is not there (the hour leads every key: ranges read by it). */
export const createAnalyticsTables = async (store: ReadStore, tables: AnalyticsTables = LIVE_ANALYTICS_TABLES): Promise<void> => {
  for (const sql of store.dialect === 'sqlite' ? sqliteDdl(tables) : mysqlDdl(tables)) await store.execute(sql);
};

export const dropAnalyticsTables = async (store: ReadStore, tables: AnalyticsTables): Promise<void> => {
  for (const table of Object.values(tables)) await store.execute(`DROP TABLE IF EXISTS ${table}`);
};
