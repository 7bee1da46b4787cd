import type Database from 'better-sqlite3';

/** Tables of the embedded event log: messages per topic partition, consumer offsets and the local schema table. */
export const createEmbeddedSchema = (db: Database.Database): void => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS topics (
      name TEXT PRIMARY KEY,
      partitions INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS messages (
      topic TEXT NOT NULL,
      partition_no INTEGER NOT NULL,
      offset_no INTEGER NOT NULL,
      key TEXT,
      value BLOB,
      headers TEXT NOT NULL DEFAULT '{}',
      ts INTEGER NOT NULL,
      PRIMARY KEY (topic, partition_no, offset_no)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS consumer_offsets (
      group_id TEXT NOT NULL,
      topic TEXT NOT NULL,
      partition_no INTEGER NOT NULL,
      next_offset INTEGER NOT NULL,
      PRIMARY KEY (group_id, topic, partition_no)
    );
    CREATE TABLE IF NOT EXISTS schemas (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      definition TEXT NOT NULL UNIQUE
    );
    CREATE TABLE IF NOT EXISTS subject_versions (
      subject TEXT NOT NULL,
      version INTEGER NOT NULL,
      schema_id INTEGER NOT NULL REFERENCES schemas (id),
      PRIMARY KEY (subject, version)
    );
  `);
};
