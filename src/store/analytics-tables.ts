import type { ReadStore } from './read-store';

/** One generation of the analytics read model's tables, by role (a rebuild writes a new generation beside the live one). */
export interface AnalyticsTables {
  /** one small row per complaint: what decides its buckets (projections/analytics-complaint.ts) */
  complaints: string;
  /** counts per hour, category, triage, source and language */
  hourly: string;
  /** counts per hour and train */
  trains: string;
}

export const LIVE_ANALYTICS_TABLES: AnalyticsTables = {
  complaints: 'analytics_complaints',
  hourly: 'analytics_hourly',
  trains: 'analytics_trains',
};

const sqliteDdl = (t: Readonly<AnalyticsTables>): string[] => [
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
];

const mysqlDdl = (t: Readonly<AnalyticsTables>): string[] => [
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
];

/**
 * Creates a generation of the analytics tables if it is not there. Every table is read through its primary key only
 * (the hour leads the bucket tables' keys: ranges are read by it), so a rebuild needs no index built afterwards.
 */
export const createAnalyticsTables = async (store: ReadStore, tables: Readonly<AnalyticsTables>): Promise<void> => {
  for (const sql of store.dialect === 'sqlite' ? sqliteDdl(tables) : mysqlDdl(tables)) await store.execute(sql);
};
